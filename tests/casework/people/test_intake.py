"""Adding a person (intake): who may, the lead worker, the duplicate check, the audit."""

import datetime

import pytest
from django.urls import reverse

from casework import access
from casework.demo.factories import PersonFactory, StaffMembershipFactory, UserFactory
from casework.models import AccessEvent, CaseAssignment, Person, StaffMembership
from casework.people.actions import add_person, names_are_similar, possible_duplicates

pytestmark = pytest.mark.django_db

URL = "/people/add/"


@pytest.fixture
def team_admin(north_team):
    """tess: runs the north team's admin; works with nobody."""
    tess = UserFactory(username="tess", first_name="Tess", last_name="Admin")
    StaffMembershipFactory(user=tess, team=north_team, role=StaffMembership.Role.TEAM_ADMIN)
    return tess


def _form(team, lead, **extra):
    data = {
        "profile_form": "1",
        "team": team.pk,
        "lead_worker": lead.pk,
        "preferred_name": "Jay",
        "pronouns": "they/them",
        "about_me": "I make music and I want a flat of my own.",
        "identity": "Welsh, and a Quaker",
        "valued_roles": "Big sibling, drummer",
        "contact_methods": ["text", "email"],
        "contact_notes": "Not before 10am.",
        "language": "Welsh",
        "needs_interpreter": "",
        "accessibility_needs": "Easy read letters, please.",
        "full_name": "",
        "date_of_birth": "1990-04-02",
        "email": "",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v != ""}


# --- Who may add people (access.teams_that_may_add_people) ---------------------------------


def test_a_practitioner_adds_people_to_their_own_team(worker, north_team, south_team):
    assert list(access.teams_that_may_add_people(worker)) == [north_team]


def test_a_team_admin_adds_people_to_the_team_they_run(team_admin, north_team):
    assert list(access.teams_that_may_add_people(team_admin)) == [north_team]


def test_supervisors_peer_supporters_org_admins_and_people_add_nobody(
    supervisor, peer_worker, org_admin, person
):
    for user in (supervisor, peer_worker, org_admin, person.user):
        assert not access.teams_that_may_add_people(user).exists(), user
        assert not access.may_add_people(user)


def test_lead_worker_choices_are_the_teams_active_practitioners(
    north_team, worker, other_worker, supervisor, peer_worker, team_admin
):
    gone = UserFactory(username="gone", is_active=False)
    StaffMembershipFactory(user=gone, team=north_team)
    users = {m.user for m in access.lead_worker_choices([north_team])}
    assert users == {worker, other_worker}


@pytest.mark.parametrize("who", ["supervisor", "peer_worker", "org_admin"])
def test_the_add_page_is_not_theirs(who, request, client_for):
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"preferred_name": "X"}).status_code == 404
    assert not Person.objects.filter(preferred_name="X").exists()


def test_the_person_cannot_add_people(person, person_client):
    assert person_client.get(URL).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_team_cannot_be_chosen_from_outside_the_users_teams(
    worker_client, worker, south_team, other_supervisor
):
    south_worker = UserFactory(username="sid")
    StaffMembershipFactory(user=south_worker, team=south_team)
    response = worker_client.post(URL, _form(south_team, south_worker))
    assert response.status_code == 200
    assert not Person.objects.filter(preferred_name="Jay").exists()


# --- Adding ------------------------------------------------------------------------------


def test_a_worker_adds_a_person_and_is_their_lead_by_default(worker, north_team, worker_client):
    page = worker_client.get(URL).content.decode()
    assert f'value="{worker.pk}" selected' in page
    response = worker_client.post(URL, _form(north_team, worker))
    jay = Person.objects.get(preferred_name="Jay")
    assert response.status_code == 302 and response["Location"] == f"/people/{jay.pk}/"
    assert jay.organisation == north_team.organisation and jay.team == north_team
    assert jay.contact_methods == ["text", "email"]
    assert jay.full_name == ""  # the legal name is optional
    assert jay.date_of_birth == datetime.date(1990, 4, 2)
    lead = CaseAssignment.objects.get(person=jay)
    assert (lead.worker, lead.role) == (worker, CaseAssignment.Role.LEAD)
    changes = list(jay.access_events.filter(action="changed").values_list("what", flat=True))
    assert "their record: added to North team" in changes
    assert any("added as lead worker" in c for c in changes)


def test_a_team_admin_chooses_the_lead_and_does_not_read_the_record(
    team_admin, other_worker, north_team, client_for
):
    client = client_for(team_admin)
    response = client.post(URL, _form(north_team, other_worker))
    assert response.status_code == 302 and response["Location"] == URL
    jay = Person.objects.get(preferred_name="Jay")
    assert CaseAssignment.objects.get(person=jay).worker == other_worker
    assert client.get(f"/people/{jay.pk}/").status_code == 404
    event = jay.access_events.filter(actor=team_admin).first()
    assert event.acting_role == "Team administrator"


def test_the_lead_must_be_a_practitioner_in_the_chosen_team(
    worker_client, north_team, supervisor, peer_worker
):
    for not_a_lead in (supervisor, peer_worker):
        response = worker_client.post(URL, _form(north_team, not_a_lead))
        assert response.status_code == 200
    assert not Person.objects.filter(preferred_name="Jay").exists()


def test_adding_needs_a_preferred_name_and_says_so(worker_client, worker, north_team):
    response = worker_client.post(URL, _form(north_team, worker, preferred_name=""))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Person.objects.exists() or not Person.objects.filter(team=north_team).exists()


def test_the_action_refuses_a_team_the_creator_is_not_in(worker, south_team):
    from casework.common.errors import ActionRefused

    south_worker = UserFactory(username="sid")
    StaffMembershipFactory(user=south_worker, team=south_team)
    with pytest.raises(ActionRefused):
        add_person(worker, team=south_team, lead_worker=south_worker, preferred_name="Jay")


# --- The duplicate check -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Jay Jones", "jay jones", True),
        ("Jay Jones", "Jay Peter Jones", True),
        ("Jon Smith", "John Smith", True),
        ("Jay Jones", "Kim Lee", False),
        ("", "Kim", False),
    ],
)
def test_names_are_similar(a, b, similar):
    assert names_are_similar(a, b) is similar


def test_duplicates_need_the_same_organisation_and_dob_with_a_similar_name(organisation):
    dob = datetime.date(1990, 4, 2)
    same = PersonFactory(
        organisation=organisation, preferred_name="Jay", full_name="Jay Jones", date_of_birth=dob
    )
    PersonFactory(
        organisation=organisation, preferred_name="Kim", full_name="Kim Lee", date_of_birth=dob
    )
    PersonFactory(preferred_name="Jay", full_name="Jay Jones", date_of_birth=dob)  # other org
    PersonFactory(organisation=organisation, preferred_name="Jay", full_name="Jay Jones")
    found = possible_duplicates(organisation, preferred_name="jay", date_of_birth=dob)
    assert found == [same]
    assert possible_duplicates(organisation, preferred_name="Jay") == []


def test_the_same_email_is_a_possible_duplicate_whatever_the_name(organisation):
    same = PersonFactory(organisation=organisation, preferred_name="Kim", email="k@example.org")
    found = possible_duplicates(organisation, preferred_name="Jay", email="K@Example.org ")
    assert found == [same]


def test_a_possible_duplicate_warns_first_and_the_user_can_confirm(
    worker, north_team, organisation, other_person, worker_client
):
    Person.objects.filter(pk=other_person.pk).update(
        full_name="Jay Jones", date_of_birth=datetime.date(1990, 4, 2)
    )
    data = _form(north_team, worker, full_name="Jay Jones")
    response = worker_client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This person may already have a record" in page
    # Frank is bob's: alice may not open it, so nothing of it shows but that it exists.
    assert "A record you cannot open" in page
    assert "Frank" not in page and f"/people/{other_person.pk}/" not in page
    assert Person.objects.filter(full_name="Jay Jones").count() == 1
    # The matched record's own log says it was shown in a check.
    assert other_person.access_events.filter(actor=worker, action="viewed").exists()

    response = worker_client.post(URL, {**data, "this_is_someone_new": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(full_name="Jay Jones").count() == 2


def test_a_duplicate_the_user_can_open_is_linked(worker, north_team, person, worker_client):
    Person.objects.filter(pk=person.pk).update(email="erin@example.org")
    response = worker_client.post(URL, _form(north_team, worker, email="erin@example.org"))
    assert f'href="/people/{person.pk}/"' in response.content.decode()


def test_the_caseload_offers_add_a_person_only_to_those_who_may(
    worker_client, supervisor_client, worker, supervisor
):
    assert URL in worker_client.get("/").content.decode()
    assert URL not in supervisor_client.get("/?view=caseload").content.decode()


def test_the_add_page_runs_a_fixed_number_of_queries(
    worker, north_team, worker_client, query_count
):
    small = query_count(worker_client).get(URL)
    for i in range(10):
        StaffMembershipFactory(user=UserFactory(username=f"w{i}"), team=north_team)
    large = query_count(worker_client).get(URL)
    query_count.assert_same(small, large, "add a person")
    assert AccessEvent.objects.count() == 0


def test_the_duplicate_check_compares_every_candidate_not_only_the_first_few(organisation):
    born = datetime.date(1990, 5, 17)
    for i in range(25):
        PersonFactory(
            organisation=organisation,
            preferred_name=f"Someone {i}",
            full_name=f"Someone Else {i}",
            date_of_birth=born,
        )
    same = PersonFactory(
        organisation=organisation, preferred_name="Zoe", full_name="Zoe Moss", date_of_birth=born
    )
    # Sorted by name, Zoe comes after the 25 others: a limit before comparing missed her.
    assert possible_duplicates(organisation, preferred_name="Zoe", date_of_birth=born) == [same]
