"""The one place that decides who may see or change a person's record.

Policy (docs/architecture.md, DESIGN section 5):

* a worker reaches a person only through an active ``CaseAssignment``;
* a supervisor also reads (never writes) the people assigned to workers in the
  teams they supervise; they write only where they are assigned themselves;
* a person reaches only their own record, through ``get_own_person``;
* an organisation administrator reaches no record content.

"Not yours" and "does not exist" both raise ``Http404`` so a record's existence
never leaks. Every successful lookup writes an ``AccessEvent``; changes are
logged by the action functions that make them, through ``record_change``.
Views never look people, notes, goals or plan items up by id themselves: they
get the person here and reach the rest through it (``person.notes.get(...)``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest

from casework.models import AccessEvent, CaseAssignment, Person, StaffMembership, User

security_log = logging.getLogger("recovery_practice.security")

SUPERVISOR_READ_ONLY = "Supervisor (read only)"
THE_PERSON = "The person"


def _is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def supervised_team_ids(user) -> QuerySet:
    return StaffMembership.objects.filter(user=user, role=StaffMembership.Role.SUPERVISOR).values(
        "team_id"
    )


def _assigned_person_ids(user) -> QuerySet:
    return CaseAssignment.objects.active().filter(worker=user).values("person_id")


def _supervised_person_ids(user) -> QuerySet:
    team_workers = StaffMembership.objects.filter(team_id__in=supervised_team_ids(user)).values(
        "user_id"
    )
    return CaseAssignment.objects.active().filter(worker_id__in=team_workers).values("person_id")


def people_visible_to(user) -> QuerySet[Person]:
    """People whose record ``user`` may read as staff (a person's own login gets none)."""
    if not _is_signed_in(user):
        return Person.objects.none()
    return Person.objects.filter(
        Q(pk__in=_assigned_person_ids(user)) | Q(pk__in=_supervised_person_ids(user))
    )


def people_writable_by(user) -> QuerySet[Person]:
    """People whose record ``user`` may change: only through their own active assignment."""
    if not _is_signed_in(user):
        return Person.objects.none()
    return Person.objects.filter(pk__in=_assigned_person_ids(user))


def may_write(user, person: Person) -> bool:
    """Whether ``user`` may change ``person``'s record (an active assignment of their own).

    Free for a person from ``get_person_for``, which read the assignment with the access check.
    """
    known = getattr(person, "_assignment_role_for", None)
    if known is not None and known[0] == user.pk:
        return known[1] is not None
    return people_writable_by(user).filter(pk=person.pk).exists()


def caseload_for(user) -> QuerySet[Person]:
    """The people on ``user``'s own active caseload (what a worker's home page lists)."""
    return people_writable_by(user)


def _parse_pk(pk) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such record.") from None
    if value < 1 or value > 2**63 - 1:
        raise Http404("No such record.")
    return value


def acting_role(user: User, person: Person) -> str:
    """How ``user`` stands to ``person``'s record right now, in plain words."""
    if person.user_id is not None and person.user_id == user.pk:
        return THE_PERSON
    known = getattr(person, "_assignment_role_for", None)
    if known is not None and known[0] == user.pk:
        # Read with the person by get_person_for, in the same query as the access check.
        role = known[1]
        return CaseAssignment.Role(role).label if role else SUPERVISOR_READ_ONLY
    assignment = (
        CaseAssignment.objects.active().filter(worker=user, person=person).order_by("role").first()
    )
    if assignment:
        return assignment.get_role_display()
    return SUPERVISOR_READ_ONLY


def record_access(user: User, person: Person, action: str, what: str) -> AccessEvent:
    return AccessEvent.objects.create(
        person=person,
        actor=user,
        action=action,
        what=what[:200],
        acting_role=acting_role(user, person),
    )


def record_change(user: User, person: Person, what: str) -> AccessEvent:
    """Log that ``user`` changed ``what`` in ``person``'s record. Action functions call this."""
    return record_access(user, person, AccessEvent.Action.CHANGED, what)


def _refuse(request: HttpRequest) -> Http404:
    """Log a refused lookup (ASVS V7.2.2) and return the 404 to raise.

    The log does not say whether the record exists: missing and forbidden read alike.
    """
    from casework.security import client_ip

    user = request.user
    security_log.warning(
        "record access refused: user_id=%s username=%s ip=%s path=%s",
        user.pk,
        getattr(user, "username", ""),
        client_ip(request),
        request.path,
    )
    return Http404("No such record.")


def get_person_for(
    request: HttpRequest, pk, *, write: bool = False, what: str = "their overview"
) -> Person:
    """Return the person with id ``pk`` if the signed-in staff member may reach them.

    Raises ``Http404`` for missing and forbidden alike. ``write=True`` asks for
    change rights (an active assignment). A read is logged here; a change is
    logged by the action function that makes it (``record_change``), so a form
    that fails validation does not claim a change.
    """
    try:
        pk = _parse_pk(pk)
    except Http404:
        raise _refuse(request) from None
    allowed = people_writable_by(request.user) if write else people_visible_to(request.user)
    my_role = (
        CaseAssignment.objects.active()
        .filter(worker=request.user, person=OuterRef("pk"))
        .order_by("role")
        .values("role")[:1]
    )
    person = (
        allowed.filter(pk=pk)
        .select_related("user")
        .annotate(assignment_role_here=Subquery(my_role))
        .first()
    )
    if person is None:
        raise _refuse(request)
    person._assignment_role_for = (request.user.pk, person.assignment_role_here)
    if request.method in ("GET", "HEAD"):
        record_access(request.user, person, AccessEvent.Action.VIEWED, what)
    return person


def get_own_person(request: HttpRequest, *, what: str = "your record") -> Person:
    """The record belonging to the signed-in person; 404 for any other login."""
    if not _is_signed_in(request.user):
        raise _refuse(request)
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise _refuse(request)
    if request.method in ("GET", "HEAD"):
        record_access(request.user, person, AccessEvent.Action.VIEWED, what)
    return person


@dataclass(frozen=True)
class SignedInAs:
    """What the header says about the current login: kind and a plain description."""

    kind: str  # "person", "org_admin", "supervisor", "worker" or "none"
    label: str


def signed_in_as(user) -> SignedInAs:
    if not _is_signed_in(user):
        return SignedInAs("none", "")
    # One query for staff: their memberships, each saying whether the login is also a person's.
    is_person = Exists(Person.objects.filter(user=OuterRef("user")))
    memberships = list(user.memberships.select_related("team").annotate(is_person=is_person))
    if (memberships and memberships[0].is_person) or (
        not memberships and Person.objects.filter(user=user).exists()
    ):
        return SignedInAs("person", "Your own account")
    supervising = [m for m in memberships if m.role == StaffMembership.Role.SUPERVISOR]
    if supervising:
        teams = ", ".join(m.team.name for m in supervising)
        return SignedInAs("supervisor", f"Supervisor, {teams}")
    if memberships:
        m = memberships[0]
        return SignedInAs("worker", f"{m.get_role_display()}, {m.team.name}")
    if user.is_org_admin:
        return SignedInAs("org_admin", "Organisation administrator")
    return SignedInAs("none", "No role yet")


def notes_visible_to(user):
    """Session notes ``user`` may read as staff: those of ``people_visible_to(user)``."""
    from casework.models import SessionNote

    return SessionNote.objects.filter(person__in=people_visible_to(user))


def notes_searchable_by(user):
    """Notes a search may return: the user's own active caseload only.

    Narrower than ``notes_visible_to`` on purpose: a supervisor's team-wide read
    is logged person by person when they open a record, and a search across the
    team would read many records at once (docs/architecture.md, "Session notes").
    """
    from casework.models import SessionNote

    return SessionNote.objects.filter(person__in=caseload_for(user))


def record_search_views(user, people) -> None:
    """Log that ``user`` saw search snippets from each of ``people`` (two queries in all)."""
    people = list({p.pk: p for p in people}.values())
    if not people:
        return
    roles = dict(
        CaseAssignment.objects.active()
        .filter(worker=user, person__in=people)
        .order_by("-role")
        .values_list("person_id", "role")
    )
    labels = dict(CaseAssignment.Role.choices)
    AccessEvent.objects.bulk_create(
        AccessEvent(
            person=p,
            actor=user,
            action=AccessEvent.Action.VIEWED,
            what="their session notes (search results)",
            acting_role=labels.get(roles.get(p.pk), SUPERVISOR_READ_ONLY),
        )
        for p in people
    )


def get_note_for(person: Person, note_id, queryset=None):
    """A note of ``person`` (already reached through ``get_person_for``), or ``Http404``."""
    notes = queryset if queryset is not None else person.notes.all()
    note = notes.filter(person=person, pk=_parse_pk(note_id)).first()
    if note is None:
        raise Http404("No such record.")
    return note
