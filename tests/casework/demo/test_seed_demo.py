"""seed_demo: the demo accounts from the README, idempotent, and never by accident."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from casework.access import people_visible_to, signed_in_as
from casework.models import CaseAssignment, Person, User

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = ["sam", "jo", "priya", "morgan", "lee", "rob", "alex", "chris", "jamie", "admin"]


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", people=6, stdout=StringIO())


def test_every_demo_account_can_sign_in(seeded):
    for username in DEMO_ACCOUNTS:
        assert authenticate(username=username, password="recovery-demo"), username


def test_demo_roles_match_the_readme(seeded):
    users = {u.username: u for u in User.objects.all()}
    assert signed_in_as(users["sam"]).kind == "worker"
    assert signed_in_as(users["morgan"]).kind == "supervisor"
    assert signed_in_as(users["lee"]).kind == "supervisor"
    assert signed_in_as(users["alex"]).kind == "person"
    assert signed_in_as(users["admin"]).kind == "org_admin"
    alex = Person.objects.get(user__username="alex")
    chris = Person.objects.get(user__username="chris")
    assert alex in people_visible_to(users["sam"])
    assert chris in people_visible_to(users["priya"])
    assert alex in people_visible_to(users["morgan"])
    assert alex not in people_visible_to(users["lee"])
    assert chris not in people_visible_to(users["sam"])


def test_running_twice_adds_nothing(seeded, settings):
    counts = (User.objects.count(), Person.objects.count(), CaseAssignment.objects.count())
    call_command("seed_demo", people=6, stdout=StringIO())
    assert (User.objects.count(), Person.objects.count(), CaseAssignment.objects.count()) == counts


def test_one_handover_to_see(seeded):
    from casework.models import Handover

    handover = Handover.objects.get()
    assert handover.person.user.username == "jamie"
    assert (handover.from_worker.username, handover.to_worker.username) == ("jo", "sam")
    assert handover.outgoing_note and handover.is_pending
    call_command("seed_demo", people=6, stdout=StringIO())
    assert Handover.objects.count() == 1


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_force_runs_with_debug_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", people=0, force=True, stdout=StringIO())
    assert User.objects.filter(username="sam").exists()


def test_demo_text_uses_no_labelling_words(seeded):
    words = ["offender", "addict", "junkie", "non-compliant", "manipulative", "suffers from"]
    for person in Person.objects.all():
        text = f"{person.about_me} {person.full_name}".lower()
        assert not any(w in text for w in words), person


def test_demo_own_space_data_is_added_once(seeded):
    from casework.models import AccessEvent, AccountInvitation, CheckIn

    alex = Person.objects.get(user__username="alex")
    assert alex.check_ins.filter(wants_to_talk=True, seen_at__isnull=True).exists()
    assert AccessEvent.objects.filter(person=alex, acting_role="Supervisor (read only)").exists()
    dani = Person.objects.get(preferred_name="Dani")
    assert dani.user is None
    assert any(i.is_open() for i in dani.invitations.all())
    counts = (
        CheckIn.objects.count(),
        AccessEvent.objects.count(),
        AccountInvitation.objects.count(),
    )
    call_command("seed_demo", people=6, stdout=StringIO())
    assert (
        CheckIn.objects.count(),
        AccessEvent.objects.count(),
        AccountInvitation.objects.count(),
    ) == counts


def test_rob_is_alexs_peer_supporter_and_reads_only_his_own_notes(seeded):
    from casework.access import NOTES_OWN, notes_visible_to, person_note_scope

    rob = User.objects.get(username="rob")
    alex = Person.objects.get(user__username="alex")
    assert signed_in_as(rob).label == "Peer support worker, Northgate probation team"
    assert alex.assignments.get(worker=rob).role == CaseAssignment.Role.PEER_SUPPORT
    assert alex.peer_note_choices.get().allow is False
    assert person_note_scope(rob, alex) == NOTES_OWN
    assert {n.author for n in notes_visible_to(rob, alex)} == {rob}
    call_command("seed_demo", people=6, stdout=StringIO())
    assert alex.peer_note_choices.count() == 1
    assert alex.notes.filter(author=rob).count() == 1
