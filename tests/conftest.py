"""Fixtures shared by every test module: one user per role, clients, query counting.

Users are named for what they are. ``person`` is on ``worker``'s caseload in
the north team, which ``supervisor`` supervises; everyone else is someone the
access policy must keep out.
"""

import datetime
import os

import pytest
from django.db import connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from casework.demo import factories
from casework.demo.factories import (
    AlertFactory,
    AlertResponseFactory,
    CaseAssignmentFactory,
    OrganisationFactory,
    PersonFactory,
    SessionNoteFactory,
    StaffMembershipFactory,
    TeamFactory,
    UserFactory,
)
from casework.handover.actions import Choice, hand_over
from casework.models import CaseAssignment, SessionNote, StaffMembership


@receiver(connection_created, dispatch_uid="tests_allow_access_log_truncate")
def _allow_flush_of_the_access_log(sender, connection, **kwargs):
    # The access log refuses TRUNCATE (migration 0002) unless the session says
    # so: a test database flush (``transactional_db``, ``live_server``) needs it.
    # test_security_audit.py turns it off again to prove the refusal.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET recovery.allow_truncate = 'on'")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Production redirects http to https; the test client speaks plain http.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# The people the fixtures below name. Tests prove a page leaks nothing of
# ``other_person`` by looking for these words, so no made-up name may hold one.
_FIXTURE_NAMES = ("Erin", "Example", "Frank", "Other")


class _NamesUnlikeTheFixtures:
    """The factories' Faker, drawing again when a name holds a fixture's name."""

    def __init__(self, fake):
        self._fake = fake

    def _draw(self, provider):
        name = provider()
        while any(taken in name for taken in _FIXTURE_NAMES):
            name = provider()
        return name

    def first_name(self):
        return self._draw(self._fake.first_name)

    def last_name(self):
        return self._draw(self._fake.last_name)

    def __getattr__(self, attribute):
        return getattr(self._fake, attribute)


@pytest.fixture(autouse=True)
def _made_up_names_unlike_the_fixtures(monkeypatch):
    # A worker once drew "Frank Harvey" and a leak test failed on his name.
    monkeypatch.setattr(factories, "_FAKE", _NamesUnlikeTheFixtures(factories._FAKE))


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Test service")


@pytest.fixture
def north_team(organisation):
    return TeamFactory(organisation=organisation, name="North team")


@pytest.fixture
def south_team(organisation):
    return TeamFactory(organisation=organisation, name="South team")


def _staff(username, team, role=StaffMembership.Role.PRACTITIONER):
    user = UserFactory(username=username)
    StaffMembershipFactory(user=user, team=team, role=role)
    return user


@pytest.fixture
def worker(north_team):
    """alice: a practitioner with ``person`` on her caseload."""
    return _staff("alice", north_team)


@pytest.fixture
def other_worker(north_team):
    """bob: same team as alice, but ``person`` is not on his caseload."""
    return _staff("bob", north_team)


@pytest.fixture
def peer_worker(north_team):
    """pat: a peer support worker in the north team."""
    return _staff("pat", north_team, StaffMembership.Role.PEER_SUPPORT)


@pytest.fixture
def supervisor(north_team):
    """carol: supervises the north team (reads alice's people, read only)."""
    return _staff("carol", north_team, StaffMembership.Role.SUPERVISOR)


@pytest.fixture
def other_supervisor(south_team):
    """dave: supervises the south team only."""
    return _staff("dave", south_team, StaffMembership.Role.SUPERVISOR)


@pytest.fixture
def org_admin(db):
    """olive: organisation administrator, sees no record content."""
    return UserFactory(username="olive", is_org_admin=True)


@pytest.fixture
def former_worker(north_team):
    """fred: worked with ``person`` until last week."""
    return _staff("fred", north_team)


@pytest.fixture
def person(organisation, worker, former_worker):
    """erin: supported by alice, with her own login."""
    login = UserFactory(username="erin")
    erin = PersonFactory(
        organisation=organisation,
        preferred_name="Erin",
        full_name="Erin Example",
        about_me="I like gardening and I want to work outdoors.",
        user=login,
    )
    CaseAssignmentFactory(person=erin, worker=worker)
    today = timezone.localdate()
    CaseAssignmentFactory(
        person=erin,
        worker=former_worker,
        started_on=today - datetime.timedelta(days=300),
        ended_on=today - datetime.timedelta(days=7),
    )
    return erin


@pytest.fixture
def other_person(organisation, other_worker):
    """frank: supported by bob, with his own login."""
    frank = PersonFactory(
        organisation=organisation,
        preferred_name="Frank",
        full_name="Frank Other",
        user=UserFactory(username="frank"),
    )
    CaseAssignmentFactory(person=frank, worker=other_worker)
    return frank


def verify_second_factor(client, user):
    """Give ``user`` a confirmed TOTP device and mark ``client``'s session as past it.

    The same session state ``django_otp.login`` leaves after a right code, so
    the two-factor middleware and the admin treat the session as fully signed in.
    """
    from django_otp import DEVICE_ID_SESSION_KEY

    from casework.models import AuthenticatorDevice

    device = AuthenticatorDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = AuthenticatorDevice(user=user, name="Test phone", confirmed=True)
        device.set_key()
        device.save()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def _client_for(user):
    """A signed-in client; supervisors and administrators also pass two-step sign-in."""
    from casework.security import two_factor_required

    client = Client()
    client.force_login(user)
    if two_factor_required(user):
        verify_second_factor(client, user)
    return client


@pytest.fixture
def client_for():
    """Return a logged-in test client for any user: ``client_for(worker)``."""
    return _client_for


@pytest.fixture
def worker_client(worker):
    return _client_for(worker)


@pytest.fixture
def supervisor_client(supervisor):
    return _client_for(supervisor)


@pytest.fixture
def person_client(person):
    return _client_for(person.user)


@pytest.fixture
def add_to_caseload(organisation):
    """Put ``n`` more people on ``worker``'s caseload; returns them."""

    def _add(worker, n, **person_kwargs):
        people = PersonFactory.create_batch(n, organisation=organisation, **person_kwargs)
        for p in people:
            CaseAssignmentFactory(person=p, worker=worker, role=CaseAssignment.Role.LEAD)
        return people

    return _add


@pytest.fixture
def note(person, worker):
    """A shared session note about erin, written by alice just now."""
    return SessionNoteFactory(person=person, author=worker)


@pytest.fixture
def withheld_note(person, worker):
    """A note about erin that alice has not shared, for a reason from the list."""
    return SessionNoteFactory(
        person=person,
        author=worker,
        talked_about="Her brother's court date came up: not Erin's to know yet.",
        withheld_reason=SessionNote.WithheldReason.SOMEONE_ELSE,
        withheld_explanation="Details of her brother's court case.",
    )


@pytest.fixture
def add_notes(worker):
    """Add ``n`` notes about ``person``, written by ``worker``."""

    def _add(person, n, **kwargs):
        kwargs.setdefault("author", worker)
        return SessionNoteFactory.create_batch(n, person=person, **kwargs)

    return _add


class QueryCount:
    """Count the queries one request makes; on mismatch, show the SQL of both runs."""

    def __init__(self, client):
        self.client = client

    def get(self, url):
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return ctx

    @staticmethod
    def assert_same(small, large, label=""):
        if len(small) != len(large):
            sql_small = "\n".join(q["sql"] for q in small.captured_queries)
            sql_large = "\n".join(q["sql"] for q in large.captured_queries)
            pytest.fail(
                f"{label}: {len(small)} queries with fewer rows, {len(large)} with more "
                f"(an N+1?)\n--- fewer rows ---\n{sql_small}\n--- more rows ---\n{sql_large}"
            )


@pytest.fixture
def query_count():
    """``query_count(client).get(url)`` captures queries; ``.assert_same(a, b)`` compares."""
    return QueryCount


# The person's own story -----------------------------------------------------


@pytest.fixture
def goal(person, worker):
    """One of erin's goals, written by alice with her."""
    from casework.demo.factories import GoalFactory

    return GoalFactory(person=person, in_their_words="I want to work outdoors", created_by=worker)


@pytest.fixture
def story_of():
    """Give a person ``n`` of each kind of story item: ``story_of(person, 5, author)``."""
    from casework.demo.factories import (
        GoalFactory,
        GoalRatingFactory,
        GoalStepFactory,
        SetbackFactory,
        SignificantOtherFactory,
        StrengthFactory,
    )
    from strengths.models import GoalStep, Voice

    def _fill(person, n, author):
        strengths = StrengthFactory.create_batch(n, person=person, created_by=author)
        members = SignificantOtherFactory.create_batch(
            n, person=person, created_by=author, involvement_set_by=author
        )
        goals = GoalFactory.create_batch(n, person=person, created_by=author)
        for goal, strength, member in zip(goals, strengths, members, strict=True):
            goal.strengths.add(strength)
            GoalRatingFactory(goal=goal, voice=Voice.PERSON, rated_by=author)
            GoalRatingFactory(goal=goal, voice=Voice.WORKER, rated_by=author)
            GoalStepFactory(
                goal=goal,
                circle_member=member,
                strength=strength,
                status=GoalStep.Status.DONE,
                done_at=goal.created_at,
                created_by=author,
            )
            SetbackFactory(person=person, created_by=author).goals.add(goal)
        return goals

    return _fill


# --- Recovery plan ---------------------------------------------------------------------


@pytest.fixture
def plan(person):
    """Erin's current recovery plan, with the default sections."""
    from strengths.plan.actions import get_or_create_plan

    return get_or_create_plan(person)


@pytest.fixture
def plan_section(plan):
    """The first section of Erin's plan ("About me and what matters to me")."""
    return plan.sections.order_by("position").first()


@pytest.fixture
def plan_revision(plan_section, person, worker):
    """One saved version of ``plan_section``, written by alice."""
    from strengths.plan.actions import save_section

    save_section(
        worker,
        person,
        plan_section,
        heading=plan_section.heading,
        text="Erin loves her allotment.",
        based_on_version=plan_section.version,
    )
    return plan_section.revisions.get()


@pytest.fixture
def plan_difference(plan_section, person):
    """Erin sees ``plan_section`` differently (open)."""
    from strengths.plan.actions import see_differently

    return see_differently(person.user, person, plan_section, wording="I'd put it another way.")


def handover_from_alice(person, worker, supervisor, team):
    """carol hands erin over from alice to nina: nina from next week, alice until in two."""
    nina = _staff("nina", team)
    today = timezone.localdate()
    old = CaseAssignment.objects.active().get(person=person, worker=worker)
    (handover,) = hand_over(
        supervisor,
        worker,
        [Choice(assignment_id=old.pk, to_worker=nina)],
        starts_on=today + datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=14),
    )
    return handover


# --- For the access matrices: one value for every id argument in the URLconf ----------


@pytest.fixture
def record_kwargs(
    person, note, worker, plan_section, plan_revision, plan_difference, north_team, supervisor
):
    """One value for every id argument a URL may take, all belonging to ``person``.

    Extend this when a feature adds a URL argument (note_id, goal_id, ...).
    """
    from casework.appointments.actions import ask_to_rearrange
    from casework.demo.factories import (
        AppointmentFactory,
        CheckInFactory,
        GoalFactory,
        GoalStepFactory,
        SetbackFactory,
        SignificantOtherFactory,
        StrengthFactory,
    )
    from casework.notes.feedback import request_correction
    from strengths.models import Voice

    # Written in the person's own voice, so the person may archive them from /me/ too.
    mine = {"created_as": Voice.PERSON}
    goal = GoalFactory(person=person, **mine)
    # A told alert, so the person-facing alert URLs work for its owner too.
    alert = AlertFactory(person=person, added_by=worker)
    response = AlertResponseFactory(alert=alert)
    # An upcoming appointment with alice, which the person has asked to rearrange.
    appointment = AppointmentFactory(person=person, created_by=worker)
    asked = ask_to_rearrange(person.user, appointment, reason="I have a hospital appointment.")
    # A pending handover of erin from alice to nina (issue 21): alice keeps her access
    # for two more weeks, writes her note; nina starts next week.
    handover_from_alice(person, worker, supervisor, north_team)
    return {
        "alert_id": alert.pk,
        "response_id": response.pk,
        "person_id": person.pk,
        "note_id": note.pk,
        "correction_id": request_correction(person.user, note, what_is_wrong="The date.").pk,
        "goal_id": goal.pk,
        "step_id": GoalStepFactory(goal=goal).pk,
        "strength_id": StrengthFactory(person=person, **mine).pk,
        "member_id": SignificantOtherFactory(person=person, **mine).pk,
        "setback_id": SetbackFactory(person=person, **mine).pk,
        "checkin_id": CheckInFactory(person=person).pk,
        "appointment_id": appointment.pk,
        "request_id": asked.pk,
        # Public (the token is the key): tests/casework/appointments/test_calendar.py.
        "feed_token": "not-a-real-token",
        # Public (token, not id): only used to reverse the URL for the anonymous test.
        "token": "not-a-real-token",
        "section_id": plan_section.pk,
        "revision_id": plan_revision.pk,
        "difference_id": plan_difference.pk,
        # Practice review: alice, her team, and one indicator (not a record id).
        "worker_id": worker.pk,
        "team_id": north_team.pk,
        "indicator_key": "people-seen",
    }


# --- Property-based tests (hypothesis) ----------------------------------------------------
# Fixed examples, no example database: every run (and CI) tries the same inputs, so a
# failure reproduces. HYPOTHESIS_PROFILE=explore draws new random ones, five times as many.

hypothesis_settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.register_profile("explore", database=None, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# --- Handover (issue 21): more staff, and a clock that moves ---------------------------


@pytest.fixture
def nina(north_team):
    """nina: a practitioner in the north team, who takes over from alice."""
    return _staff("nina", north_team)


@pytest.fixture
def omar(north_team):
    """omar: another north team practitioner, for a caseload split between two workers."""
    return _staff("omar", north_team)


@pytest.fixture
def second_supervisor(north_team):
    """sue: also supervises the north team (two supervisors at once)."""
    return _staff("sue", north_team, StaffMembership.Role.SUPERVISOR)


@pytest.fixture
def south_worker(south_team):
    """sid: a practitioner in the south team: not one alice's people can go to."""
    return _staff("sid", south_team)


@pytest.fixture
def move_time(monkeypatch):
    """``move_time(days)``: from now on, every clock in the app reads ``days`` later."""
    real_now = timezone.now

    def _move(days):
        monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(days=days))

    return _move


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)
