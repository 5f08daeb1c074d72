"""Issue 17 section 3: "Who can see my record" names every kind of content each person can see.

The words come from ``Viewer.in_plain_words``, which reads ``capabilities`` (the
table plus the person's choice about their peer supporter), so the page and
the rules cannot drift apart.
"""

import pytest
from django.urls import reverse

from casework import access
from casework.access import Can, Relation
from casework.demo.factories import CaseAssignmentFactory
from casework.models import CaseAssignment
from casework.peer.actions import set_peer_note_sharing

pytestmark = pytest.mark.django_db

# Each kind of content, and the words that name it on the page.
KINDS = {
    "plan": "your plan",
    "notes": "session notes",
    "alerts": "alerts",
    "check_ins": "check-ins",
    "contact": "contact details",
}


@pytest.fixture
def team(person, peer_worker, supervisor):
    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    return person


def _words(person):
    return {v.relation: v.in_plain_words() for v in access.who_can_see(person)}


def test_every_kind_of_content_is_named_for_every_viewer(team):
    for relation, lines in _words(team).items():
        text = " ".join(lines)
        for kind, words in KINDS.items():
            assert words in text, f"{relation}: nothing said about {kind}"


def test_what_is_said_follows_the_capabilities(team):
    for viewer in access.who_can_see(team):
        text = " ".join(viewer.in_plain_words())
        for can, words in ((Can.READ_ALERTS, "alerts"), (Can.READ_CHECK_INS, "check-ins")):
            says_yes = any(
                line.startswith("Can ") and words in line for line in viewer.in_plain_words()
            )
            assert says_yes == (can in viewer.abilities), (viewer.relation, can, text)


def test_the_peer_supporter_by_default_and_after_the_persons_choice(team, person_client):
    words = " ".join(_words(team)[Relation.PEER_SUPPORT])
    assert "Cannot read the alerts on your record." in words
    assert "Cannot read your check-ins." in words
    set_peer_note_sharing(team, team.user, allow=False, alerts=True, check_ins=True)
    words = " ".join(_words(team)[Relation.PEER_SUPPORT])
    assert "Can read the alerts you have been told about. You chose this." in words
    assert "Can read your check-ins. You chose this." in words
    page = person_client.get(reverse("me_who_can_see")).content.decode()
    assert "Can read the alerts you have been told about. You chose this." in page
    assert "Can read your check-ins. You chose this." in page


def test_the_lead_worker_and_supervisor_lines(team):
    words = _words(team)
    lead = " ".join(words[Relation.LEAD])
    assert "also ones you have not been told about" in lead
    assert "record a choice you made in a session" in lead
    supervisor = " ".join(words[Relation.SUPERVISOR])
    assert "Can read your check-ins." in supervisor
    assert "Cannot change anything." in supervisor
    assert "record a choice" not in supervisor
