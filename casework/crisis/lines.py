"""Which numbers a person sees on their "I need help now" page, and their working team."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.crisis.models import CrisisLine
from casework.people.models import CaseAssignment, Person, StaffMembership, Team


@dataclass(frozen=True)
class Line:
    name: str | Promise
    number: str
    how: str  # CrisisLine.How
    when: str | Promise = ""
    text_word: str = ""

    @property
    def dial(self) -> str:
        return "".join(c for c in self.number if c.isdigit() or c == "+")

    @property
    def href(self) -> str:
        if self.how == CrisisLine.How.TEXT:
            body = f"?body={quote(self.text_word)}" if self.text_word else ""
            return f"sms:{self.dial}{body}"
        return f"tel:{self.dial}"

    @property
    def action(self) -> str:
        if self.how == CrisisLine.How.TEXT:
            if self.text_word:
                return gettext("Text %(word)s to %(number)s") % {
                    "word": self.text_word,
                    "number": self.number,
                }
            return gettext("Text %(number)s") % {"number": self.number}
        return gettext("Call %(number)s") % {"number": self.number}


EMERGENCY = Line(_("Emergency"), "999", CrisisLine.How.CALL, _("If anyone is in danger now."))

# Shown when neither the team nor the organisation has set its own numbers. Short
# words, so the numbers and the person's own plan fit on one phone screen.
NATIONAL_LINES = [
    Line("NHS 111", "111", CrisisLine.How.CALL, _("Choose option 2 for mental health. Any time.")),
    Line(_("Samaritans"), "116 123", CrisisLine.How.CALL, _("Any time. Free.")),
    Line("Shout", "85258", CrisisLine.How.TEXT, _("Any time. Free."), "SHOUT"),
]


def _line(row: CrisisLine) -> Line:
    return Line(row.name, row.number, row.how, row.when, row.text_word)


def team_for(person: Person) -> Team | None:
    """The person's team; without one, the lead worker's team in the person's organisation
    (or any worker's, if they have no lead)."""
    if person.team_id:
        return person.team
    assignments = (
        CaseAssignment.objects.active()
        .filter(person=person)
        .exclude(role=CaseAssignment.Role.PEER_SUPPORT)
        .order_by("role", "id")  # "co_worker" < "lead": the lead comes last, take it first
        .values_list("worker_id", "role")
    )
    workers = sorted(assignments, key=lambda a: a[1] != CaseAssignment.Role.LEAD)
    for worker_id, _role in workers:
        membership = (
            StaffMembership.objects.filter(
                user_id=worker_id, team__organisation_id=person.organisation_id
            )
            .select_related("team")
            .order_by("id")
            .first()
        )
        if membership:
            return membership.team
    return None


def lines_for(person: Person, team: Team | None) -> list[Line]:
    """999 first, then the team's own numbers, else the organisation's, else the national lines."""
    rows = []
    if team is not None:
        rows = list(CrisisLine.objects.filter(team=team))
    if not rows:
        rows = list(
            CrisisLine.objects.filter(organisation_id=person.organisation_id, team__isnull=True)
        )
    return [EMERGENCY, *([_line(r) for r in rows] or NATIONAL_LINES)]
