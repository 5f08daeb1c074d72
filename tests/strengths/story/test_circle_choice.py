"""Issue 17 section 3: the circle involvement choice is the person's, and only theirs.

A worker records a choice only as something the person said in a session (with
its date); the person sees it under "new since your last visit" and can undo it
in one click. Steps never go to someone the person chose not to contact.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.common.errors import ActionRefused
from casework.demo.factories import CaseAssignmentFactory, SignificantOtherFactory
from casework.models import CaseAssignment
from casework.space.whats_new import whats_new
from strengths.models import GoalStep, SignificantOther, Voice
from strengths.story import actions
from strengths.story.forms import GoalStepForm, SignificantOtherForm

pytestmark = pytest.mark.django_db

DNC = SignificantOther.Involvement.DO_NOT_CONTACT
KEEP_INFORMED = SignificantOther.Involvement.KEEP_INFORMED
SECRET = "07700 900555"


@pytest.fixture
def ray(person):
    return SignificantOtherFactory(
        person=person,
        name="Uncle Ray",
        involvement=DNC,
        contact_details=SECRET,
        involvement_set_as=Voice.PERSON,
        involvement_set_by=person.user,
    )


def _edit(ray, **overrides):
    data = {
        "kind": "person",
        "name": ray.name,
        "involvement": KEEP_INFORMED,
        "version": ray.version,
    }
    return {**data, **overrides}


def _session_day():
    return timezone.localdate() - datetime.timedelta(days=2)


def test_a_worker_cannot_silently_switch_do_not_contact_to_keep_informed(
    worker_client, person, ray
):
    url = reverse("strengths:member_edit", args=[person.pk, ray.pk])
    response = worker_client.post(url, _edit(ray))
    assert response.status_code == 200
    body = response.content.decode()
    assert "told you in a session" in body
    assert SECRET not in body
    ray.refresh_from_db()
    assert ray.involvement == DNC
    overview = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    assert SECRET not in overview


def test_the_action_refuses_a_worker_change_without_the_session_it_was_said_in(worker, ray):
    with pytest.raises(ActionRefused):
        actions.update_circle_member(worker, ray, involvement=KEEP_INFORMED)
    with pytest.raises(ActionRefused):
        actions.update_circle_member(
            worker, ray, involvement=KEEP_INFORMED, told_in_session=True, said_in_session_on=None
        )
    future = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ActionRefused):
        actions.update_circle_member(
            worker, ray, involvement=KEEP_INFORMED, told_in_session=True, said_in_session_on=future
        )
    ray.refresh_from_db()
    assert ray.involvement == DNC


def test_a_worker_records_what_the_person_said_in_a_session(worker_client, worker, person, ray):
    url = reverse("strengths:member_edit", args=[person.pk, ray.pk])
    day = _session_day()
    response = worker_client.post(
        url, _edit(ray, told_in_session="on", said_in_session_on=day.isoformat())
    )
    assert response.status_code == 302
    ray.refresh_from_db()
    assert ray.involvement == KEEP_INFORMED
    assert ray.involvement_set_by == worker and ray.involvement_set_as == Voice.WORKER
    assert ray.involvement_said_on == day
    assert ray.involvement_before == DNC
    overview = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    when = f"{day:%-d %B %Y}"
    assert f"recorded by {worker.get_short_name()}, said in the session on {when}" in overview


def test_the_person_sees_the_recorded_choice_in_new_since_your_last_visit(worker, person, ray):
    before = timezone.now() - datetime.timedelta(seconds=1)
    actions.update_circle_member(
        worker,
        ray,
        involvement=KEEP_INFORMED,
        told_in_session=True,
        said_in_session_on=_session_day(),
    )
    texts = [item.text for item in whats_new(person, before)]
    assert any("Uncle Ray" in t and "Keep informed" in t and "undo" in t for t in texts), texts


def test_the_person_undoes_a_recorded_choice_in_one_click(
    worker_client, person_client, worker, person, ray
):
    actions.update_circle_member(
        worker,
        ray,
        involvement=KEEP_INFORMED,
        told_in_session=True,
        said_in_session_on=_session_day(),
    )
    page = person_client.get(reverse("me_circle")).content.decode()
    undo = reverse("me_circle_undo_choice", args=[ray.pk])
    assert undo in page
    assert "Do not contact" in page  # the button says what it goes back to
    response = person_client.post(undo)
    assert response.status_code == 302
    ray.refresh_from_db()
    assert ray.involvement == DNC
    assert ray.involvement_set_as == Voice.PERSON and ray.involvement_set_by == person.user
    assert ray.involvement_said_on is None
    overview = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    assert SECRET not in overview
    assert undo not in person_client.get(reverse("me_circle")).content.decode()


def test_only_the_person_undoes_and_only_a_choice_someone_else_recorded(worker, person, ray):
    with pytest.raises(ActionRefused):
        actions.undo_recorded_involvement(person.user, ray)  # their own choice: nothing to undo
    actions.update_circle_member(
        worker,
        ray,
        involvement=KEEP_INFORMED,
        told_in_session=True,
        said_in_session_on=_session_day(),
    )
    with pytest.raises(ActionRefused):
        actions.undo_recorded_involvement(worker, ray)


def test_a_peer_supporter_cannot_record_the_choice(peer_worker, person, ray, client_for):
    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    with pytest.raises(ActionRefused):
        actions.update_circle_member(
            peer_worker,
            ray,
            involvement=KEEP_INFORMED,
            told_in_session=True,
            said_in_session_on=_session_day(),
        )
    form = SignificantOtherForm(instance=ray, person=person, user=peer_worker)
    assert "involvement" not in form.fields
    url = reverse("strengths:member_edit", args=[person.pk, ray.pk])
    client_for(peer_worker).post(
        url, _edit(ray, told_in_session="on", said_in_session_on=_session_day().isoformat())
    )
    ray.refresh_from_db()
    assert ray.involvement == DNC


def test_steps_cannot_go_to_someone_the_person_chose_not_to_contact(
    worker_client, worker, person, goal, ray
):
    sis = SignificantOtherFactory(person=person, name="Sis", involvement=KEEP_INFORMED)
    choices = GoalStepForm(person=person).fields["circle_member"].queryset
    assert sis in choices and ray not in choices
    with pytest.raises(ActionRefused):
        actions.add_step(worker, goal, what="Ring Ray", who="circle", circle_member=ray)
    step = actions.add_step(worker, goal, what="Ring Sis", who="circle", circle_member=sis)
    with pytest.raises(ActionRefused):
        actions.update_step(worker, step, circle_member=ray)
    response = worker_client.post(
        reverse("strengths:step_add", args=[person.pk, goal.pk]),
        {"what": "Ring Ray", "who": "circle", "circle_member": ray.pk, "status": "not_started"},
    )
    assert response.status_code == 200
    assert not GoalStep.objects.filter(circle_member=ray).exists()
