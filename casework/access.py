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
    request: HttpRequest,
    pk,
    *,
    write: bool = False,
    peer_may: bool = True,
    what: str = "their overview",
) -> Person:
    """Return the person with id ``pk`` if the signed-in staff member may reach them.

    Raises ``Http404`` for missing and forbidden alike. ``write=True`` asks for
    change rights (an active assignment). A read is logged here; a change is
    logged by the action function that makes it (``record_change``), so a form
    that fails validation does not claim a change. ``peer_may=False`` also turns
    away a peer support worker (for pages about what the peer supporter may see).
    """
    try:
        pk = _parse_pk(pk)
    except Http404:
        raise _refuse(request) from None
    allowed = people_writable_by(request.user) if write else people_visible_to(request.user)
    if not peer_may:
        allowed = allowed.filter(pk__in=_full_note_person_ids(request.user))
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


# --- Session notes: who reads which ---------------------------------------------------
#
# Staff who reach a person as a lead worker, co-worker or supervisor read all of
# their notes (withheld ones included: withholding is from the person). A peer
# support worker whose only route to the person is a peer support assignment
# reads the notes they wrote, and, only while the person's latest
# ``PeerNoteSharingChoice`` says so, other workers' *shared* notes. Withheld notes
# by others stay out of a peer supporter's sight altogether.


def _full_note_person_ids(user) -> QuerySet:
    """People whose every note ``user`` reads: a non-peer assignment, or supervision."""
    own = (
        CaseAssignment.objects.active()
        .filter(worker=user)
        .exclude(role=CaseAssignment.Role.PEER_SUPPORT)
        .values("person_id")
    )
    return Person.objects.filter(Q(pk__in=own) | Q(pk__in=_supervised_person_ids(user))).values(
        "pk"
    )


def _peer_person_ids(user) -> QuerySet:
    return (
        CaseAssignment.objects.active()
        .filter(worker=user, role=CaseAssignment.Role.PEER_SUPPORT)
        .values("person_id")
    )


def _latest_peer_choice():
    from casework.models import PeerNoteSharingChoice

    return PeerNoteSharingChoice.objects.filter(person=OuterRef("pk")).order_by("-at", "-id")


def people_sharing_notes_with_peers() -> QuerySet:
    """Ids of people whose current choice lets their peer supporter read shared notes."""
    return (
        Person.objects.annotate(peer_allowed=Subquery(_latest_peer_choice().values("allow")[:1]))
        .filter(peer_allowed=True)
        .values("pk")
    )


def current_peer_choice(person: Person):
    """The person's latest ``PeerNoteSharingChoice``, or ``None`` (which means "no")."""
    return person.peer_note_choices.select_related("set_by").order_by("-at", "-id").first()


def notes_visible_to(user, person: Person | None = None):
    """Session notes ``user`` may read as staff, optionally of one ``person`` only.

    One queryset (subqueries, no extra round trips), so timelines, search and the
    caseload keep their query counts. The person's choice is read at query time,
    so a change takes effect on the next request.
    """
    from casework.models import SessionNote

    notes = SessionNote.objects.all()
    if person is not None:
        notes = notes.filter(person=person)
    if not _is_signed_in(user):
        return notes.none()
    peer_ids = _peer_person_ids(user)
    return notes.filter(
        Q(person__in=_full_note_person_ids(user))
        | Q(person__in=peer_ids, author=user)
        | (
            Q(person__in=peer_ids)
            & Q(withheld_reason="")
            & Q(person__in=people_sharing_notes_with_peers())
        )
    )


def caseload_note_sources(user):
    """For annotating ``user``'s caseload with note columns without a slow subquery per row.

    Returns ``(reads_all, all_notes, peer_notes)``: ``reads_all`` is true for a person
    the user works with in a role that reads every note (not only as peer support);
    ``all_notes`` and ``peer_notes`` are the notes of ``OuterRef("pk")`` for each case.
    The caller picks per row with ``Case(When(reads_all=True, ...))``, so the peer rule
    (own notes, or shared ones if the person allows) is only evaluated for peer rows.
    The rule itself is the same as ``notes_visible_to``. A user with no peer support
    assignment (nearly everyone) gets ``reads_all=None``: every row reads all notes,
    and no CASE is needed at all.
    """
    from casework.models import SessionNote

    all_notes = SessionNote.objects.filter(person=OuterRef("pk"))
    if not _peer_person_ids(user).exists():
        return None, all_notes, all_notes
    reads_all = Exists(
        CaseAssignment.objects.active()
        .filter(worker=user, person=OuterRef("pk"))
        .exclude(role=CaseAssignment.Role.PEER_SUPPORT)
    )
    peer_notes = all_notes.filter(
        Q(author=user) | Q(withheld_reason="", person__in=people_sharing_notes_with_peers())
    )
    return reads_all, all_notes, peer_notes


def notes_changeable_by(user, person: Person):
    """Notes of ``person`` that ``user`` may add to, withhold or share: all for a lead,
    co-worker or assigned supervisor; only their own for a peer support worker."""
    from casework.models import SessionNote

    if not people_writable_by(user).filter(pk=person.pk).exists():
        return SessionNote.objects.none()
    if person_note_scope(user, person) == NOTES_ALL:
        return person.notes.all()
    return person.notes.filter(author=user)


NOTES_ALL = "all"
NOTES_OWN_AND_SHARED = "own_and_shared"
NOTES_OWN = "own"
NOTES_NONE = "none"


def person_note_scope(user, person: Person) -> str:
    """Which of ``person``'s notes ``user`` reads: ``NOTES_ALL``, ``NOTES_OWN_AND_SHARED``,
    ``NOTES_OWN`` or ``NOTES_NONE``. Derived from the same querysets as ``notes_visible_to``."""
    if not _is_signed_in(user):
        return NOTES_NONE
    if _full_note_person_ids(user).filter(pk=person.pk).exists():
        return NOTES_ALL
    if not _peer_person_ids(user).filter(person_id=person.pk).exists():
        return NOTES_NONE
    if people_sharing_notes_with_peers().filter(pk=person.pk).exists():
        return NOTES_OWN_AND_SHARED
    return NOTES_OWN


def may_record_peer_choice(user, person: Person) -> bool:
    """Only a worker with full access records the choice, never the peer supporter it is about."""
    return (
        people_writable_by(user).filter(pk=person.pk).exists()
        and person_note_scope(user, person) == NOTES_ALL
    )


def notes_searchable_by(user):
    """Notes a search may return: the user's own active caseload only, as they may read them.

    Narrower than ``notes_visible_to`` on purpose: a supervisor's team-wide read
    is logged person by person when they open a record, and a search across the
    team would read many records at once (docs/architecture.md, "Session notes").
    """
    return notes_visible_to(user).filter(person__in=caseload_for(user))


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


def get_note_for(request: HttpRequest, person: Person, note_id, *, write=False, queryset=None):
    """A note of ``person`` (already reached through ``get_person_for``), or ``Http404``.

    Only notes ``notes_visible_to(request.user, person)`` holds are found; with
    ``write=True`` only those ``notes_changeable_by`` the user. A peer support
    worker asking for another worker's note they may not read gets the same 404
    as for a note that does not exist.
    """
    allowed = (
        notes_changeable_by(request.user, person)
        if write
        else notes_visible_to(request.user, person)
    )
    notes = queryset if queryset is not None else person.notes.all()
    try:
        pk = _parse_pk(note_id)
    except Http404:
        raise _refuse(request) from None
    note = notes.filter(person=person, pk=pk, pk__in=allowed.values("pk")).first()
    if note is None:
        raise _refuse(request)
    return note


def get_own_note(person: Person, note_id, queryset=None):
    """A note on the signed-in person's own record (``person`` from ``get_own_person``), or 404.

    ``queryset`` narrows what the person may open (shared notes only, say);
    anything outside it gets the same 404 as a note that does not exist.
    """
    notes = queryset if queryset is not None else person.notes.all()
    note = notes.filter(person=person, pk=_parse_pk(note_id)).first()
    if note is None:
        raise Http404("No such record.")
    return note


# --- Who can see my record (the person's own page, generated from the rules above) ----


@dataclass(frozen=True)
class Viewer:
    """Someone who may reach a person's record now, and what the rules let them do."""

    user: User
    role_label: str
    can_read: bool
    can_change: bool
    note_scope: str  # one of the NOTES_* values
    is_peer_supporter: bool
    is_supervisor: bool

    def in_plain_words(self) -> list[str]:
        """What this viewer may do, for the person (short sentences, reading age 9 to 11)."""
        words = []
        if self.can_change:
            words.append("Can read and change your plan, goals, strengths, people and setbacks.")
        else:
            words.append("Can read your plan, goals, strengths, people and setbacks.")
            words.append("Cannot change anything.")
        words.append(_NOTE_SCOPE_WORDS[self.note_scope])
        words.append("Can read the alerts on your record.")
        words.append("Each time they look, it shows on your Who has seen my record page.")
        return words


_NOTE_SCOPE_WORDS = {
    NOTES_ALL: "Can read all your session notes, also the ones not shared with you.",
    NOTES_OWN_AND_SHARED: (
        "Can read the session notes they write, and the notes other workers share with you."
    ),
    NOTES_OWN: "Can read only the session notes they write. You chose this.",
    NOTES_NONE: "Cannot read your session notes.",
}


def _candidate_viewers(person: Person) -> QuerySet[User]:
    """Everyone who could possibly reach ``person``: assigned workers and their supervisors."""
    assigned = CaseAssignment.objects.active().filter(person=person)
    teams = StaffMembership.objects.filter(user_id__in=assigned.values("worker_id")).values(
        "team_id"
    )
    supervisors = StaffMembership.objects.filter(
        team_id__in=teams, role=StaffMembership.Role.SUPERVISOR
    ).values("user_id")
    return User.objects.filter(
        Q(pk__in=assigned.values("worker_id")) | Q(pk__in=supervisors), is_active=True
    ).order_by("first_name", "last_name", "username")


def who_can_see(person: Person) -> list[Viewer]:
    """Who may reach ``person``'s record as staff now, and what each may do.

    Each answer comes from the same functions every view uses
    (``people_visible_to``, ``people_writable_by``, ``person_note_scope``), so the
    person's page cannot drift from the rules. A handful of queries per viewer;
    a person has few.
    """
    viewers = []
    for user in _candidate_viewers(person):
        if not people_visible_to(user).filter(pk=person.pk).exists():
            continue
        role = acting_role(user, person)
        viewers.append(
            Viewer(
                user=user,
                role_label=role,
                can_read=True,
                can_change=people_writable_by(user).filter(pk=person.pk).exists(),
                note_scope=person_note_scope(user, person),
                is_peer_supporter=role == CaseAssignment.Role.PEER_SUPPORT.label,
                is_supervisor=role == SUPERVISOR_READ_ONLY,
            )
        )
    return viewers


# --- Practice review (issue 8): teams and workers, not person records. --------------


def _practice_worker_roles():
    return (StaffMembership.Role.PRACTITIONER, StaffMembership.Role.PEER_SUPPORT)


def get_supervised_team(request: HttpRequest, team_id):
    """A team the signed-in user supervises, or ``Http404`` (missing and not theirs alike)."""
    from casework.models import Team

    try:
        pk = _parse_pk(team_id)
    except Http404:
        raise _refuse(request) from None
    team = Team.objects.filter(pk=pk, pk__in=supervised_team_ids(request.user)).first()
    if team is None or not _is_signed_in(request.user):
        raise _refuse(request)
    return team


def get_supervised_worker(request: HttpRequest, worker_id) -> User:
    """A worker in a team the signed-in user supervises, or ``Http404``."""
    try:
        pk = _parse_pk(worker_id)
    except Http404:
        raise _refuse(request) from None
    if not _is_signed_in(request.user):
        raise _refuse(request)
    in_my_teams = StaffMembership.objects.filter(
        team_id__in=supervised_team_ids(request.user), role__in=_practice_worker_roles()
    ).values("user_id")
    worker = User.objects.filter(pk=pk, pk__in=in_my_teams).exclude(pk=request.user.pk).first()
    if worker is None:
        raise _refuse(request)
    return worker


def get_practising_self(request: HttpRequest) -> User:
    """The signed-in staff member, for their own practice pages; ``Http404`` for anyone else.

    People (their own login) and organisation administrators without a team have none.
    """
    user = request.user
    if (
        not _is_signed_in(user)
        or Person.objects.filter(user=user).exists()
        or not StaffMembership.objects.filter(user=user).exists()
    ):
        raise _refuse(request)
    return user


def record_admin_change(user: User, person: Person, what: str) -> AccessEvent:
    """Log an organisation administrator's change to who works with ``person``.

    Like ``record_change``, but the administrator holds no role in the record, so
    the log names them as what they are rather than guessing one.
    """
    return AccessEvent.objects.create(
        person=person,
        actor=user,
        action=AccessEvent.Action.CHANGED,
        what=what[:200],
        acting_role="Organisation administrator",
    )
