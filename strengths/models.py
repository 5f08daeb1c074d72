"""The person's own recovery content: goals, strengths, circle, setbacks, plan.

The recovery plan's models live in ``strengths.plan_models`` (imported at the
end of this module) so goals, strengths and the plan can grow side by side.
"""

# --- Recovery plan (issue 6) -------------------------------------------------
from strengths.plan_models import (  # noqa: E402, F401
    PlanAgreement,
    PlanDifference,
    PlanDifferenceResolution,
    PlanSection,
    PlanSectionRevision,
    PlanVersion,
    RecoveryPlan,
)
