"""Session notes: recording, sharing and withholding, addenda, typo window, drafts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import NoteAddendumFactory, SessionNoteFactory
from casework.models import AccessEvent, NoteSharingChange, SessionNote
from casework.notes import actions
from casework.notes.actions import NoteLocked, notes_for_person_view

pytestmark = pytest.mark.django_db


def note_data(**overrides):
    happened = timezone.localtime() - datetime.timedelta(hours=2)
    data = {
        "happened_at": happened.strftime("%Y-%m-%dT%H:%M"),
        "how": "face_to_face",
        "duration_minutes": "50",
        "person_present": "on",
        "other_professionals": "",
        "talked_about": "Erin talked about the allotment and her sister's visit.",
        "going_well": "Three early mornings at the allotment.",
        "next_steps": "Erin to phone the college by Friday.",
        "next_contact_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "withheld_reason": "",
        "withheld_explanation": "",
        "suggested_terms": "",
    }
    data.update(overrides)
    return data


def new_note_url(person):
    return reverse("note_create", args=[person.pk])


# --- Recording --------------------------------------------------------------------------


def test_a_worker_records_a_session_and_it_is_shared_by_default(worker_client, person, worker):
    response = worker_client.post(new_note_url(person), note_data())
    note = person.notes.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("note_detail", args=[person.pk, note.pk])
    assert note.author == worker
    assert note.withheld_reason == ""
    assert not note.is_withheld
    assert AccessEvent.objects.filter(
        person=person, actor=worker, action="changed", what__contains="session note"
    ).exists()


def test_the_new_note_page_shows_the_form_one_click_from_the_overview(worker_client, person):
    body = worker_client.get(new_note_url(person)).content.decode()
    assert 'hx-post="/people/' in body and "Record a session" in body
    assert 'hx-trigger="keyup changed delay:700ms"' in body
    # Recording a session is its own page: the overview links to it, no form there.
    overview = worker_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert f'href="{new_note_url(person)}"' in overview and "Record a session" in overview
    assert 'hx-trigger="keyup changed delay:700ms"' not in overview


def test_htmx_save_returns_the_form_partial(worker_client, person):
    response = worker_client.post(new_note_url(person), note_data(), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Saved in {person.preferred_name}&#x27;s session notes" in body
    assert "<html" not in body
    assert person.notes.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("talked_about", "   ", "This field is required"),
        ("duration_minutes", "0", "greater than or equal to 1"),
        ("duration_minutes", "601", "less than or equal to 600"),
        ("duration_minutes", "lots", "Enter a whole number"),
        ("talked_about", "x" * 10_001, "longer than 10,000 characters (it has 10001)"),
        ("how", "carrier pigeon", "Select a valid choice"),
        ("happened_at", "not a date", "Enter a valid date/time"),
    ],
)
def test_bad_input_is_explained_next_to_the_field(worker_client, person, field, value, message):
    response = worker_client.post(new_note_url(person), note_data(**{field: value}))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Please check" in body  # the summary at the top
    assert person.notes.count() == 0


def test_a_session_cannot_be_dated_more_than_a_day_ahead(worker_client, person):
    ahead = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = worker_client.post(new_note_url(person), note_data(happened_at=ahead))
    assert "no later than tomorrow" in response.content.decode()
    assert person.notes.count() == 0


def test_next_contact_must_be_within_a_year(worker_client, person):
    far = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    response = worker_client.post(new_note_url(person), note_data(next_contact_on=far))
    assert "within the next year" in response.content.decode()


def test_html_in_a_note_is_shown_as_text(worker_client, person):
    worker_client.post(
        new_note_url(person), note_data(talked_about="<script>alert('x')</script> & more")
    )
    note = person.notes.get()
    body = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body


# --- Sharing and withholding ------------------------------------------------------------


@pytest.mark.parametrize("reason", SessionNote.WithheldReason.values)
def test_each_withholding_reason_can_be_chosen_with_an_explanation(worker_client, person, reason):
    data = note_data(withheld_reason=reason, withheld_explanation="For the record.")
    worker_client.post(new_note_url(person), data)
    note = person.notes.get()
    assert note.withheld_reason == reason
    change = note.sharing_changes.get()
    assert change.withheld and change.reason == reason


def test_withholding_needs_an_explanation(worker_client, person):
    response = worker_client.post(new_note_url(person), note_data(withheld_reason="legal"))
    assert "Say briefly why" in response.content.decode()
    assert person.notes.count() == 0


def test_withhold_and_share_again_keeps_who_when_why(worker_client, note, worker, person):
    url = reverse("note_sharing", args=[person.pk, note.pk])
    worker_client.post(url, {"reason": "serious_harm", "explanation": "Until the review."})
    note.refresh_from_db()
    assert note.withheld_reason == "serious_harm"
    worker_client.post(url, {"explanation": "Talked it through with Erin."})
    note.refresh_from_db()
    assert not note.is_withheld
    history = list(NoteSharingChange.objects.filter(note=note))
    assert [(c.withheld, c.changed_by, c.explanation) for c in history] == [
        (True, worker, "Until the review."),
        (False, worker, "Talked it through with Erin."),
    ]
    body = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    assert "Sharing history" in body and "shared it again" in body


def test_withholding_without_reason_is_refused_with_a_message(worker_client, note, person):
    url = reverse("note_sharing", args=[person.pk, note.pk])
    response = worker_client.post(url, {"reason": "i-said-so", "explanation": ""})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    note.refresh_from_db()
    assert not note.is_withheld


def test_person_view_shows_shared_in_full_and_withheld_as_stubs(person, note, withheld_note):
    NoteAddendumFactory(note=withheld_note, text="Secret addendum about the brother.")
    NoteAddendumFactory(note=note, text="Shared addendum.")
    entries = notes_for_person_view(person)
    assert len(entries) == 2
    stub = next(e for e in entries if e.withheld)
    shared = next(e for e in entries if not e.withheld)
    assert stub.reason == "It holds information about someone else"
    assert stub.happened_on == timezone.localdate(withheld_note.happened_at)
    assert shared.note == note
    assert [a.text for a in shared.addenda] == ["Shared addendum."]
    everything = repr(entries) + "".join(str(vars(e)) for e in entries)
    for secret in ("brother", "court", withheld_note.withheld_explanation):
        assert secret not in everything


def test_the_person_view_text_is_shown_beside_the_note(worker_client, note, person):
    actions.set_person_view(note, person.user, "It felt good to be listened to.")
    body = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    assert "Erin’s view" in body and "It felt good to be listened to." in body


# --- Addenda and the typo window --------------------------------------------------------


def test_addenda_are_shown_oldest_first_under_the_original(worker_client, note, worker, person):
    start = timezone.now()
    actions.add_addendum(note, worker, "Second thought.", now=start + datetime.timedelta(hours=2))
    actions.add_addendum(note, worker, "First thought.", now=start + datetime.timedelta(hours=1))
    assert [a.text for a in note.addenda.all()] == ["First thought.", "Second thought."]
    body = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    assert body.index(note.talked_about) < body.index("First thought.")
    assert body.index("First thought.") < body.index("Second thought.")


def test_adding_an_addendum_through_the_page(worker_client, note, person):
    url = reverse("addendum_create", args=[person.pk, note.pk])
    assert worker_client.get(url).status_code == 200
    response = worker_client.post(url, {"text": "The date was the 3rd, not the 4th."})
    assert response.status_code == 302
    assert note.addenda.get().text == "The date was the 3rd, not the 4th."
    assert worker_client.post(url, {"text": "  "}).status_code == 200  # required, no 500


def test_the_author_may_fix_a_typo_within_15_minutes_and_the_old_text_is_kept(
    worker_client, note, person
):
    original = note.talked_about
    url = reverse("note_edit", args=[person.pk, note.pk])
    assert worker_client.get(url).status_code == 200
    data = {"talked_about": "Fixed wording.", "going_well": note.going_well, "next_steps": ""}
    assert worker_client.post(url, data).status_code == 302
    note.refresh_from_db()
    assert note.talked_about == "Fixed wording."
    assert original in [h.talked_about for h in note.history.all()]


def test_no_overwrite_after_the_typo_window(note, worker, monkeypatch):
    later = note.created_at + datetime.timedelta(minutes=15, seconds=1)
    with pytest.raises(NoteLocked):
        actions.correct_typo(note, worker, {"talked_about": "Rewritten."}, now=later)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert not actions.typo_window_open(note, worker)
    note.refresh_from_db()
    assert note.talked_about != "Rewritten."


def test_the_edit_page_refuses_after_15_minutes_and_points_to_addenda(
    worker_client, worker, person
):
    old = SessionNoteFactory(
        person=person, author=worker, created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    url = reverse("note_edit", args=[person.pk, old.pk])
    response = worker_client.post(url, {"talked_about": "Rewritten."}, follow=True)
    assert "can no longer be edited" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("addendum_create", args=[person.pk, old.pk])
    old.refresh_from_db()
    assert old.talked_about != "Rewritten."


def test_only_the_author_may_fix_typos(note, peer_worker, person):
    from casework.demo.factories import CaseAssignmentFactory

    CaseAssignmentFactory(person=person, worker=peer_worker, role="peer_support")
    with pytest.raises(NoteLocked):
        actions.correct_typo(note, peer_worker, {"talked_about": "Not mine to change."})


# --- Supervisors read only --------------------------------------------------------------


def test_a_supervisor_reads_notes_but_every_change_is_404(supervisor_client, note, person):
    for name in ("note_list", "person_detail"):
        assert supervisor_client.get(reverse(name, args=[person.pk])).status_code == 200
    detail = supervisor_client.get(reverse("note_detail", args=[person.pk, note.pk]))
    assert detail.status_code == 200
    assert "Add an addendum" not in detail.content.decode()
    changing = [
        reverse("note_create", args=[person.pk]),
        reverse("note_edit", args=[person.pk, note.pk]),
        reverse("addendum_create", args=[person.pk, note.pk]),
        reverse("note_sharing", args=[person.pk, note.pk]),
    ]
    for url in changing:
        assert supervisor_client.get(url).status_code == 404, url
        assert supervisor_client.post(url, {"text": "x", **note_data()}).status_code == 404, url
    assert person.notes.count() == 1 and not note.addenda.exists()


def test_a_note_of_another_person_is_404_even_for_their_worker(worker_client, person, other_person):
    theirs = SessionNoteFactory(person=other_person)
    url = reverse("note_detail", args=[person.pk, theirs.pk])
    assert worker_client.get(url).status_code == 404


def test_a_huge_note_id_is_404_not_500(worker_client, person):
    url = f"/people/{person.pk}/notes/99999999999999999999999/"
    assert worker_client.get(url).status_code == 404


# --- Not losing a note when the login has timed out -------------------------------------


def test_a_signed_out_save_keeps_the_text_and_gives_it_back_after_sign_in(client, person, worker):
    data = note_data(talked_about="Everything we said today, not to be lost.")
    response = client.post(new_note_url(person), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert person.notes.count() == 0  # nothing saved without a signed-in worker
    signed_in = client.post(
        response["Location"], {"username": "alice", "password": "recovery-demo"}
    )
    assert signed_in["Location"] == new_note_url(person)
    page = client.get(new_note_url(person)).content.decode()
    assert "Everything we said today, not to be lost." in page
    assert "You were signed out before your note was saved" in page
    # Given back once: a second visit starts clean.
    assert "not to be lost" not in client.get(new_note_url(person)).content.decode()


def test_a_kept_draft_is_not_given_to_someone_without_access(client, person, other_worker):
    client.post(new_note_url(person), note_data(talked_about="Kept for Erin's worker."))
    client.post(reverse("login"), {"username": "bob", "password": "recovery-demo"})
    assert client.get(new_note_url(person)).status_code == 404


def test_a_signed_out_htmx_save_redirects_the_whole_page(client, person):
    response = client.post(new_note_url(person), note_data(), HTTP_HX_REQUEST="true")
    assert response.headers["HX-Redirect"].startswith(reverse("login"))
    assert "kept_note_drafts" in client.session


def test_the_worker_is_told_how_drafts_are_kept(worker_client, person):
    body = worker_client.get(new_note_url(person)).content.decode()
    assert "kept in this browser until you save it" in body
    assert "data-draft-key" in body
    assert "<script>" not in body  # behaviour lives in static/js/note-draft.js


# --- Language suggestions in the flow ---------------------------------------------------


def test_suggestions_while_writing_accumulate_in_a_hidden_field(worker_client):
    url = reverse("language_suggestions")
    first = worker_client.post(url, {"talked_about": "He refused.", "suggested_terms": ""})
    assert "chose not to" in first.content.decode()
    assert 'value="refused"' in first.content.decode()
    second = worker_client.post(url, {"talked_about": "He declined.", "suggested_terms": "refused"})
    assert 'value="refused"' in second.content.decode()
    assert "chose not to" not in second.content.decode()


def test_suggestions_never_block_saving_and_are_counted(worker_client, person):
    data = note_data(
        talked_about="The offender talked about work. He declined the group.",
        suggested_terms="refused,offender",
    )
    response = worker_client.post(new_note_url(person), data, follow=True)
    note = person.notes.get()
    assert (note.suggestions_shown, note.suggestions_acted_on) == (2, 1)
    assert "Words you might rephrase next time" in response.content.decode()
    assert "the person, or their name" in response.content.decode()


# --- Saving is one transaction, checked once -------------------------------------------


def test_a_note_is_saved_whole_or_not_at_all(person, worker, monkeypatch):
    """The note, its history row and the access event are one transaction."""

    def log_fails(*args, **kwargs):
        raise RuntimeError("the access log is unavailable")

    monkeypatch.setattr(actions, "record_change", log_fails)
    with pytest.raises(RuntimeError):
        actions.record_session(
            person,
            worker,
            {
                "happened_at": timezone.now(),
                "how": "phone",
                "duration_minutes": 30,
                "talked_about": "The week.",
            },
        )
    assert not SessionNote.objects.exists()
    assert not SessionNote.history.exists()


def test_a_rule_the_form_missed_is_shown_on_the_form_not_a_500(worker_client, person, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(*args, **kwargs):
        raise ValidationError("The length of a session must be between 1 and 600 minutes.")

    monkeypatch.setattr(actions, "record_session", refuse)
    response = worker_client.post(new_note_url(person), note_data())
    assert response.status_code == 200
    assert "between 1 and 600 minutes" in response.content.decode()
    assert not person.notes.exists()


def test_the_check_constraints_are_asked_in_one_query(person, worker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    note = SessionNote(person=person, author=worker, happened_at=timezone.now(), how="phone")
    note.duration_minutes = 30
    with CaptureQueriesContext(connection) as ctx:
        note.validate_constraints()
    checks = [q for q in ctx.captured_queries if "_check" in q["sql"]]
    assert len(checks) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"duration_minutes": 0}, "note_duration_sensible"),
        (
            {"withheld_reason": "legal", "withheld_explanation": ""},
            "note_withheld_needs_explanation",
        ),
        (
            {"next_contact_on": datetime.date(2030, 1, 1), "no_next_contact_planned": True},
            "note_next_contact_date_or_none_planned",
        ),
    ],
)
def test_a_broken_check_is_still_named_as_django_names_it(person, worker, changes, message):
    from django.core.exceptions import ValidationError

    note = SessionNote(
        person=person, author=worker, happened_at=timezone.now(), how="phone", duration_minutes=30
    )
    for name, value in changes.items():
        setattr(note, name, value)
    with pytest.raises(ValidationError) as refused:
        note.validate_constraints()
    assert message in str(refused.value)
    # Exactly the one check that is broken, as Django's own one-by-one validation says.
    assert len(refused.value.messages) == 1
