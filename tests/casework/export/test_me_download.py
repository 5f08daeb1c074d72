"""Download my record: the printable page, the JSON file, its schema, and what stays out."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.access import record_access
from casework.demo.factories import CheckInFactory
from casework.export import record as record_export
from casework.models import AccessEvent, CheckIn

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs" / "record-export.schema.json").read_text()
)


def _download(client):
    response = client.get(reverse("me_download_json"))
    assert response.status_code == 200
    return response, json.loads(b"".join(response.streaming_content))


# jsonschema is not a dependency (see docs/record-export.md), so this checks the
# subset of JSON Schema that our schema uses. If jsonschema is installed, the
# test below also runs it.
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


def check(value, schema, path="$", root=SCHEMA):
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    problems = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, _TYPES[t]) and not (t == "integer" and isinstance(value, bool))
            for t in types
        )
        if not ok:
            return [f"{path}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        problems.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} not in {schema['enum']}")
    is_number = isinstance(value, int) and not isinstance(value, bool)
    if is_number and not schema.get("minimum", value) <= value <= schema.get("maximum", value):
        problems.append(f"{path}: {value} out of range")
    if isinstance(value, str) and schema.get("format") == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            problems.append(f"{path}: {value!r} is not a date")
    if isinstance(value, str) and schema.get("format") == "date-time":
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            problems.append(f"{path}: {value!r} is not a date-time")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                problems.append(f"{path}: missing {key!r}")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                problems += check(item, properties[key], f"{path}.{key}", root)
            elif schema.get("additionalProperties") is False:
                problems.append(f"{path}: unexpected {key!r}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += check(item, schema["items"], f"{path}[{i}]", root)
    return problems


@pytest.fixture
def full_record(person, worker, supervisor, story_of, plan_revision):
    """Erin's record with something in every section."""
    from casework.appointments.actions import ask_to_rearrange, move_appointment
    from casework.demo.factories import AlertFactory, AppointmentFactory, SessionNoteFactory
    from casework.notes.actions import add_addendum, set_person_view
    from casework.notes.feedback import request_correction, save_feedback
    from strengths.plan.actions import mark_ready_to_agree, record_agreement

    story_of(person, 2, worker)
    plan = plan_revision.section.plan
    snapshot = mark_ready_to_agree(worker, person, plan)
    record_agreement(person.user, person, snapshot, answer="agree")
    note = SessionNoteFactory(person=person, author=worker)
    add_addendum(note, worker, "We also talked about the bus pass.")
    set_person_view(note, person.user, "I felt heard.")
    request_correction(person.user, note, what_is_wrong="It was Tuesday.")
    save_feedback(person.user, note, listened_to=5, talked_about_what_matters=4)
    SessionNoteFactory(
        person=person,
        author=worker,
        talked_about="WITHHELD-TEXT",
        withheld_reason="legal",
        withheld_explanation="WITHHELD-WHY",
    )
    AlertFactory(person=person, added_by=worker)
    AlertFactory(
        person=person, added_by=worker, not_told=True, wording="UNTOLD-WORDING", reason="UNTOLD-WHY"
    )
    CheckInFactory(person=person, wants_to_talk=True, words="Could we talk about housing?")
    CheckInFactory(person=person, seen_at=timezone.now(), seen_by=worker)
    appointment = AppointmentFactory(person=person, created_by=worker)
    ask_to_rearrange(person.user, appointment, reason="I have a hospital appointment.")
    later = appointment.starts_at + datetime.timedelta(days=1)
    move_appointment(
        worker,
        appointment,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
        reason="The hospital is in the morning.",
        version=appointment.version,
    )
    # A change of worker (issue 21): alice hands over to nina, with a note; erin answers.
    from casework.handover.actions import respond, write_outgoing_note
    from tests.conftest import handover_from_alice

    handover = handover_from_alice(person, worker, supervisor, worker.memberships.get().team)
    write_outgoing_note(worker, handover, "Passing on with care.", note)
    respond(person.user, handover, "ok", "Fine by me.")
    record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    record_access(supervisor, person, AccessEvent.Action.VIEWED, "their overview")
    return person


def test_json_is_an_attachment_named_by_date(person_client, full_record):
    response, _ = _download(person_client)
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="my-record-{today}.json"'
    assert response["Content-Type"].startswith("application/json")


def test_json_has_every_section_and_matches_the_schema(person_client, full_record):
    _, data = _download(person_client)
    keys = [fn.key for fn in record_export.SECTIONS]
    assert set(data) == {"record", *keys}
    assert [s["key"] for s in data["record"]["sections"]] == keys
    assert set(SCHEMA["required"]) == {"record", *keys}, "the schema must list every section"
    for key in keys:
        assert data[key], f"section {key} is empty in a full record"
    assert check(data, SCHEMA) == []


def test_the_schema_check_catches_problems(person_client, full_record):
    _, data = _download(person_client)
    data["profile"].pop("full_name")
    data["check_ins"][0]["how_i_was_doing"] = 9
    data["surprise"] = 1
    problems = check(data, SCHEMA)
    assert len(problems) == 3, problems


def test_json_matches_the_schema_with_jsonschema_if_installed(person_client, full_record):
    jsonschema = pytest.importorskip("jsonschema")
    _, data = _download(person_client)
    jsonschema.validate(data, SCHEMA)


def test_stream_and_build_agree(person, full_record):
    streamed = json.loads("".join(record_export.stream_json(person)))
    built = json.loads(json.dumps(record_export.build(person), default=str))
    streamed["record"].pop("exported_at"), built["record"].pop("exported_at")
    assert streamed == built


def test_json_content(person_client, full_record, worker, supervisor):
    _, data = _download(person_client)
    assert data["profile"]["preferred_name"] == "Erin"
    assert data["profile"]["about_me"] == "I like gardening and I want to work outdoors."
    assert data["profile"]["username"] == "erin"
    names = {w["name"] for w in data["workers"]}
    assert worker.display_name() in names
    talk = [c for c in data["check_ins"] if c["asked_to_talk"]]
    assert talk[0]["what_i_said"] == "Could we talk about housing?"
    words = [e["in_words"] for e in data["access_log"]]
    assert f"{supervisor.display_name()}, supervisor (read only), looked at your overview" in words
    assert any(w.startswith("You looked at your whole record") for w in words)


def test_staff_only_content_never_appears(person_client, full_record, other_person):
    other_person.about_me = "Frank's private words"
    other_person.save()
    CheckInFactory(person=other_person, words="Frank's check-in words")
    record_access(other_person.user, other_person, AccessEvent.Action.VIEWED, "Frank-only page")
    for url in (reverse("me_download"), reverse("me_access_log"), reverse("me_home")):
        body = person_client.get(url).content.decode()
        for secret in ("Frank", "Other", "private words", "check-in words"):
            assert secret not in body, f"{secret!r} on {url}"
    _, data = _download(person_client)
    text = json.dumps(data)
    for secret in ("Frank", "private words", "check-in words"):
        assert secret not in text


def test_printable_page_shows_every_section_with_a_print_stylesheet(person_client, full_record):
    response = person_client.get(reverse("me_download"))
    body = response.content.decode()
    for fn in record_export.SECTIONS:
        assert f'id="section-{fn.key}"' in body
        assert fn.title.replace("'", "&#x27;") in body
    assert 'href="/static/css/print.css" media="print"' in body
    assert "I like gardening" in body
    assert "Could we talk about housing?" in body
    assert f'href="{reverse("me_download_json")}"' in body


def _json_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("me_download_json"))
        b"".join(response.streaming_content)
    return ctx


def test_json_query_count_is_constant(person_client, person, worker, query_count):
    for _ in range(3):
        CheckInFactory(person=person)
        record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    small = _json_queries(person_client)
    CheckInFactory.create_batch(60, person=person)
    for _ in range(250):
        record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    large = _json_queries(person_client)
    query_count.assert_same(small, large, "download.json")


def test_printable_page_query_count_is_constant(person_client, person, worker, query_count):
    CheckInFactory(person=person)
    record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    small = query_count(person_client).get(reverse("me_download"))
    CheckInFactory.create_batch(30, person=person)
    for _ in range(100):
        record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    large = query_count(person_client).get(reverse("me_download"))
    query_count.assert_same(small, large, "printable record")


def test_staff_cannot_download_a_persons_record(client_for, worker, supervisor, person):
    for user in (worker, supervisor):
        assert client_for(user).get(reverse("me_download_json")).status_code == 404
        assert client_for(user).get(reverse("me_download")).status_code == 404


def test_withheld_notes_and_untold_alerts_never_appear(person_client, full_record):
    secrets = ("WITHHELD-TEXT", "WITHHELD-WHY", "UNTOLD-WORDING", "UNTOLD-WHY")
    for url in (reverse("me_download"), reverse("me_notes"), reverse("me_home")):
        body = person_client.get(url).content.decode()
        for secret in secrets:
            assert secret not in body, f"{secret!r} on {url}"
    _, data = _download(person_client)
    text = json.dumps(data)
    for secret in secrets:
        assert secret not in text
    assert data["withheld_notes"] == [
        {"date": data["withheld_notes"][0]["date"], "reason": "A legal restriction"}
    ]
    assert [a["wording"] for a in data["alerts"]] == ["Please call before a home visit"]
    shared = data["session_notes"][0]
    assert shared["my_view"] == "I felt heard."
    assert shared["added_later"][0]["text"] == "We also talked about the bus pass."
    assert data["correction_requests"][0]["what_is_wrong"] == "It was Tuesday."
    assert data["session_feedback"][0]["felt_listened_to"] == 5


def test_story_sections_query_count_is_constant(person, worker, story_of, query_count):
    from casework.demo.factories import SessionNoteFactory

    def run():
        with CaptureQueriesContext(connection) as ctx:
            record_export.build(person)
        return ctx

    story_of(person, 2, worker)
    SessionNoteFactory.create_batch(2, person=person, author=worker)
    small = run()
    story_of(person, 15, worker)
    SessionNoteFactory.create_batch(20, person=person, author=worker)
    large = run()
    query_count.assert_same(small, large, "record export")


# --- The printable page reads as plain words ----------------------------------------------

ISO_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def test_printable_page_says_dates_in_words_and_plain_sentences(person_client, full_record):
    at = datetime.datetime(2026, 12, 3, 12, 0, 30, tzinfo=datetime.UTC)
    CheckIn.objects.filter(person=full_record).update(created_at=at)
    body = person_client.get(reverse("me_download")).content.decode()
    assert "3 December 2026, 12:00" in body
    assert not ISO_TIMESTAMP.search(body), ISO_TIMESTAMP.search(body).group()
    assert "(none)" not in body
    assert "Written in" not in body
    assert "In the voice of" not in body


def test_printable_page_says_plainly_when_a_section_is_empty(person_client, person):
    body = person_client.get(reverse("me_download")).content.decode()
    setbacks = body[body.index('id="section-setbacks"') :]
    setbacks = setbacks[: setbacks.index("</section>")]
    assert "Nothing recorded yet." in setbacks


def test_the_json_file_keeps_iso_timestamps(person_client, full_record):
    at = datetime.datetime(2026, 12, 3, 12, 0, 30, tzinfo=datetime.UTC)
    CheckIn.objects.filter(person=full_record).update(created_at=at)
    _, data = _download(person_client)
    assert data["check_ins"][0]["at"] == "2026-12-03T12:00:30+00:00"


# --- Streaming: the notes are read a chunk at a time, the file is unchanged ------------------


def _notes_with_everything(person, worker, n):
    """``n`` notes: addenda on some, one withheld (with an addendum), feedback, corrections."""
    from casework.demo.factories import NoteAddendumFactory, SessionNoteFactory
    from casework.notes.feedback import request_correction, save_feedback

    notes = SessionNoteFactory.create_batch(n, person=person, author=worker)
    for i, note in enumerate(notes):
        if i % 3 == 0:
            NoteAddendumFactory.create_batch(2, note=note, author=worker)
        if i % 4 == 0:
            save_feedback(person.user, note, listened_to=4, talked_about_what_matters=5)
            request_correction(person.user, note, what_is_wrong=f"Wrong day on note {i}.")
    hidden = SessionNoteFactory(
        person=person, author=worker, withheld_reason="legal", withheld_explanation="A court order."
    )
    NoteAddendumFactory(note=hidden, author=worker, text="ADDENDUM-OF-A-WITHHELD-NOTE")
    return notes


def test_json_query_count_is_constant_in_the_number_of_notes(
    person_client, person, worker, query_count
):
    _notes_with_everything(person, worker, 3)
    small = _json_queries(person_client)
    _notes_with_everything(person, worker, 40)
    large = _json_queries(person_client)
    query_count.assert_same(small, large, "download.json with more notes")


def test_long_sections_are_written_exactly_as_a_json_list(person, worker, monkeypatch):
    """Byte for byte what json.dumps gives for the list, with several chunks per section."""
    from casework.export import sections

    _notes_with_everything(person, worker, 9)
    monkeypatch.setattr(sections, "CHUNK", 2)
    text = "".join(record_export.stream_json(person))
    built = record_export.build(person)
    for key in ("session_notes", "withheld_notes", "correction_requests", "session_feedback"):
        written = f'"{key}": {record_export._dumps(built[key])}'
        assert written in text, key
    assert json.loads(text)["session_notes"] == built["session_notes"]
    assert "ADDENDUM-OF-A-WITHHELD-NOTE" not in text


def test_addenda_stay_with_their_own_note_across_chunks(person, worker, monkeypatch):
    from casework.demo.factories import NoteAddendumFactory, SessionNoteFactory
    from casework.export import sections

    monkeypatch.setattr(sections, "CHUNK", 2)
    same_time = timezone.now() - datetime.timedelta(days=3)
    notes = [
        SessionNoteFactory(
            person=person, author=worker, happened_at=same_time, talked_about=f"N{i}"
        )
        for i in range(5)
    ]
    hidden = SessionNoteFactory(
        person=person,
        author=worker,
        happened_at=same_time,
        withheld_reason="legal",
        withheld_explanation="A court order.",
    )
    NoteAddendumFactory(note=hidden, author=worker, text="HIDDEN")
    for i, note in enumerate(notes):
        for j in range(i % 3):
            NoteAddendumFactory(note=note, author=worker, text=f"N{i}-A{j}")
    written = list(sections.session_notes(person))
    assert [n["what_we_talked_about"] for n in written] == [f"N{i}" for i in range(4, -1, -1)]
    for n in written:
        i = int(n["what_we_talked_about"][1:])
        assert [a["text"] for a in n["added_later"]] == [f"N{i}-A{j}" for j in range(i % 3)]


def test_the_response_streams_in_pieces_that_join_to_the_file(person, worker):
    _notes_with_everything(person, worker, 12)
    whole = "".join(record_export.stream_json(person))
    pieces = list(record_export.stream_file(person, size=1024))
    assert len(pieces) > 3
    strip = re.compile(r'"exported_at": "[^"]+"')
    assert strip.sub("", "".join(pieces)) == strip.sub("", whole)


def test_the_download_is_a_streaming_response_and_logs_the_read(person_client, person):
    response = person_client.get(reverse("me_download_json"))
    assert response.streaming
    b"".join(response.streaming_content)
    assert AccessEvent.objects.filter(
        person=person, actor=person.user, what="your whole record (download)"
    ).exists()


def test_the_memory_measurement_writes_the_whole_file(person, worker):
    from casework.management.commands.measure_download import _measure

    _notes_with_everything(person, worker, 4)
    result = _measure(person.pk, trace=True)
    assert result["bytes"] == len("".join(record_export.stream_json(person)).encode())
    assert result["python_heap_peak_kib"] > 0
