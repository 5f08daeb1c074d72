"""The casework app's models, gathered from its domain packages so Django finds them.

Each model lives with its domain (``casework/<domain>/models.py``); import from
there, or from here, which re-exports them all. Nothing else belongs here.
"""

from casework.accounts.models import AccountInvitation
from casework.alerts.models import Alert, AlertResponse, AlertReview
from casework.appointments.models import (
    Appointment,
    AppointmentChange,
    CalendarSubscription,
    RearrangeRequest,
)
from casework.checkins.models import CheckIn
from casework.crisis.models import CrisisLine
from casework.handover.models import Handover, HandoverResponse
from casework.notes.feedback_models import CorrectionRequest, SessionFeedback
from casework.notes.models import (
    NOTE_TEXT_HELP,
    NOTE_TEXT_LIMIT,
    NoteAddendum,
    NoteSharingChange,
    SessionNote,
)
from casework.peer.models import PeerNoteSharingChoice
from casework.people.models import (
    ADMIN_HOLDS_NO_ROLE_IN_RECORDS,
    AccessEvent,
    AccessEventQuerySet,
    CaseAssignment,
    CaseAssignmentQuerySet,
    ContactMethod,
    Organisation,
    Person,
    ProfileChange,
    StaffMembership,
    SupportContext,
    Team,
    User,
    refuse_org_admin,
    validate_support_contexts,
)
from casework.practice.models import SupervisionNote
from casework.reminders.models import ReminderPreference, SentMessage
from casework.security.models import AuthenticatorDevice, RecoveryCodes

__all__ = [
    "AuthenticatorDevice",
    "RecoveryCodes",
    "ADMIN_HOLDS_NO_ROLE_IN_RECORDS",
    "NOTE_TEXT_HELP",
    "NOTE_TEXT_LIMIT",
    "AccessEvent",
    "AccessEventQuerySet",
    "AccountInvitation",
    "Alert",
    "Appointment",
    "AppointmentChange",
    "CalendarSubscription",
    "RearrangeRequest",
    "AlertResponse",
    "AlertReview",
    "CaseAssignment",
    "CaseAssignmentQuerySet",
    "CheckIn",
    "ContactMethod",
    "CorrectionRequest",
    "CrisisLine",
    "Handover",
    "HandoverResponse",
    "NoteAddendum",
    "NoteSharingChange",
    "Organisation",
    "PeerNoteSharingChoice",
    "Person",
    "ProfileChange",
    "SessionFeedback",
    "SessionNote",
    "StaffMembership",
    "SupervisionNote",
    "SupportContext",
    "Team",
    "User",
    "ReminderPreference",
    "SentMessage",
    "refuse_org_admin",
    "validate_support_contexts",
]
