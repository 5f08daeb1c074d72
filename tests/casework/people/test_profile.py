"""The person's profile: changed by the person (their own fields) and by their workers,
with every change kept and shown to the person."""

import datetime

import pytest
from django.urls import reverse

from casework import access
from casework.common.errors import ActionRefused
from casework.demo.factories import CaseAssignmentFactory, UserFactory
from casework.models import CaseAssignment, Person, ProfileChange
from casework.people.actions import (
    PERSON_FIELDS,
    change_profile,
    profile_fields_for,
)
from casework.space.whats_new import whats_new

pytestmark = pytest.mark.django_db


def _post(person, **values):
    data = {"profile_form": "1", "version": person.profile_version}
    data.update(values)
    return data


def _staff_form(person, **values):
    base = {
        "preferred_name": person.preferred_name,
        "full_name": person.full_name,
        "pronouns": person.pronouns,
        "about_me": person.about_me,
        "support_contexts": person.support_contexts,
    }
    base.update(values)
    return _post(person, **base)


# --- Who may change which fields --------------------------------------------------------


def test_the_person_changes_only_their_own_fields(person):
    assert profile_fields_for(person.user, person) == PERSON_FIELDS
    assert "full_name" not in PERSON_FIELDS and "email" not in PERSON_FIELDS


def test_the_lead_also_changes_service_facts_and_the_email(person, worker):
    fields = profile_fields_for(worker, person)
    assert {"full_name", "date_of_birth", "support_contexts", "email"} <= set(fields)


def test_a_co_worker_changes_the_profile_but_not_where_account_links_go(person, north_team):
    cora = UserFactory(username="cora")
    CaseAssignmentFactory(person=person, worker=cora, role=CaseAssignment.Role.CO_WORKER)
    fields = profile_fields_for(cora, person)
    assert "full_name" in fields and "email" not in fields


def test_peer_supporters_supervisors_and_org_admins_change_nothing(
    person, peer_worker, supervisor, org_admin
):
    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    for user in (peer_worker, supervisor, org_admin):
        assert profile_fields_for(user, person) == ()
        with pytest.raises(ActionRefused):
            change_profile(user, person, {"pronouns": "x"}, based_on_version=1)


def test_the_person_cannot_slip_in_a_staff_field(person, person_client):
    response = person_client.post(
        reverse("me_profile_edit"),
        _post(person, preferred_name="Erin", full_name="Someone Else", email="x@example.org"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Erin Example" and person.email == ""


# --- Changing, with a trace -------------------------------------------------------------


def test_the_person_changes_their_profile_and_the_history_keeps_the_earlier_value(
    person, person_client
):
    response = person_client.post(
        reverse("me_profile_edit"),
        _post(person, preferred_name="Rin", pronouns="she/they", contact_methods=["text"]),
    )
    assert response.status_code == 302 and response["Location"] == reverse("me_profile")
    person.refresh_from_db()
    assert (person.preferred_name, person.pronouns) == ("Rin", "she/they")
    assert person.contact_methods == ["text"]
    assert person.profile_version == 2
    change = ProfileChange.objects.get(person=person, field="preferred_name")
    assert (change.before, change.after, change.changed_by) == ("Erin", "Rin", person.user)
    assert change.voice == "person"
    page = person_client.get(reverse("me_profile")).content.decode()
    assert "Before: Erin" in page and "After: Rin" in page and "You changed" in page


def test_a_workers_change_is_logged_and_shown_to_the_person(person, worker, client_for):
    client = client_for(worker)
    response = client.post(
        reverse("person_profile_edit", args=[person.pk]),
        _staff_form(person, about_me="Erin grows vegetables.", language="Polish"),
    )
    assert response.status_code == 302
    event = person.access_events.get(action="changed")
    assert event.actor == worker and "about me" in event.what and "language" in event.what
    items = [i.text for i in whats_new(person, since=None)]
    assert any("changed \u201cabout me\u201d in your profile" in t for t in items)
    history = client_for(person.user).get(reverse("me_profile")).content.decode()
    assert "Before: I like gardening and I want to work outdoors." in history
    log = client_for(person.user).get(reverse("me_access_log")).content.decode()
    assert "changed your profile (about me, language)" in log


def test_the_persons_own_change_is_not_news_to_them(person):
    assert change_profile(person.user, person, {"pronouns": "xe/xem"}, based_on_version=1)
    assert not any("profile" in i.text for i in whats_new(person, since=None))


def test_saving_nothing_new_changes_nothing(person, worker):
    assert change_profile(worker, person, {"preferred_name": "Erin"}, based_on_version=1) == []
    assert not ProfileChange.objects.exists()
    assert not person.access_events.filter(action="changed").exists()


def test_the_profile_history_cannot_be_rewritten(person):
    change_profile(person.user, person, {"pronouns": "xe/xem"}, based_on_version=1)
    change = ProfileChange.objects.get()
    with pytest.raises(PermissionError):
        change.delete()
    with pytest.raises(PermissionError):
        ProfileChange.objects.update(after="x")


# --- Never lost -------------------------------------------------------------------------


def test_two_people_editing_at_once_never_lose_an_edit(person, worker, person_client, client_for):
    seen_version = person.profile_version
    change_profile(worker, person, {"pronouns": "ze/zir"}, based_on_version=seen_version)
    response = person_client.post(
        reverse("me_profile_edit"),
        {
            "profile_form": "1",
            "version": seen_version,
            "preferred_name": "Erin",
            "pronouns": "they",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this profile" in page and "What is saved now" in page
    assert 'value="they"' in page  # what the person typed is still in the form
    person.refresh_from_db()
    assert person.pronouns == "ze/zir"


def test_an_invalid_date_never_clears_the_stored_date_of_birth(person, worker, client_for):
    Person.objects.filter(pk=person.pk).update(date_of_birth=datetime.date(1988, 6, 1))
    person.refresh_from_db()
    url = reverse("person_profile_edit", args=[person.pk])
    client = client_for(worker)
    # A browser sends 30 February as an empty date input.
    response = client.post(url, _staff_form(person, date_of_birth=""))
    assert response.status_code == 200
    assert "not a real date, so it was not changed" in response.content.decode()
    response = client.post(url, _staff_form(person, date_of_birth="1988-02-30"))
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.date_of_birth == datetime.date(1988, 6, 1)
    # Removing it is a choice the user makes.
    response = client.post(url, _staff_form(person, date_of_birth="", remove_date_of_birth="on"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.date_of_birth is None


def test_a_field_the_browser_did_not_send_is_left_alone(person, worker, client_for):
    Person.objects.filter(pk=person.pk).update(accessibility_needs="Large print", language="Welsh")
    person.refresh_from_db()
    response = client_for(worker).post(
        reverse("person_profile_edit", args=[person.pk]),
        _post(person, preferred_name="Erin", pronouns="she/her"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.accessibility_needs, person.language, person.full_name) == (
        "Large print",
        "Welsh",
        "Erin Example",
    )
    assert person.pronouns == "she/her"


def test_an_empty_name_is_refused_and_the_stored_name_kept(person, person_client):
    response = person_client.post(reverse("me_profile_edit"), _post(person, preferred_name=""))
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.preferred_name == "Erin"


def test_a_closed_case_profile_is_read_only_for_the_person(person, person_client):
    Person.objects.filter(pk=person.pk).update(
        status=Person.Status.CLOSED, closed_on=datetime.date.today()
    )
    page = person_client.get(reverse("me_profile_edit")).content.decode()
    assert "can be read but no longer changed" in page
    response = person_client.post(reverse("me_profile_edit"), _post(person, pronouns="x"))
    assert response.status_code == 403


# --- Who reaches the pages (beside the matrices) -------------------------------------------


def test_it_checks_ownership(person, other_worker, other_supervisor, org_admin, client_for):
    for user in (other_worker, other_supervisor, org_admin):
        client = client_for(user)
        for name in ("person_profile", "person_profile_edit"):
            assert client.get(reverse(name, args=[person.pk])).status_code == 404


def test_the_supervisor_reads_the_profile_but_cannot_change_it(person, supervisor_client):
    page = supervisor_client.get(reverse("person_profile", args=[person.pk]))
    assert page.status_code == 200
    assert reverse("person_profile_edit", args=[person.pk]) not in page.content.decode()
    assert (
        supervisor_client.get(reverse("person_profile_edit", args=[person.pk])).status_code == 404
    )


def test_the_email_shows_only_to_whoever_manages_the_account(person, worker, supervisor_client):
    Person.objects.filter(pk=person.pk).update(email="erin@example.org")
    assert (
        "erin@example.org"
        not in supervisor_client.get(reverse("person_profile", args=[person.pk])).content.decode()
    )


# --- Query counts: the history is a list ---------------------------------------------------


@pytest.mark.parametrize("page", ["person_profile", "me_profile"])
def test_profile_pages_run_a_fixed_number_of_queries(page, person, worker, client_for, query_count):
    user = worker if page == "person_profile" else person.user
    url = reverse(page, args=[person.pk]) if page == "person_profile" else reverse(page)
    client = client_for(user)
    change_profile(worker, person, {"pronouns": "a"}, based_on_version=person.profile_version)
    small = query_count(client).get(url)
    for i in range(8):
        author = worker if i % 2 else person.user
        change_profile(
            author, person, {"pronouns": f"p{i}"}, based_on_version=person.profile_version
        )
    large = query_count(client).get(url)
    query_count.assert_same(small, large, page)


def test_who_can_see_my_record_says_who_may_change_the_profile(person, worker, supervisor):
    words = {v.user: " ".join(v.in_plain_words()) for v in access.who_can_see(person)}
    assert "Can change your profile" in words[worker]
    assert "Can change your profile" not in words[supervisor]
