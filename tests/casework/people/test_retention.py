"""Retention: closed cases' records removed after the period, dry run by default (issue 19)."""

import datetime
import logging

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from casework.accounts.actions import invite_person
from casework.demo.factories import NoteAddendumFactory, PersonFactory, SessionNoteFactory
from casework.models import AccessEvent, Appointment, Person, ProfileChange, SessionNote
from casework.people.retention import apply_retention, record_rows, retention_cutoff
from casework.reminders.models import ReminderPreference, SentMessage

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2035, 6, 1, 9, 0))
TODAY = timezone.localdate(NOW)


def _close(person, on):
    person.status = Person.Status.CLOSED
    person.closed_on = on
    person.save()
    return person


def _row_counts():
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


@pytest.fixture
def closed_long_ago(person, worker, record_kwargs):
    """Erin's full record (every kind of item), her case closed nine years before NOW."""
    NoteAddendumFactory(note=SessionNote.objects.get(pk=record_kwargs["note_id"]))
    ProfileChange.objects.create(
        person=person, changed_by=worker, voice="worker", field="full_name", label="legal name",
        before="Erin Old-Name", after="Erin Example",
    )  # fmt: skip
    invite_person(worker, person)
    AccessEvent.objects.create(
        person=person, actor=worker, action="viewed", what="their notes", acting_role="worker"
    )
    # Reminders: her choice (contact details) and one message sent about an appointment.
    ReminderPreference.objects.create(person=person, channel="email", email="erin@example.org")
    SentMessage.objects.create(
        key=f"retention-test-{person.pk}", person=person, about="appointment",
        appointment=Appointment.objects.filter(person=person).first(), slot="day_before",
        channel="email", address="erin@example.org", body="A reminder: Tuesday at 10:00.",
    )  # fmt: skip
    return _close(person, TODAY - datetime.timedelta(days=9 * 366))


@pytest.fixture
def others(other_person, organisation, worker):
    """Records that must not be touched: active, closed recently, closed without a date."""
    SessionNoteFactory(person=other_person, author=worker, talked_about="Frank's own note.")
    recent = _close(PersonFactory(organisation=organisation), TODAY - datetime.timedelta(days=300))
    SessionNoteFactory(person=recent, author=worker, talked_about="Closed last year.")
    undated = _close(PersonFactory(organisation=organisation), None)
    return [other_person, recent, undated]


def test_a_dry_run_counts_and_changes_nothing(closed_long_ago, others, settings):
    settings.RETENTION_ACTION = "delete"
    before = _row_counts()
    summary = apply_retention(now=NOW)
    assert _row_counts() == before
    assert summary.applied is False
    assert summary.people == [closed_long_ago.pk]
    assert summary.closed_without_date == 1
    for kind in ("casework.SessionNote", "casework.NoteAddendum", "strengths.Goal",
                 "strengths.PlanSectionRevision", "casework.HistoricalSessionNote",
                 "casework.Appointment", "casework.SentMessage", "casework.ReminderPreference"):  # fmt: skip
        assert summary.rows[kind] >= 1, kind
    assert "casework.AccessEvent" not in summary.rows
    assert "Dry run" in summary.lines()[0]


def test_applied_delete_removes_the_record_and_keeps_a_stub_and_the_access_log(
    closed_long_ago, others, settings
):
    settings.RETENTION_ACTION = "delete"
    erin = closed_long_ago
    login = erin.user
    note_ids = list(erin.notes.values_list("pk", flat=True))
    events = AccessEvent.objects.filter(person=erin).count()
    others_before = {p.pk: (p.preferred_name, p.notes.count()) for p in others}

    summary = apply_retention(now=NOW, apply=True)

    assert summary.people == [erin.pk]
    assert record_rows(erin.pk) == {}, "rows of the record are left"
    assert not SessionNote.history.filter(id__in=note_ids).exists()
    erin.refresh_from_db()
    assert erin.preferred_name == f"Record {erin.pk}"
    assert (erin.full_name, erin.about_me, erin.email, erin.user) == ("", "", "", None)
    assert erin.date_of_birth is None and erin.closed_on is not None
    assert erin.retention_applied_at == NOW
    login.refresh_from_db()
    assert not login.is_active and not login.has_usable_password()
    assert login.username == f"removed-{login.pk}" and login.email == ""
    # The access log is kept whole, with one more entry saying what happened.
    assert AccessEvent.objects.filter(person=erin).count() == events + 1
    assert AccessEvent.objects.filter(person=erin, acting_role="retention").get().actor is None
    assert {p.pk: (p.preferred_name, p.notes.count()) for p in others} == others_before
    # Done once: a second run finds nothing.
    assert apply_retention(now=NOW, apply=True).people == []


def test_anonymise_clears_who_they_are_and_keeps_the_rest(closed_long_ago, settings):
    settings.RETENTION_ACTION = "anonymise"
    erin = closed_long_ago
    notes = erin.notes.count()
    apply_retention(now=NOW, apply=True)
    erin.refresh_from_db()
    assert erin.preferred_name == f"Record {erin.pk}" and erin.full_name == ""
    assert erin.notes.count() == notes
    assert not ProfileChange.objects.filter(person=erin).exists()
    assert not erin.invitations.exists()
    # Contact details in the reminders go; the log of what was sent stays, without the address.
    assert not ReminderPreference.objects.filter(person=erin).exists()
    assert list(SentMessage.objects.filter(person=erin).values_list("address", "body")) == [
        ("", "A reminder: Tuesday at 10:00.")
    ]
    # Appointments stay, without their place (often a home address).
    assert Appointment.objects.filter(person=erin).exists()
    assert set(Appointment.objects.filter(person=erin).values_list("place", flat=True)) == {""}


def test_the_period_comes_from_the_settings(closed_long_ago, settings):
    settings.RETENTION_YEARS = 10
    assert apply_retention(now=NOW).people == []
    settings.RETENTION_YEARS = 9
    assert apply_retention(now=NOW).people == [closed_long_ago.pk]


def test_the_log_has_counts_and_ids_only(closed_long_ago, caplog):
    with caplog.at_level(logging.INFO, logger="casework.retention"):
        apply_retention(now=NOW, apply=True)
    text = caplog.text
    assert str(closed_long_ago.pk) in text and "people=1" in text
    for personal in ("Erin", "Example", "allotment", "gardening", "erin"):
        assert personal not in text


def test_the_command_is_a_dry_run_unless_told(closed_long_ago, capsys, settings):
    settings.RETENTION_YEARS = 1
    _close(closed_long_ago, timezone.localdate() - datetime.timedelta(days=800))
    call_command("apply_retention")
    assert "Dry run" in capsys.readouterr().out
    assert Person.objects.get(pk=closed_long_ago.pk).retention_applied_at is None
    call_command("apply_retention", "--apply")
    out = capsys.readouterr().out
    assert out.startswith("Applied") and "Erin" not in out
    assert Person.objects.get(pk=closed_long_ago.pk).retention_applied_at is not None


def test_the_cutoff_counts_whole_years_and_29_february():
    assert retention_cutoff(datetime.date(2035, 6, 1), 8) == datetime.date(2027, 6, 1)
    assert retention_cutoff(datetime.date(2032, 2, 29), 1) == datetime.date(2031, 2, 28)
