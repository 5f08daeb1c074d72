"""Handover (issue 21): one person or a whole caseload, all or nothing, the old access
ending on its date, the person told and heard, and nothing lost or duplicated."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from casework import access
from casework.common.errors import ActionRefused
from casework.export import record as record_export
from casework.handover.actions import Choice, hand_over, write_outgoing_note
from casework.handover.forms import HandoverForm
from casework.handover.models import Handover, HandoverResponse
from casework.models import AccessEvent, CaseAssignment, SessionNote
from casework.people.assignments import PREFIX
from tests.conftest import day

pytestmark = pytest.mark.django_db


def _lead(person, worker):
    return CaseAssignment.objects.active().get(person=person, worker=worker)


def _form(from_worker, rows, *, to_all="", starts=1, ends=8):
    data = {
        "from_worker": from_worker.pk,
        "starts_on": day(starts).isoformat(),
        "ends_on": day(ends).isoformat(),
        "to_all": to_all,
    }
    data.update({f"to_{a.pk}": value for a, value in rows})
    return data


def test_a_single_handover_from_the_record(person, worker, nina, supervisor, client_for):
    client = client_for(supervisor)
    old = _lead(person, worker)
    page = client.get(reverse("handover_new"), {"from": worker.pk, "person": person.pk})
    assert page.status_code == 200
    assert f'name="to_{old.pk}"' in page.content.decode()

    response = client.post(reverse("handover_new"), _form(worker, [(old, nina.pk)]))

    assert response.status_code == 302
    handover = Handover.objects.get()
    old.refresh_from_db()
    assert old.ended_on == day(8)
    assert handover.new_assignment.worker == nina
    assert handover.new_assignment.started_on == day(1)
    assert handover.new_assignment.role == CaseAssignment.Role.LEAD
    assert handover.status == Handover.Status.PENDING
    logged = AccessEvent.objects.get(person=person, action="changed", actor=supervisor)
    assert logged.what.startswith(PREFIX)
    assert (
        f"{nina.display_name()} takes over from {worker.display_name()} as lead worker"
        in logged.what
    )
    assert logged.acting_role == "Supervisor"


def test_a_whole_caseload_of_40_in_one_go(
    person, worker, nina, omar, supervisor, add_to_caseload, client_for
):
    add_to_caseload(worker, 39)
    rows = list(CaseAssignment.objects.active().filter(worker=worker).order_by("pk"))
    assert len(rows) == 40
    assignments_before = CaseAssignment.objects.count()
    # Everyone to nina, except the first five to omar.
    data = _form(worker, [(a, omar.pk) for a in rows[:5]], to_all=nina.pk)

    response = client_for(supervisor).post(reverse("handover_new"), data)

    assert response.status_code == 302
    handovers = Handover.objects.all()
    assert handovers.count() == 40
    assert handovers.values("batch").distinct().count() == 1
    assert handovers.filter(to_worker=omar).count() == 5
    # Nothing duplicated: exactly one new assignment per person, nothing else changed.
    assert CaseAssignment.objects.count() == assignments_before + 40
    assert not CaseAssignment.objects.filter(worker=worker, ended_on__isnull=True).exists()
    for a in rows:
        assert CaseAssignment.objects.filter(person=a.person, started_on=day(1)).count() == 1


def test_keep_leaves_a_person_with_the_old_worker(
    person, worker, nina, supervisor, add_to_caseload
):
    (other,) = add_to_caseload(worker, 1)
    kept = _lead(other, worker)
    data = _form(worker, [(kept, "keep")], to_all=nina.pk)
    form = HandoverForm(
        data,
        from_worker=worker,
        assignments=access.handover_assignments(supervisor, worker),
        workers=access.new_worker_choices(supervisor, worker),
    )
    assert form.is_valid(), form.errors
    assert [c.assignment_id for c in form.cleaned_data["choices"]] == [_lead(person, worker).pk]


def test_all_or_nothing_when_one_person_was_handed_over_meanwhile(
    person, worker, nina, omar, supervisor, add_to_caseload
):
    (other,) = add_to_caseload(worker, 1)
    first, second = _lead(person, worker), _lead(other, worker)
    hand_over(supervisor, worker, [Choice(second.pk, omar)], starts_on=day(1), ends_on=day(2))
    before = (Handover.objects.count(), CaseAssignment.objects.count())

    with pytest.raises(ActionRefused, match="Nothing was changed"):
        hand_over(
            supervisor,
            worker,
            [Choice(first.pk, nina), Choice(second.pk, nina)],
            starts_on=day(1),
            ends_on=day(2),
        )

    assert (Handover.objects.count(), CaseAssignment.objects.count()) == before
    first.refresh_from_db()
    assert first.ended_on is None


def test_two_supervisors_at_once_one_wins_the_other_is_told(
    person, worker, nina, omar, supervisor, second_supervisor, client_for
):
    old = _lead(person, worker)
    carol, sue = client_for(supervisor), client_for(second_supervisor)
    # Both opened the form; carol sends hers first.
    for client in (carol, sue):
        assert client.get(reverse("handover_new"), {"from": worker.pk}).status_code == 200
    assert carol.post(reverse("handover_new"), _form(worker, [(old, nina.pk)])).status_code == 302

    response = sue.post(reverse("handover_new"), _form(worker, [(old, omar.pk)]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else has just handed over Erin" in page
    assert "Nothing was changed" in page
    assert Handover.objects.get().to_worker == nina
    assert not CaseAssignment.objects.filter(worker=omar).exists()


def test_the_database_refuses_a_second_handover_of_one_assignment(
    person, worker, nina, omar, supervisor
):
    old = _lead(person, worker)
    (first,) = hand_over(
        supervisor, worker, [Choice(old.pk, nina)], starts_on=day(1), ends_on=day(2)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Handover.objects.create(
            person=person,
            old_assignment=old,
            new_assignment=CaseAssignment.objects.create(person=person, worker=omar),
            from_worker=worker,
            to_worker=omar,
            role=old.role,
            starts_on=day(1),
            old_access_ends_on=day(2),
            batch=first.batch,
            handed_over_by=supervisor,
            handed_over_as="Supervisor",
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"starts_on": day(-1).isoformat()}, "cannot be in the past"),
        (
            {"starts_on": day(5).isoformat(), "ends_on": day(4).isoformat()},
            "nobody is left without",
        ),
        ({"starts_on": "2024-02-30"}, "Enter a valid date"),
        ({"to_all": ""}, "Choose a new worker for at least one person"),
        ({"to_all": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    change, message, person, worker, nina, supervisor, client_for
):
    data = _form(worker, [], to_all=nina.pk)
    data.update(change)
    response = client_for(supervisor).post(reverse("handover_new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Handover.objects.exists()
    assert _lead(person, worker).ended_on is None


def test_a_worker_of_another_team_is_not_offered_nor_accepted(
    person, worker, south_worker, supervisor, client_for
):
    client = client_for(supervisor)
    page = client.get(reverse("handover_new"), {"from": worker.pk}).content.decode()
    assert f'value="{south_worker.pk}"' not in page
    response = client.post(reverse("handover_new"), _form(worker, [], to_all=south_worker.pk))
    assert response.status_code == 200
    assert not Handover.objects.exists()
    with pytest.raises(ActionRefused):
        hand_over(
            supervisor,
            worker,
            [Choice(_lead(person, worker).pk, south_worker)],
            starts_on=day(1),
            ends_on=day(2),
        )


def test_nobody_hands_over_to_themselves_or_from_another_team(
    person, worker, supervisor, other_supervisor, client_for
):
    assert supervisor not in set(access.new_worker_choices(supervisor, worker))
    assert worker not in set(access.new_worker_choices(supervisor, worker))
    # The south team's supervisor may not hand over alice's people: 404, like a record.
    response = client_for(other_supervisor).get(reverse("handover_new"), {"from": worker.pk})
    assert response.status_code == 404


def test_old_access_ends_on_the_date(person, worker, nina, supervisor, client_for, move_time):
    old = _lead(person, worker)
    hand_over(supervisor, worker, [Choice(old.pk, nina)], starts_on=day(3), ends_on=day(10))
    url = reverse("person_detail", args=[person.pk])
    assert client_for(worker).get(url).status_code == 200
    assert client_for(nina).get(url).status_code == 404  # not yet

    move_time(3)
    assert client_for(worker).get(url).status_code == 200  # the overlap: both
    assert client_for(nina).get(url).status_code == 200

    move_time(9)
    assert client_for(worker).get(url).status_code == 200  # the last day before the end

    move_time(10)
    assert client_for(worker).get(url).status_code == 404  # from the end date: no access
    assert client_for(worker).get(reverse("handover_detail", args=[person.pk])).status_code == 404
    assert client_for(nina).get(url).status_code == 200


def test_the_person_is_told_reads_the_note_and_says_how_they_feel(
    person, worker, nina, supervisor, note, client_for
):
    old = _lead(person, worker)
    (handover,) = hand_over(
        supervisor, worker, [Choice(old.pk, nina)], starts_on=day(5), ends_on=day(12)
    )
    write_outgoing_note(worker, handover, "Erin is doing great with the allotment.", note)
    person_client = client_for(person.user)

    home = person_client.get(reverse("me_home")).content.decode()
    assert escape(f"{nina.first_name} will be your worker from") in home
    assert escape(f"Here is what {worker.first_name} passed on") in home

    page = person_client.get(reverse("me_handover")).content.decode()
    assert "Erin is doing great with the allotment." in page
    assert "What your new worker reads about you" in page

    response = person_client.post(
        reverse("me_handover"), {"feeling": "unsure", "words": "I liked alice. Nervous."}
    )
    assert response.status_code == 302
    said = HandoverResponse.objects.get()
    assert said.handover == handover and said.words == "I liked alice. Nervous."
    # The new worker, once started, reads it on the record.
    assert (
        "I liked alice. Nervous."
        in client_for(supervisor).get(reverse("handover_detail", args=[person.pk])).content.decode()
    )
    # The change is on the person's log of who works with them.
    log = person_client.get(reverse("me_access_log")).content.decode()
    assert (
        escape(f"{nina.display_name()} takes over from {worker.display_name()} as lead worker")
        in log
    )


def test_the_person_needs_to_choose_a_feeling(person, worker, nina, supervisor, client_for):
    hand_over(
        supervisor,
        worker,
        [Choice(_lead(person, worker).pk, nina)],
        starts_on=day(1),
        ends_on=day(2),
    )
    response = client_for(person.user).post(reverse("me_handover"), {"words": "hmm"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not HandoverResponse.objects.exists()


def test_the_new_worker_sees_it_first_until_they_mark_it_read(
    person, worker, nina, supervisor, client_for, move_time
):
    (handover,) = hand_over(
        supervisor,
        worker,
        [Choice(_lead(person, worker).pk, nina)],
        starts_on=day(1),
        ends_on=day(2),
    )
    move_time(1)
    client = client_for(nina)
    overview = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Handed over to you" in overview
    assert overview.index("Handed over to you") < overview.index("About me")

    assert client.post(reverse("handover_read", args=[person.pk])).status_code == 302
    handover.refresh_from_db()
    assert handover.status == Handover.Status.DONE and handover.read_at
    assert (
        "Handed over to you"
        not in client.get(reverse("person_detail", args=[person.pk])).content.decode()
    )


def test_the_outgoing_worker_writes_the_note_once(
    person, worker, nina, supervisor, client_for, note
):
    (handover,) = hand_over(
        supervisor,
        worker,
        [Choice(_lead(person, worker).pk, nina)],
        starts_on=day(1),
        ends_on=day(2),
    )
    client = client_for(worker)
    assert (
        "Write your handover note"
        in client.get(reverse("person_detail", args=[person.pk])).content.decode()
    )
    url = reverse("handover_note", args=[person.pk])
    assert client.post(url, {"text": "  "}).status_code == 200  # empty: refused
    assert client.post(url, {"text": "All yours.", "shared_note": note.pk}).status_code == 302
    handover.refresh_from_db()
    assert handover.outgoing_note == "All yours." and handover.shared_note == note
    # Written once: the page sends back to the handover, the action refuses.
    assert client.get(url).status_code == 302
    with pytest.raises(ActionRefused):
        write_outgoing_note(worker, handover, "Something else")
    handover.refresh_from_db()
    assert handover.outgoing_note == "All yours."


def test_a_withheld_note_cannot_be_the_shared_note(
    person, worker, nina, supervisor, withheld_note, client_for
):
    (handover,) = hand_over(
        supervisor,
        worker,
        [Choice(_lead(person, worker).pk, nina)],
        starts_on=day(1),
        ends_on=day(2),
    )
    url = reverse("handover_note", args=[person.pk])
    response = client_for(worker).post(url, {"text": "x", "shared_note": withheld_note.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ActionRefused):
        write_outgoing_note(worker, handover, "x", withheld_note)


def test_nothing_of_the_record_is_lost_or_duplicated(person, worker, nina, supervisor, add_notes):
    add_notes(person, 5)
    notes_before = list(SessionNote.objects.filter(person=person).values_list("pk", "author_id"))
    hand_over(
        supervisor,
        worker,
        [Choice(_lead(person, worker).pk, nina)],
        starts_on=day(1),
        ends_on=day(2),
    )
    assert (
        list(SessionNote.objects.filter(person=person).values_list("pk", "author_id"))
        == notes_before
    )
    # The old assignment is kept (with its end date), never deleted.
    assert CaseAssignment.objects.filter(person=person, worker=worker).count() == 1


def test_the_download_includes_handovers(person, worker, nina, supervisor):
    (handover,) = hand_over(
        supervisor,
        worker,
        [Choice(_lead(person, worker).pk, nina)],
        starts_on=day(1),
        ends_on=day(2),
    )
    write_outgoing_note(worker, handover, "Passing on with care.")
    HandoverResponse.objects.create(handover=handover, feeling="ok", words="Fine by me.")
    data = record_export.build(person)
    (row,) = data["handovers"]
    assert (
        row["to_worker"] == nina.display_name()
        and row["note_from_my_worker"] == "Passing on with care."
    )
    assert row["what_i_said"][0]["in_my_words"] == "Fine by me."


def test_a_co_worker_taking_over_as_lead_keeps_one_role(person, worker, nina, supervisor):
    co = CaseAssignment.objects.create(
        person=person, worker=nina, role=CaseAssignment.Role.CO_WORKER, started_on=day(-30)
    )
    hand_over(
        supervisor,
        worker,
        [Choice(_lead(person, worker).pk, nina)],
        starts_on=day(1),
        ends_on=day(2),
    )
    co.refresh_from_db()
    assert co.ended_on == day(1)
    assert AccessEvent.objects.filter(
        person=person,
        action="changed",
        what__contains=f"{nina.display_name()}'s work with you ends",
    ).exists()
    assert CaseAssignment.objects.active(on=day(1)).filter(person=person, worker=nina).count() == 1


def test_a_closed_case_is_not_handed_over(person, worker, nina, supervisor):
    person.status = person.Status.CLOSED
    person.save()
    with pytest.raises(ActionRefused):
        hand_over(
            supervisor,
            worker,
            [Choice(_lead(person, worker).pk, nina)],
            starts_on=day(1),
            ends_on=day(2),
        )
