"""The one place that decides who may see or change a person's record.

Policy (docs/security.md "Capability table", DESIGN section 5):

* a worker reaches a person only through an active ``CaseAssignment``;
* a supervisor also reads (never writes) the people assigned to workers in the
  teams they supervise; they write only where they are assigned themselves;
* a person reaches only their own record, through ``get_own_person``;
* an organisation administrator reaches no record content.

Inside a record, what each relationship may do is the ``CAPABILITIES`` table
below: views ask ``may(user, person, Can.X)`` and declare what they need with
``@reads``, ``@form_page`` or ``@action`` (which also fix the HTTP methods a
view answers). Nothing else compares roles or labels.

"Not yours" and "does not exist" both raise ``Http404`` so a record's existence
never leaks. A closed case is read only for everyone (``RecordClosed``, a 403
that says why). Every response that shows record content writes an
``AccessEvent`` whatever the HTTP method (``RecordAccessMiddleware`` writes the
reads ``get_person_for``/``get_own_person`` noted, once the view has answered
2xx); changes are logged by the action functions that make them, through
``record_change``. Views never look people, notes, goals or plan items up by id
themselves: they get the person here and reach the rest through it
(``person.notes.get(...)``).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from casework.models import (
    AccessEvent,
    Alert,
    CaseAssignment,
    Handover,
    PeerNoteSharingChoice,
    Person,
    SessionNote,
    StaffMembership,
    Team,
    User,
)
from casework.security import client_ip

security_log = logging.getLogger("recovery_practice.security")

SUPERVISOR_READ_ONLY = "Supervisor (read only)"
THE_PERSON = "The person"


# --- The capability table ----------------------------------------------------------------


class Relation(StrEnum):
    """How a login stands to one person's record."""

    LEAD = "lead"
    CO_WORKER = "co_worker"
    PEER_SUPPORT = "peer_support"
    SUPERVISOR = "supervisor"  # reads through supervising the team, not assigned
    PERSON = "person"  # the person's own login
    NONE = "none"  # anyone else, the organisation administrator included


class Can(StrEnum):
    """What a view or a button needs. The value is the plain description in docs/security.md."""

    READ = "read the record (overview, plan, story, journey, notes as note rules allow)"
    READ_ALERTS = "read alerts"
    READ_CHECK_INS = "read check-ins"
    WRITE_NOTES = "write session notes (addenda and sharing on notes they may change)"
    EDIT_STORY = "add and change goals, steps, ratings, strengths, circle, setbacks"
    EDIT_PLAN = "edit, agree and review the recovery plan"
    MANAGE_ALERTS = "add, review, end and reply to alerts; record that the person was told"
    ACK_CHECK_INS = "mark a check-in as seen"
    MANAGE_ACCOUNT = "invite the person, make a new link, switch their account off"
    RECORD_PEER_CHOICE = "record the person's choice about their peer supporter with them"
    EDIT_PROFILE = "change the person's profile (names, pronouns, about me, contact, access needs)"
    RECORD_CIRCLE_CHOICE = (
        "record how the person wants someone in their circle involved, as they said in a session"
    )
    MANAGE_APPOINTMENTS = (
        "book, move and cancel appointments, answer requests to rearrange, record what happened"
    )
    READ_REMINDERS_SENT = "see the reminders sent to the person (when, how, what happened)"
    # Handover when a worker changes or leaves (issue 21).
    READ_HANDOVER = "read the handover summary and the outgoing worker's note"
    WRITE_HANDOVER_NOTE = "write the outgoing worker's handover note, shared with the person"
    TAKE_UP_HANDOVER = "mark a handover to them as read (the handover is then done)"
    HAND_OVER = "hand the person over to a new worker, with an end date for the old worker's access"
    # The person's own actions on their record.
    ADD_MY_VIEW = "add my view, ask for a correction, give feedback on a note"
    RESPOND_TO_ALERTS = "say how I see an alert I was told about"
    CHECK_IN = "send a check-in"
    CHOOSE_PEER_SHARING = "choose what my peer supporter may read"
    EDIT_MY_PROFILE = "change my own profile (my name, pronouns, about me, contact, access needs)"
    CHOOSE_CIRCLE_INVOLVEMENT = "choose how each person in my circle is involved, or undo a choice"
    ASK_TO_REARRANGE = "ask to rearrange an appointment I cannot make"
    MANAGE_MY_CALENDAR = "make or switch off a private calendar link for my appointments"
    CHOOSE_MY_REMINDERS = "choose how and when I am reminded of appointments, or no reminders"
    RESPOND_TO_HANDOVER = "say how I feel about a change of worker"


_READ_ALL = {Can.READ, Can.READ_ALERTS, Can.READ_CHECK_INS}
_WORKER = _READ_ALL | {
    Can.WRITE_NOTES,
    Can.EDIT_STORY,
    Can.EDIT_PLAN,
    Can.MANAGE_ALERTS,
    Can.ACK_CHECK_INS,
    Can.RECORD_PEER_CHOICE,
    Can.EDIT_PROFILE,
    Can.RECORD_CIRCLE_CHOICE,
    Can.MANAGE_APPOINTMENTS,
    Can.READ_HANDOVER,
    Can.WRITE_HANDOVER_NOTE,
    Can.TAKE_UP_HANDOVER,
}

# Changes to who works with the person, not to the record's content: the one thing a
# supervisor who is not assigned may do in a record (issue 21). The organisation
# administrator hands over too, but from outside every record (``may_hand_over``).
WHO_WORKS_WITH_THEM = frozenset({Can.HAND_OVER})

CAPABILITIES: dict[Relation, frozenset[Can]] = {
    # The lead worker alone sees the reminders sent to the person (issue 20).
    Relation.LEAD: frozenset(_WORKER | {Can.MANAGE_ACCOUNT, Can.READ_REMINDERS_SENT}),
    Relation.CO_WORKER: frozenset(_WORKER),
    # Own notes only (``notes_changeable_by``). Alerts and check-ins only as the
    # person chooses (``PEER_CHOICES``, added by ``capabilities``); never changes them.
    Relation.PEER_SUPPORT: frozenset({Can.READ, Can.WRITE_NOTES, Can.EDIT_STORY, Can.EDIT_PLAN}),
    Relation.SUPERVISOR: frozenset(_READ_ALL | {Can.READ_HANDOVER} | WHO_WORKS_WITH_THEM),
    Relation.PERSON: frozenset(
        {
            Can.READ,
            Can.EDIT_STORY,
            Can.EDIT_PLAN,
            Can.ADD_MY_VIEW,
            Can.RESPOND_TO_ALERTS,
            Can.CHECK_IN,
            Can.CHOOSE_PEER_SHARING,
            Can.EDIT_MY_PROFILE,
            Can.CHOOSE_CIRCLE_INVOLVEMENT,
            Can.ASK_TO_REARRANGE,
            Can.MANAGE_MY_CALENDAR,
            Can.CHOOSE_MY_REMINDERS,
            Can.RESPOND_TO_HANDOVER,
        }
    ),
    Relation.NONE: frozenset(),
}

# What a closed case still allows anyone: reading (DESIGN section 5).
READ_ONLY = frozenset(_READ_ALL | {Can.READ_REMINDERS_SENT, Can.READ_HANDOVER})


def reads_only(abilities: frozenset[Can]) -> bool:
    """Whether ``abilities`` change nothing of the record's content (a supervisor, a closed case).

    Handing over changes who works with the person, not what the record says.
    """
    return not (abilities - READ_ONLY - WHO_WORKS_WITH_THEM)


# What the person's current choice about their peer supporter adds to the peer
# support row of the table: ``PeerNoteSharingChoice`` field -> capability. (The
# ``allow`` field, other workers' shared notes, is a note rule: ``person_note_scope``.)
PEER_CHOICES: dict[str, Can] = {"alerts": Can.READ_ALERTS, "check_ins": Can.READ_CHECK_INS}

_ROLE_LABELS = {
    Relation.LEAD: CaseAssignment.Role.LEAD.label,
    Relation.CO_WORKER: CaseAssignment.Role.CO_WORKER.label,
    Relation.PEER_SUPPORT: CaseAssignment.Role.PEER_SUPPORT.label,
    Relation.SUPERVISOR: SUPERVISOR_READ_ONLY,
    Relation.PERSON: THE_PERSON,
    Relation.NONE: "",
}


class RecordClosed(PermissionDenied):
    """A change asked of a closed case: it stays readable, not writable (a 403 that says so)."""

    def __init__(self, person: Person):
        super().__init__(
            "Support has ended, so this record can be read but no longer changed."
            if person.user_id is None
            else "Support has ended, so this record can be read but no longer changed. "
            "If something needs changing, speak to the service."
        )


class RecordNotOnline(Exception):
    """The person's own record, closed more than ``Person.ONLINE_AFTER_CLOSING`` ago."""

    def __init__(self, person: Person):
        super().__init__("This record is no longer online.")
        self.person = person


def _is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _built_once_per_request(build):
    """Build ``build(user, *args)`` once for this request's user; hand out copies.

    A queryset is lazy: what is kept is the query's shape, never its rows, so every
    copy reads the database afresh. The shape depends only on the user, the arguments,
    today's date (``CaseAssignment.objects.active``) and whether ``signed_in_as`` has
    read the login's teams this request: all four are in the key. ``request.user`` is
    a new object each request, so nothing is kept from one request to the next. A
    list page asks the same sets several times (the supervisor home: who the login
    reaches, for the list and the urgent check-ins); building each once saves Django
    rebuilding the same nested subqueries.
    """

    @functools.wraps(build)
    def wrapper(user, *args):
        if not _is_signed_in(user):
            return build(user, *args)
        key = (build.__name__, args, timezone.localdate(), _staff_roles_read(user) is not None)
        built = user.__dict__.setdefault("_access_querysets", {})
        if key not in built:
            built[key] = build(user, *args)
        return built[key].all()

    return wrapper


@_built_once_per_request
def supervised_team_ids(user) -> QuerySet:
    return StaffMembership.objects.filter(user=user, role=StaffMembership.Role.SUPERVISOR).values(
        "team_id"
    )


@_built_once_per_request
def _assigned_person_ids(user) -> QuerySet:
    return CaseAssignment.objects.active().filter(worker=user).values("person_id")


@_built_once_per_request
def _supervised_person_ids(user) -> QuerySet:
    known = _staff_roles_read(user)
    if known is None:
        teams = supervised_team_ids(user)
    elif known.supervised_team_ids:
        teams = list(known.supervised_team_ids)  # read this request by ``signed_in_as``
    else:
        # Supervises no team (most logins): nothing to build, compile or plan.
        return CaseAssignment.objects.none().values("person_id")
    team_workers = StaffMembership.objects.filter(team_id__in=teams).values("user_id")
    return CaseAssignment.objects.active().filter(worker_id__in=team_workers).values("person_id")


def _any_of(*person_ids: QuerySet) -> QuerySet:
    """Person ids in any of ``person_ids`` (single-column querysets), as one subquery.

    A UNION, not ``Q(pk__in=a) | Q(pk__in=b)``: PostgreSQL cannot use an index for
    an OR of two ``IN`` subqueries, so it read every row of the people table and
    tested each against both (10 ms at 50,000 people, growing with the table); the
    union reads the few ids and looks each person up by key (docs/performance.md).
    """
    some = [ids for ids in person_ids if not ids.query.is_empty()] or person_ids[:1]
    first, *rest = (ids.order_by() for ids in some)
    return first.union(*rest) if rest else first


@_built_once_per_request
def people_visible_to(user) -> QuerySet[Person]:
    """People whose record ``user`` may read as staff (a person's own login gets none)."""
    if not _is_signed_in(user):
        return Person.objects.none()
    return Person.objects.filter(
        pk__in=_any_of(_assigned_person_ids(user), _supervised_person_ids(user))
    )


@_built_once_per_request
def people_writable_by(user) -> QuerySet[Person]:
    """People on ``user``'s own active caseload: the only records they may ever change."""
    if not _is_signed_in(user):
        return Person.objects.none()
    return Person.objects.filter(pk__in=_assigned_person_ids(user))


def caseload_for(user) -> QuerySet[Person]:
    """The people on ``user``'s own active caseload (what a worker's home page lists)."""
    return people_writable_by(user)


@_built_once_per_request
def people_where_user_may(user, need: Can) -> QuerySet[Person]:
    """People in whose record ``user`` may do ``need`` now, as one queryset (for lists).

    Read from the capability table, so a list (the caseload's urgent check-ins,
    say) shows a button on exactly the rows where the view behind it would allow it.
    """
    if not _is_signed_in(user):
        return Person.objects.none()
    roles = [
        relation.value
        for relation in (Relation.LEAD, Relation.CO_WORKER, Relation.PEER_SUPPORT)
        if need in CAPABILITIES[relation]
    ]
    allowed = [_assigned_person_ids(user).filter(role__in=roles)]
    if need in PEER_CHOICES.values():
        # A peer supporter reads these only where the person's current choice says yes.
        allowed.append(
            _peer_person_ids(user).filter(person__in=people_sharing_with_peers(_field_for(need)))
        )
    if need in CAPABILITIES[Relation.SUPERVISOR]:
        allowed.append(_supervised_person_ids(user))
    people = Person.objects.filter(pk__in=_any_of(*allowed))
    if need not in READ_ONLY:
        people = people.exclude(status=Person.Status.CLOSED)
    return people


# Lead first, then co-worker, then peer support: a login assigned twice acts in the wider role.
_ROLE_RANK = Case(
    When(role=CaseAssignment.Role.LEAD, then=Value(0)),
    When(role=CaseAssignment.Role.CO_WORKER, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _my_assignment_role(user) -> Subquery:
    return Subquery(
        CaseAssignment.objects.active()
        .filter(worker=user, person=OuterRef("pk"))
        .annotate(rank=_ROLE_RANK)
        .order_by("rank")
        .values("role")[:1]
    )


def relation_to(user, person: Person) -> Relation:
    """How ``user`` stands to ``person``'s record right now.

    Free for a person from ``get_person_for`` (read in the same query as the
    access check); otherwise one or two queries.
    """
    if not _is_signed_in(user):
        return Relation.NONE
    if person.user_id is not None and person.user_id == user.pk:
        return Relation.PERSON
    known = getattr(person, "_relation_for", None)
    if known is not None and known[0] == user.pk:
        return known[1]
    role = (
        CaseAssignment.objects.active()
        .filter(worker=user, person=person)
        .annotate(rank=_ROLE_RANK)
        .order_by("rank")
        .values_list("role", flat=True)
        .first()
    )
    if role:
        relation = Relation(role)
    elif _supervised_person_ids(user).filter(person_id=person.pk).exists():
        relation = Relation.SUPERVISOR
    else:
        relation = Relation.NONE
    person._relation_for = (user.pk, relation)
    return relation


def peer_choice_capabilities(person: Person) -> frozenset[Can]:
    """What ``person``'s current choice lets their peer supporter read beyond the table.

    A person fetched by ``get_person_for`` holds the answer for the rest of its
    request (``_peer_choice_capabilities``: the access check, the view and the
    record's sub-navigation each ask); any other instance reads it when asked.
    """
    known = getattr(person, "_peer_choice_capabilities", None)
    if known is not None:
        return known
    choice = current_peer_choice(person)
    if choice is None:
        return frozenset()
    return frozenset(can for field, can in PEER_CHOICES.items() if getattr(choice, field))


def _open_capabilities(user, person: Person) -> frozenset[Can]:
    """The table row for ``user``'s relation, plus what the person chose for a peer supporter."""
    relation = relation_to(user, person)
    allowed = CAPABILITIES[relation]
    if relation == Relation.PEER_SUPPORT:
        allowed = allowed | peer_choice_capabilities(person)
    return allowed


def capabilities(user, person: Person) -> frozenset[Can]:
    """Everything ``user`` may do in ``person``'s record now.

    The one place the rules meet: the table, the person's choice about their peer
    supporter (alerts, check-ins; read when asked, so a change counts from the next
    request), and a closed case (read only).
    """
    allowed = _open_capabilities(user, person)
    if person.is_closed:
        allowed = allowed & READ_ONLY
    return allowed


def may(user, person: Person, action: Can) -> bool:
    """Whether ``user`` may do ``action`` in ``person``'s record. Views and templates ask this."""
    return action in capabilities(user, person)


def may_write(user, person: Person) -> bool:
    """Whether ``user`` may change anything in ``person``'s record as staff (write notes)."""
    return may(user, person, Can.WRITE_NOTES)


def _parse_pk(pk) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such record.") from None
    if value < 1 or value > 2**63 - 1:
        raise Http404("No such record.")
    return value


ORG_ADMIN = "Organisation administrator"


def acting_role(user: User, person: Person) -> str:
    """How ``user`` stands to ``person``'s record right now, in plain words (for the log).

    An organisation administrator holds no role in any record: their changes to who
    works with the person are logged as what they are.
    """
    relation = relation_to(user, person)
    if relation == Relation.NONE and getattr(user, "is_org_admin", False):
        return ORG_ADMIN
    if relation == Relation.NONE and _is_signed_in(user) and _team_admin_memberships(user).exists():
        return StaffMembership.Role.TEAM_ADMIN.label
    return _ROLE_LABELS[relation] or "Staff"


def record_access(
    user: User, person: Person, action: str, what: str, *, as_role: str = ""
) -> AccessEvent:
    return AccessEvent.objects.create(
        person=person,
        actor=user,
        action=action,
        what=what[:200],
        acting_role=as_role or acting_role(user, person),
    )


def record_change(user: User, person: Person, what: str, *, as_role: str = "") -> AccessEvent:
    """Log that ``user`` changed ``what`` in ``person``'s record. Action functions call this.

    ``as_role`` names the role when it is not the relation's (a supervisor handing
    over changes who works with the person: not "read only" then).
    """
    return record_access(user, person, AccessEvent.Action.CHANGED, what, as_role=as_role)


def _refuse(request: HttpRequest) -> Http404:
    """Log a refused lookup (ASVS V7.2.2) and return the 404 to raise.

    The log does not say whether the record exists: missing and forbidden read alike.
    """

    user = request.user
    security_log.warning(
        "record access refused: user_id=%s username=%s ip=%s path=%s",
        user.pk,
        getattr(user, "username", ""),
        client_ip(request),
        request.path,
    )
    return Http404("No such record.")


# --- What a view needs, declared once ------------------------------------------------------

READ_METHODS = ("GET", "HEAD")
FORM_METHODS = ("GET", "HEAD", "POST")
ACTION_METHODS = ("POST",)


def _declare(need: Can, methods: tuple[str, ...]):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            request.access_need = need
            return view(request, *args, **kwargs)

        guarded = require_http_methods(list(methods))(wrapped)
        guarded.access_need = need
        guarded.access_methods = methods
        return guarded

    return decorator


def reads(need: Can = Can.READ):
    """A page that shows record content: GET and HEAD only (405 otherwise)."""
    return _declare(need, READ_METHODS)


def form_page(need: Can):
    """A form: GET/HEAD show it (needs ``need``), POST changes the record (needs ``need``)."""
    return _declare(need, FORM_METHODS)


def action(need: Can):
    """A one-click change (archive, mark seen): POST only."""
    return _declare(need, ACTION_METHODS)


def _declared_need(request: HttpRequest, need: Can | None) -> Can:
    need = need or getattr(request, "access_need", None)
    if need is None:
        raise ImproperlyConfigured(
            f"{request.path}: declare what the view needs with access.reads/form_page/action"
        )
    return need


def _note_read(request: HttpRequest, person: Person, what: str) -> None:
    """Remember a read; ``RecordAccessMiddleware`` logs it if the response shows content."""
    reads_so_far = getattr(request, "_record_reads", None)
    if reads_so_far is None:
        reads_so_far = request._record_reads = []
    if all(p.pk != person.pk for p, _ in reads_so_far):
        reads_so_far.append((person, what))


def log_reads(request: HttpRequest) -> None:
    """Write the access events for the reads of this request (called for 2xx responses)."""
    for person, what in getattr(request, "_record_reads", ()):
        record_access(request.user, person, AccessEvent.Action.VIEWED, what)
    request._record_reads = []


def get_person_for(
    request: HttpRequest,
    pk,
    *,
    need: Can | None = None,
    what: str = "their overview",
) -> Person:
    """Return the person with id ``pk`` if the signed-in staff member may do ``need`` there.

    ``need`` defaults to what the view declared (``@reads``, ``@form_page``,
    ``@action``). Raises ``Http404`` for missing and forbidden alike, and
    ``RecordClosed`` for a change to a closed case. The read is logged once the
    view has answered with content; a change is logged by the action function
    that makes it (``record_change``).
    """
    need = _declared_need(request, need)
    try:
        pk = _parse_pk(pk)
    except Http404:
        raise _refuse(request) from None
    if request.method in READ_METHODS:
        # The page's header asks it anyway (one query a request, kept on request.user);
        # asked first, it tells the rule below whether this login supervises anyone.
        signed_in_as_for(request)
    # The person's row only: their login is read by the few pages that show it (Account).
    person = (
        people_visible_to(request.user)
        .filter(pk=pk)
        .annotate(assignment_role_here=_my_assignment_role(request.user))
        .first()
    )
    if person is None:
        raise _refuse(request)
    role = person.assignment_role_here
    person._relation_for = (request.user.pk, Relation(role) if role else Relation.SUPERVISOR)
    if role == Relation.PEER_SUPPORT:
        # Read once for this request; a new choice counts from the next one.
        person._peer_choice_capabilities = peer_choice_capabilities(person)
    if need not in _open_capabilities(request.user, person):
        raise _refuse(request)
    if not may(request.user, person, need):
        raise RecordClosed(person)
    _note_read(request, person, what)
    return person


def get_own_person(
    request: HttpRequest, *, need: Can | None = None, what: str = "your record"
) -> Person:
    """The record belonging to the signed-in person; 404 for any other login.

    A record closed for longer than it stays online raises ``RecordNotOnline``
    (the middleware shows how to ask for a copy). A change the person may not
    make now (a closed case) raises ``RecordClosed`` on POST; their pages
    still show, read only (they ask ``may`` for what to offer).
    """
    need = _declared_need(request, need)
    if not _is_signed_in(request.user):
        raise _refuse(request)
    # Already read when this request asked who is signed in (signed_in_as), or read now.
    person = getattr(request.user, "_own_person", None)
    if person is None:
        person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise _refuse(request)
    if not person.record_online():
        raise RecordNotOnline(person)
    if need not in CAPABILITIES[Relation.PERSON]:
        raise _refuse(request)
    if request.method not in READ_METHODS and not may(request.user, person, need):
        raise RecordClosed(person)
    _note_read(request, person, what)
    return person


@dataclass(frozen=True)
class SignedInAs:
    """What the header says about the current login: kind and a plain description."""

    kind: str  # "person", "org_admin", "supervisor", "worker" or "none"
    label: str  # or a lazy translation (YOUR_OWN_ACCOUNT)


def calendar_feed_reach(owner, person=None):
    """Whose appointments a private calendar link may show now, or ``None`` for nothing.

    The link works only while its owner's login is active. A person's own link shows
    their own record while it is online; a worker's diary link shows the people the
    worker may still read (a link made before they left a caseload shows no more).
    """
    if not owner.is_active:
        return None
    if person is not None:
        if person.user_id != owner.pk or not person.record_online():
            return None
        return [person]
    return people_visible_to(owner)


def signed_in_as_for(request: HttpRequest) -> SignedInAs:
    """``signed_in_as(request.user)``, asked once per request (the view and the page
    header both want it)."""
    # Kept on the user object, which a sign-in or out replaces.
    answer = getattr(request.user, "_signed_in_as", None)
    return answer if answer is not None else signed_in_as(request.user)


# Read by the person in every page's header (translated when the page is rendered).
YOUR_OWN_ACCOUNT = gettext_lazy("Your own account")


@dataclass(frozen=True)
class _StaffRoles:
    """What ``signed_in_as`` read of a login: whether it is a person's, and its team roles."""

    is_person: bool
    roles: frozenset[str]
    supervised_team_ids: tuple[int, ...] = ()


def _staff_roles_read(user) -> _StaffRoles | None:
    """The roles ``signed_in_as`` read of this request's ``user``, or ``None`` if not asked.

    ``request.user`` is a new object each request, so what it carries is this
    request's. ``_supervised_person_ids`` uses the teams supervised when they have been
    read (none for most logins: no subquery), and builds the subquery otherwise.
    """
    return getattr(user, "_staff_roles_read", None)


def _staff_roles(user) -> _StaffRoles:
    """The login's roles: as already read this request, or read now (one query)."""
    known = _staff_roles_read(user)
    if known is None:
        signed_in_as(user)
        known = _staff_roles_read(user)
    return known


def signed_in_as(user) -> SignedInAs:
    if not _is_signed_in(user):
        return SignedInAs("none", "")
    user._signed_in_as = answer = _signed_in_as(user)
    return answer


@dataclass(frozen=True)
class _Membership:
    role: str
    team_id: int
    team_name: str
    is_person: bool


def _signed_in_as(user) -> SignedInAs:
    # One query for staff: their memberships, each saying whether the login is also a
    # person's. Plain values, not model instances: every staff page asks this.
    is_person = Exists(Person.objects.filter(user_id=user.pk))
    memberships = [
        _Membership(*row)
        for row in StaffMembership.objects.filter(user=user)
        .order_by("pk")
        .values_list("role", "team_id", "team__name")
        .annotate(is_person=is_person)
    ]
    if memberships:
        user._staff_roles_read = _StaffRoles(
            is_person=memberships[0].is_person,
            roles=frozenset(m.role for m in memberships),
            supervised_team_ids=tuple(
                m.team_id for m in memberships if m.role == StaffMembership.Role.SUPERVISOR
            ),
        )
        if memberships[0].is_person:
            return SignedInAs("person", YOUR_OWN_ACCOUNT)
    else:
        # A person's login: read their record now, once, for get_own_person to reuse.
        user._own_person = Person.objects.filter(user=user).first()
        user._staff_roles_read = _StaffRoles(
            is_person=user._own_person is not None, roles=frozenset()
        )
        if user._own_person is not None:
            return SignedInAs("person", YOUR_OWN_ACCOUNT)
    supervising = [m for m in memberships if m.role == StaffMembership.Role.SUPERVISOR]
    if supervising:
        teams = ", ".join(m.team_name for m in supervising)
        return SignedInAs("supervisor", f"Supervisor, {teams}")
    if memberships:
        m = memberships[0]
        return SignedInAs("worker", f"{StaffMembership.Role(m.role).label}, {m.team_name}")
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


@_built_once_per_request
def _full_note_person_ids(user) -> QuerySet:
    """People whose every note ``user`` reads: a non-peer assignment, or supervision."""
    own = (
        CaseAssignment.objects.active()
        .filter(worker=user)
        .exclude(role=CaseAssignment.Role.PEER_SUPPORT)
        .values("person_id")
    )
    return _any_of(own, _supervised_person_ids(user))


# A relation this request has already established (``get_person_for`` reads it with the
# record, ``relation_to`` when asked) in which every note and alert of the person is read.
# A peer supporter falls through to the full rule: a peer assignment may sit beside supervision.
_READS_THE_WHOLE_RECORD = frozenset({Relation.LEAD, Relation.CO_WORKER, Relation.SUPERVISOR})


def _known_to_read_everything(user, person: Person | None) -> bool:
    """Whether this request already knows ``user`` reads all of ``person``'s notes and alerts.

    The same answer as ``_full_note_person_ids``: a lead or co-worker relation is a non-peer
    assignment, and a supervisor relation is supervision. It saves rebuilding that rule as
    subqueries inside every per-record query (most of a record page's Python time).
    """
    if person is None:
        return False
    known = getattr(person, "_relation_for", None)
    return known is not None and known[0] == user.pk and known[1] in _READS_THE_WHOLE_RECORD


@_built_once_per_request
def _peer_person_ids(user) -> QuerySet:
    return (
        CaseAssignment.objects.active()
        .filter(worker=user, role=CaseAssignment.Role.PEER_SUPPORT)
        .values("person_id")
    )


def _has_peer_assignments(user) -> bool:
    """Whether ``user`` works with anyone as a peer supporter now: asked once per request
    (``request.user`` is a new object each request; the caseload asks three times)."""
    known = getattr(user, "_has_peer_assignments", None)
    if known is None:
        known = user._has_peer_assignments = _peer_person_ids(user).exists()
    return known


def people_sharing_with_peers(field: str = "allow") -> QuerySet:
    """Ids of people whose current choice says yes to ``field`` (``allow``: other shared
    notes; ``alerts``; ``check_ins``) for their peer supporter.

    Read from the choices (a few rows: the choices that say yes and have no later
    choice of the same person), not by asking every person for their latest choice,
    which read the whole people table however few people had chosen anything.
    """
    later = PeerNoteSharingChoice.objects.filter(person=OuterRef("person")).filter(
        Q(at__gt=OuterRef("at")) | Q(at=OuterRef("at"), pk__gt=OuterRef("pk"))
    )
    return (
        PeerNoteSharingChoice.objects.filter(**{field: True})
        .filter(~Exists(later))
        .order_by()
        .values("person_id")
    )


def people_sharing_notes_with_peers() -> QuerySet:
    """Ids of people whose current choice lets their peer supporter read shared notes."""
    return people_sharing_with_peers("allow")


def _field_for(need: Can) -> str:
    return next(field for field, can in PEER_CHOICES.items() if can == need)


def people_readable_for(user, need: Can) -> QuerySet | None:
    """Ids of the people in whose record ``user`` may ``need`` (``READ_ALERTS`` or
    ``READ_CHECK_INS``), for lists across a caseload, or ``None`` when that is everyone
    the user reaches (no peer support assignment: nearly every user, and no subquery).

    The same rule as ``capabilities``: every non-peer relation reads them; a peer
    supporter only where the person's current choice says yes.
    """
    if not _is_signed_in(user) or not _has_peer_assignments(user):
        return None
    allowing = people_sharing_with_peers(_field_for(need))
    return _any_of(_full_note_person_ids(user), _peer_person_ids(user).filter(person__in=allowing))


def alerts_visible_to(user, person: Person | None = None) -> QuerySet[Alert]:
    """Alerts ``user`` may read as staff, optionally of one ``person`` only.

    Every non-peer relation reads all of them. A peer supporter reads them only
    while the person's choice allows it, and then only the ones the person has
    been told about: they chose to share what they know, not what is kept from them.
    """
    alerts = Alert.objects.all()
    if person is not None:
        alerts = alerts.filter(person=person)
    if not _is_signed_in(user):
        return alerts.none()
    if _known_to_read_everything(user, person):
        return alerts
    if not _has_peer_assignments(user):
        # No peer support route to anyone (asked once per request): the peer half of the
        # rule is empty, and building it was most of a list page's time for this count.
        return alerts.filter(person__in=_full_note_person_ids(user))
    return alerts.filter(
        Q(person__in=_full_note_person_ids(user))
        | (
            Q(person__in=_peer_person_ids(user))
            & Q(person_told=True)
            & Q(person__in=people_sharing_with_peers("alerts"))
        )
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

    notes = SessionNote.objects.all()
    if person is not None:
        notes = notes.filter(person=person)
    if not _is_signed_in(user):
        return notes.none()
    if _known_to_read_everything(user, person):
        return notes
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

    all_notes = SessionNote.objects.filter(person=OuterRef("pk"))
    if not _has_peer_assignments(user):
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

    if not may(user, person, Can.WRITE_NOTES):
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
    if _known_to_read_everything(user, person):
        return NOTES_ALL
    if Person.objects.filter(pk=person.pk, pk__in=_full_note_person_ids(user)).exists():
        return NOTES_ALL
    if not _peer_person_ids(user).filter(person_id=person.pk).exists():
        return NOTES_NONE
    if people_sharing_notes_with_peers().filter(person_id=person.pk).exists():
        return NOTES_OWN_AND_SHARED
    return NOTES_OWN


def may_record_peer_choice(user, person: Person) -> bool:
    """Only a lead or co-worker records the choice, never the peer supporter it is about."""
    return may(user, person, Can.RECORD_PEER_CHOICE)


def notes_searchable_by(user):
    """Notes a search may return: the user's own active caseload only, as they may read them.

    Narrower than ``notes_visible_to`` on purpose: a supervisor's team-wide read
    is logged person by person when they open a record, and a search across the
    team would read many records at once (docs/decisions/0013-search-own-caseload.md).
    """
    return notes_visible_to(user).filter(person__in=caseload_for(user))


def record_search_views(user, people, what: str = "their session notes (search results)") -> None:
    """Log that ``user`` saw ``what`` of each of ``people`` on a list page (two queries in all):
    search snippets, or the urgent check-ins on a home page."""
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
            what=what,
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
    relation: Relation
    abilities: frozenset[Can]
    note_scope: str  # one of the NOTES_* values

    @property
    def role_label(self) -> str:
        return _ROLE_LABELS[self.relation]

    @property
    def can_change(self) -> bool:
        return Can.EDIT_STORY in self.abilities

    @property
    def is_peer_supporter(self) -> bool:
        return self.relation == Relation.PEER_SUPPORT

    @property
    def is_supervisor(self) -> bool:
        return self.relation == Relation.SUPERVISOR

    def in_plain_words(self) -> list[str]:
        """What this viewer may see and do, one line per kind of content, for the person
        (short sentences, reading age 9 to 11).

        Generated from ``capabilities`` (the table plus the person's choice about their
        peer supporter) and the note rules, so it cannot say less than the rules allow.
        Every kind of content gets a line, "Can ..." or "Cannot ...".
        """
        chose = " " + gettext("You chose this.") if self.is_peer_supporter else ""
        words = []
        if self.can_change:
            words.append(
                gettext("Can read and change your plan, goals, strengths, people and setbacks.")
            )
        else:
            words.append(gettext("Can read your plan, goals, strengths, people and setbacks."))
        words.append(
            gettext(
                "Can see the contact details you keep here for people in your circle, "
                "but never for someone you asked us not to contact."
            )
        )
        words.append(_NOTE_SCOPE_WORDS[self.note_scope])
        if Can.EDIT_PROFILE in self.abilities:
            words.append(gettext("Can change your profile. You see each change they make."))
        words.append(self._alert_words(chose))
        if Can.READ_CHECK_INS in self.abilities:
            words.append(gettext("Can read your check-ins.") + chose)
        else:
            words.append(gettext("Cannot read your check-ins."))
        if Can.RECORD_CIRCLE_CHOICE in self.abilities:
            words.append(
                gettext(
                    "Can record a choice you made in a session about people in your circle. "
                    "You see it and can undo it."
                )
            )
        if Can.RECORD_PEER_CHOICE in self.abilities:
            words.append(
                gettext("Can record your choice about your peer support worker, with you there.")
            )
        if Can.MANAGE_APPOINTMENTS in self.abilities:
            words.append(
                gettext(
                    "Can book, move and cancel your appointments, and answer when you ask to "
                    "rearrange one. You see every change and why."
                )
            )
        if Can.MANAGE_ACCOUNT in self.abilities:
            words.append(
                gettext("Can make a new sign-in link for you, or switch your account off.")
            )
        if Can.HAND_OVER in self.abilities:
            words.append(
                gettext(
                    "Can hand your support over to a new worker if your worker changes or leaves. "
                    "You are told, and you can say how you feel about it."
                )
            )
        if not self.can_change and Can.WRITE_NOTES not in self.abilities:
            words.append(gettext("Cannot change anything."))
        words.append(gettext("Each time they look, it shows on your Who has seen my record page."))
        return [str(w) for w in words]

    def _alert_words(self, chose: str) -> str:
        if Can.MANAGE_ALERTS in self.abilities:
            return gettext(
                "Can read, add and change the alerts on your record, "
                "also ones you have not been told about."
            )
        if Can.READ_ALERTS not in self.abilities:
            return gettext("Cannot read the alerts on your record.")
        if self.is_peer_supporter:
            # alerts_visible_to: a peer supporter reads only the alerts the person knows.
            return gettext("Can read the alerts you have been told about.") + chose
        return gettext(
            "Can read the alerts on your record, also ones you have not been told about."
        )


_NOTE_SCOPE_WORDS = {
    NOTES_ALL: gettext_lazy("Can read all your session notes, also the ones not shared with you."),
    NOTES_OWN_AND_SHARED: (
        gettext_lazy(
            "Can read the session notes they write, and the notes other workers share with you."
        )
    ),
    NOTES_OWN: gettext_lazy("Can read only the session notes they write. You chose this."),
    NOTES_NONE: gettext_lazy("Cannot read your session notes."),
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

    Each answer comes from the capability table and the note rules every view
    uses (``capabilities``, ``person_note_scope``), so the person's page cannot
    drift from the rules. A handful of queries per viewer; a person has few.
    """
    viewers = []
    for user in _candidate_viewers(person):
        relation = relation_to(user, person)
        if relation in (Relation.NONE, Relation.PERSON):
            continue
        viewers.append(
            Viewer(
                user=user,
                relation=relation,
                abilities=capabilities(user, person),
                note_scope=person_note_scope(user, person),
            )
        )
    return viewers


# --- Adding a person: not inside a record, so not the capability table -----------------------
#
# Practitioners add people to the teams they work in (and become the lead worker
# by default); team administrators add people to the teams they run and choose a
# lead practitioner. Supervisors (their role is reflective review; one who carries
# a caseload also holds a practitioner membership), peer support workers (never a
# lead) and the organisation administrator (no record content, ever) do not.

ROLES_THAT_ADD_PEOPLE = (StaffMembership.Role.PRACTITIONER, StaffMembership.Role.TEAM_ADMIN)


def _team_admin_memberships(user) -> QuerySet:
    return StaffMembership.objects.filter(user=user, role=StaffMembership.Role.TEAM_ADMIN)


def teams_that_may_add_people(user) -> QuerySet[Team]:
    """Teams ``user`` may add a new person to (none for people, supervisors, org admins)."""
    if not _is_signed_in(user) or user.is_org_admin or Person.objects.filter(user=user).exists():
        return Team.objects.none()
    return (
        Team.objects.filter(memberships__user=user, memberships__role__in=ROLES_THAT_ADD_PEOPLE)
        .select_related("organisation")
        .distinct()
        .order_by("name")
    )


def may_add_people(user) -> bool:
    """Whether ``user`` may open "Add a person" at all."""
    if not _is_signed_in(user) or user.is_org_admin:
        return False
    known = _staff_roles(user)
    return not known.is_person and bool(known.roles & set(ROLES_THAT_ADD_PEOPLE))


def lead_worker_choices(teams) -> QuerySet[StaffMembership]:
    """Who may be a new person's lead worker: active practitioners of ``teams``.

    Never an organisation administrator (they hold no role in records).
    """
    return (
        StaffMembership.objects.filter(
            team__in=teams,
            role=StaffMembership.Role.PRACTITIONER,
            user__is_active=True,
            user__is_org_admin=False,
        )
        .select_related("user", "team")
        .order_by("team__name", "user__first_name", "user__last_name", "user__username")
    )


# --- Handing over (issue 21): who may hand whose people over, and to whom -------------------
#
# The supervisor of a team hands over its workers' people (``Can.HAND_OVER`` in the
# table); the organisation administrator hands over anyone's, from outside every
# record: they see names and workers, never the record or the handover summary.
# Nobody hands a person over to themselves. Lead and co-worker assignments are handed
# over; a peer support worker's are not (the person chooses their peer supporter).

HANDED_OVER_ROLES = (CaseAssignment.Role.LEAD, CaseAssignment.Role.CO_WORKER)


def _handover_team_ids(user) -> QuerySet:
    if user.is_org_admin:
        return Team.objects.values("pk")
    return supervised_team_ids(user)


def may_hand_over_any(user) -> bool:
    """Whether ``user`` may open the handover pages at all (team supervisors, org admins)."""
    if not _is_signed_in(user):
        return False
    known = _staff_roles(user)
    if known.is_person:
        return False
    return user.is_org_admin or StaffMembership.Role.SUPERVISOR in known.roles


def leaving_workers_for(user) -> QuerySet[User]:
    """Practitioners whose people ``user`` may hand over (never ``user`` themself)."""
    if not may_hand_over_any(user):
        return User.objects.none()
    members = StaffMembership.objects.filter(
        team_id__in=_handover_team_ids(user), role=StaffMembership.Role.PRACTITIONER
    ).values("user_id")
    return (
        User.objects.filter(pk__in=members, is_org_admin=False)
        .exclude(pk=user.pk)
        .order_by("first_name", "last_name", "username")
    )


def get_leaving_worker(request: HttpRequest, worker_id) -> User:
    """A worker whose people the signed-in user may hand over, or ``Http404``."""
    try:
        pk = _parse_pk(worker_id)
    except Http404:
        raise _refuse(request) from None
    worker = leaving_workers_for(request.user).filter(pk=pk).first()
    if worker is None:
        raise _refuse(request)
    return worker


def people_to_hand_over(user) -> QuerySet[Person]:
    """Open records ``user`` may hand over now (closed cases stay as they are)."""
    if not may_hand_over_any(user):
        return Person.objects.none()
    if user.is_org_admin:
        return Person.objects.exclude(status=Person.Status.CLOSED)
    return people_where_user_may(user, Can.HAND_OVER)


def may_hand_over(user, person: Person) -> bool:
    """Whether ``user`` may hand ``person`` over (a supervisor through the table, or the
    organisation administrator); never a closed case."""
    return people_to_hand_over(user).filter(pk=person.pk).exists()


def handover_assignments(user, from_worker: User) -> QuerySet[CaseAssignment]:
    """``from_worker``'s active lead and co-worker assignments that ``user`` may hand over."""
    return (
        CaseAssignment.objects.active()
        .filter(
            worker=from_worker,
            role__in=HANDED_OVER_ROLES,
            person__in=people_to_hand_over(user),
            handed_over_in__isnull=True,  # each assignment is handed over once
        )
        .select_related("person")
        .order_by("person__preferred_name", "person_id", "pk")
    )


def new_worker_choices(user, from_worker: User) -> QuerySet[User]:
    """Who may take over from ``from_worker``: active practitioners of a team they share
    (one ``user`` may hand over in), never ``from_worker``, ``user`` or an org admin."""
    teams = StaffMembership.objects.filter(
        user=from_worker,
        role=StaffMembership.Role.PRACTITIONER,
        team_id__in=_handover_team_ids(user),
    ).values("team_id")
    members = lead_worker_choices(Team.objects.filter(pk__in=teams)).values("user_id")
    return (
        User.objects.filter(pk__in=members)
        .exclude(pk__in=[from_worker.pk, user.pk])
        .order_by("first_name", "last_name", "username")
    )


def handovers_visible_to(user) -> QuerySet[Handover]:
    """Handovers ``user`` may list (names, workers, dates and status; no record content)."""
    if not may_hand_over_any(user):
        return Handover.objects.none()
    handovers = Handover.objects.all()
    if not user.is_org_admin:
        members = StaffMembership.objects.filter(team_id__in=supervised_team_ids(user)).values(
            "user_id"
        )
        handovers = handovers.filter(Q(from_worker__in=members) | Q(to_worker__in=members))
    return handovers


# --- Practice review (issue 8): teams and workers, not person records. --------------


def _practice_worker_roles():
    return (StaffMembership.Role.PRACTITIONER, StaffMembership.Role.PEER_SUPPORT)


def get_supervised_team(request: HttpRequest, team_id):
    """A team the signed-in user supervises, or ``Http404`` (missing and not theirs alike)."""

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
