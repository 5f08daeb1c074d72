"""The handover summary: generated from the record each time it is read, never copied.

Two readings of the same record. Staff who may read the handover (the new and the
outgoing worker, the team's supervisor: ``Can.READ_HANDOVER``) get what the
record shows them; the person gets the same headings from what they can see
themselves (shared notes only, alerts they were told about). A fixed number of
queries however long the record; the organisation administrator never gets it.
"""

from __future__ import annotations

from casework import access
from casework.access import Can
from casework.appointments.reads import upcoming_for_person
from casework.models import Person
from casework.record.overview import open_requests
from strengths.models import PlanAgreement, SignificantOther
from strengths.story.overview import goals_working_on_now

GOALS_SHOWN = 8
SESSIONS_SHOWN = 3
APPOINTMENTS_SHOWN = 3
CIRCLE_SHOWN = 12


def _plan(person: Person) -> dict:
    plan = person.recovery_plans.filter(is_current=True).only("pk", "review_due").first()
    agreed = (
        PlanAgreement.objects.filter(plan_version__plan=plan, answer=PlanAgreement.Answer.AGREE)
        .only("created_at")
        .order_by("-created_at", "-id")
        .first()
        if plan
        else None
    )
    return {
        "exists": plan is not None,
        "review_due": plan.review_due if plan else None,
        "agreed_at": agreed.created_at if agreed else None,
    }


def _circle(person: Person) -> list[SignificantOther]:
    return list(
        person.circle.active()
        .only("pk", "person_id", "name", "relationship", "involvement")
        .order_by("name", "pk")[:CIRCLE_SHOWN]
    )


def _common(person: Person) -> dict:
    return {
        "wants": person.about_me,
        "goals": list(goals_working_on_now(person, GOALS_SHOWN)),
        "plan": _plan(person),
        "circle": _circle(person),
        "next_appointments": upcoming_for_person(person, limit=APPOINTMENTS_SHOWN),
    }


def for_staff(user, person: Person) -> dict:
    """The summary as ``user`` may read it (the view has checked ``Can.READ_HANDOVER``)."""
    abilities = access.capabilities(user, person)
    alerts = (
        list(
            access.alerts_visible_to(user, person)
            .current()
            .only("pk", "person_id", "wording", "review_by", "person_told")
            .order_by("review_by", "pk")
        )
        if Can.READ_ALERTS in abilities
        else []
    )
    sessions = list(
        access.notes_visible_to(user, person)
        .only("pk", "person_id", "happened_at", "next_steps", "withheld_reason")
        .order_by("-happened_at", "-id")[:SESSIONS_SHOWN]
    )
    return {
        **_common(person),
        "alerts": alerts,
        "last_sessions": sessions,
        **open_requests(user, person, abilities),
    }


def for_person(person: Person) -> dict:
    """The summary in the person's own space: only what they can see themselves."""
    sessions = list(
        person.notes.filter(withheld_reason="")
        .only("pk", "person_id", "happened_at", "next_steps", "withheld_reason")
        .order_by("-happened_at", "-id")[:SESSIONS_SHOWN]
    )
    return {
        **_common(person),
        "alerts": list(
            person.alerts.told().current().only("pk", "wording", "review_by").order_by("review_by")
        ),
        "last_sessions": sessions,
        "open_check_ins": person.check_ins.filter(seen_at__isnull=True).count(),
    }
