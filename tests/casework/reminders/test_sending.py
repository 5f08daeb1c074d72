"""Reminders and notices: due when chosen, sent exactly once, saying nothing but the time."""

import datetime
from io import StringIO
from multiprocessing import Queue, Value

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import Failure, Schedule
from django_q.monitor import monitor
from django_q.signing import SignedPackage
from django_q.worker import worker

from casework.appointments.models import Appointment, RearrangeRequest
from casework.demo.factories import AppointmentFactory, ReminderPreferenceFactory
from casework.models import Person, ReminderPreference, SentMessage
from casework.reminders import sending, sms
from casework.reminders.tasks import deliver_message, ensure_schedules, send_due_reminders

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 12, 14, 9, 0))


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


@pytest.fixture
def appointment(person, worker):
    """Erin's home visit with alice, tomorrow at 11:30 (a day and a half hour from NOW)."""
    return AppointmentFactory(
        person=person,
        created_by=worker,
        starts_at=NOW + datetime.timedelta(hours=26, minutes=30),
        kind=Appointment.Kind.HOME_VISIT,
        place="Flat 3, 27 Orchard Road",
        purpose="Talk about the allotment application.",
    )


@pytest.fixture
def wants_email(person):
    return ReminderPreferenceFactory(
        person=person, email="erin@example.org", day_before=True, two_hours_before=True
    )


def _at(appointment, before):
    return appointment.starts_at - before


DAY = datetime.timedelta(hours=24)
TWO_HOURS = datetime.timedelta(hours=2)


def test_a_reminder_goes_once_the_day_before(appointment, wants_email):
    assert send_due_reminders(_at(appointment, DAY) - datetime.timedelta(minutes=5)) == 0
    assert send_due_reminders(_at(appointment, DAY)) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.org"]
    message = SentMessage.objects.get()
    assert message.outcome == SentMessage.Outcome.SENT
    assert message.slot == "day_before"
    assert message.sent_at is not None


def test_a_restart_never_sends_a_reminder_twice(appointment, wants_email):
    # The scan runs, the workers restart, the scan runs again (same and later times).
    when = _at(appointment, DAY) + datetime.timedelta(minutes=1)
    send_due_reminders(when)
    send_due_reminders(when)
    send_due_reminders(when + datetime.timedelta(minutes=5))
    assert len(mail.outbox) == 1
    assert SentMessage.objects.count() == 1


def test_the_two_hour_reminder_is_a_second_message(appointment, wants_email):
    send_due_reminders(_at(appointment, DAY))
    send_due_reminders(_at(appointment, TWO_HOURS))
    send_due_reminders(_at(appointment, TWO_HOURS) + datetime.timedelta(minutes=5))
    assert len(mail.outbox) == 2
    assert sorted(SentMessage.objects.values_list("slot", flat=True)) == [
        "day_before",
        "two_hours",
    ]


def test_booked_at_short_notice_sends_one_reminder_not_two(person, worker, wants_email):
    soon = AppointmentFactory(
        person=person, created_by=worker, starts_at=NOW + datetime.timedelta(minutes=90)
    )
    send_due_reminders(NOW)
    assert len(mail.outbox) == 1
    assert SentMessage.objects.get().slot == "two_hours"
    assert soon.reminders.count() == 1


def _work_the_queue():
    """One turn of a qcluster, in this process: take the waiting tasks, run them, save results.

    The same django-q2 functions the worker processes run (pusher, worker, monitor);
    only the processes are left out.
    """
    broker = get_broker()
    tasks, results = Queue(), Queue()
    for ack_id, payload in broker.dequeue() or []:
        task = SignedPackage.loads(payload)
        task["ack_id"] = ack_id
        tasks.put(task)
    tasks.put("STOP")
    worker(tasks, results, Value("f", -1))
    results.put("STOP")
    monitor(results, broker)


@pytest.fixture
def through_the_queue(monkeypatch):
    """Queued tasks wait in the database queue (as in production) instead of running inline."""
    monkeypatch.setattr(Conf, "RETRY", 0)  # hand a failed task out again at once

    def scan(now):
        with monkeypatch.context() as m:
            m.setattr(Conf, "SYNC", False)
            send_due_reminders(now)

    return scan


def test_a_failed_send_is_retried_by_the_queue_and_sent_only_once(
    appointment, wants_email, monkeypatch, through_the_queue
):
    real_send = sending._send
    calls = []

    def flaky(message, named):
        calls.append(message.pk)
        if len(calls) == 1:
            raise ConnectionError("mail server did not answer")
        real_send(message, named)

    monkeypatch.setattr(sending, "_send", flaky)
    when = _at(appointment, DAY)
    through_the_queue(when)
    _work_the_queue()
    # The first try failed: in our log, and as a failed task (the admin's "Failed tasks").
    message = SentMessage.objects.get()
    assert message.outcome == SentMessage.Outcome.FAILED
    assert "mail server did not answer" in message.last_error
    assert mail.outbox == []
    assert Failure.objects.filter(func="casework.reminders.tasks.deliver_message").exists()
    # A restart: the scan runs again and queues nothing new.
    through_the_queue(when + datetime.timedelta(minutes=5))
    assert SentMessage.objects.count() == 1
    # The queue hands the failed task out again: this time it is sent.
    _work_the_queue()
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.outcome == SentMessage.Outcome.SENT
    assert message.attempts == 2
    # Anything else that runs it again sends nothing.
    assert deliver_message(message.pk) is False
    _work_the_queue()
    assert len(mail.outbox) == 1
    assert len(calls) == 2


def test_after_the_last_attempt_the_message_is_marked_not_sent(
    appointment, wants_email, monkeypatch, settings
):
    monkeypatch.setattr(sending, "_send", _always_fails)
    with pytest.raises(ConnectionError):  # tests run the queued task inline
        send_due_reminders(_at(appointment, DAY))
    message = SentMessage.objects.get()
    for _ in range(settings.Q_CLUSTER["max_attempts"] - 1):
        with pytest.raises(ConnectionError):
            deliver_message(message.pk)
    message.refresh_from_db()
    assert message.outcome == SentMessage.Outcome.NOT_SENT
    assert message.attempts == settings.Q_CLUSTER["max_attempts"]
    assert deliver_message(message.pk) is False


def _always_fails(message, named):
    raise ConnectionError("no route to the mail server")


def test_a_message_left_being_sent_by_a_crash_is_never_sent_again(appointment, wants_email):
    draft = next(iter(_drafts(_at(appointment, DAY))))
    message = sending.queue_message(draft)
    # A worker claimed it and died before it could say whether it went.
    SentMessage.objects.filter(pk=message.pk).update(outcome=SentMessage.Outcome.SENDING)
    assert deliver_message(message.pk) is False
    send_due_reminders(_at(appointment, DAY))
    assert mail.outbox == []


def _drafts(now):
    from casework.reminders.due import everything_due

    return everything_due(now)


def test_no_reminders_means_none(appointment, person):
    ReminderPreferenceFactory(person=person, channel="none")
    for when in (_at(appointment, DAY), _at(appointment, TWO_HOURS)):
        assert send_due_reminders(when) == 0
    assert mail.outbox == []
    assert sms.outbox == []
    assert not SentMessage.objects.exists()


def test_a_person_who_never_chose_gets_none(appointment):
    send_due_reminders(_at(appointment, TWO_HOURS))
    assert mail.outbox == []
    assert not SentMessage.objects.exists()


def test_cancelled_appointments_and_closed_cases_get_none(appointment, wants_email, person):
    Appointment.objects.filter(pk=appointment.pk).update(status=Appointment.Status.CANCELLED)
    send_due_reminders(_at(appointment, DAY))
    Appointment.objects.filter(pk=appointment.pk).update(status=Appointment.Status.BOOKED)
    Person.objects.filter(pk=person.pk).update(
        status=Person.Status.CLOSED, closed_on=timezone.localdate()
    )
    send_due_reminders(_at(appointment, DAY))
    assert mail.outbox == []


def test_a_moved_appointment_is_reminded_at_its_new_time(appointment, wants_email):
    send_due_reminders(_at(appointment, DAY))
    new_start = appointment.starts_at + datetime.timedelta(days=2)
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=1)
    )
    send_due_reminders(new_start - DAY)
    assert len(mail.outbox) == 2
    assert "11:30" in mail.outbox[1].body


def _everything_said(message) -> str:
    html = "".join(content for content, _ in getattr(message, "alternatives", []))
    return " ".join([message.subject, message.body, html, message.from_email])


def test_the_email_says_the_time_and_nothing_personal(appointment, wants_email, person, worker):
    send_due_reminders(_at(appointment, DAY))
    email = mail.outbox[0]
    said = _everything_said(email)
    assert "11:30" in email.body
    assert "Tuesday 15 December" in email.body
    forbidden = [
        person.preferred_name,
        person.full_name,
        person.organisation.name,
        "Orchard Road",
        "allotment",
        "Home visit",
        worker.username,
        worker.first_name or worker.username,
        "Recovery practice",  # the display name in DEFAULT_FROM_EMAIL
    ]
    for word in forbidden:
        assert word.lower() not in said.lower(), f"the reminder gives away {word!r}"
    # Plain text and HTML, both from templates.
    assert email.alternatives[0][1] == "text/html"
    assert "11:30" in email.alternatives[0][0]


def test_the_service_is_named_only_when_the_person_allows_it(appointment, wants_email, person):
    ReminderPreference.objects.filter(pk=wants_email.pk).update(name_the_service=True)
    send_due_reminders(_at(appointment, DAY))
    email = mail.outbox[0]
    assert person.organisation.name in email.body
    assert email.from_email == "Recovery practice <notes@example.org>"


def test_a_text_message_goes_through_the_sms_backend(appointment, person):
    ReminderPreferenceFactory(person=person, channel="sms", phone="07700 900123")
    send_due_reminders(_at(appointment, DAY))
    assert mail.outbox == []
    [text] = sms.outbox
    assert text.to == "07700 900123"
    assert "11:30" in text.body
    for word in (person.preferred_name, person.organisation.name, "Orchard", "allotment"):
        assert word not in text.body
    assert SentMessage.objects.get().channel == "sms"


def test_the_file_sms_backend_writes_one_file_per_message(tmp_path, settings):
    settings.SMS_BACKEND = "casework.reminders.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path)
    sms.send_sms("07700 900123", "Reminder: appointment Tue 15 Dec at 11:30.")
    [written] = tmp_path.iterdir()
    assert "11:30" in written.read_text()


# --- Workers: plan reviews and requests to rearrange ---------------------------------------


def test_the_lead_worker_hears_once_that_a_plan_review_is_due(plan, person, worker, former_worker):
    plan.review_due = timezone.localdate(NOW) + datetime.timedelta(days=3)
    plan.save()
    send_due_reminders(NOW)
    send_due_reminders(NOW + datetime.timedelta(hours=1))
    [email] = mail.outbox
    assert email.to == [worker.email]
    assert person.preferred_name not in _everything_said(email)
    message = SentMessage.objects.get()
    assert message.to_worker == worker
    assert message.about == SentMessage.About.PLAN_REVIEW


def test_a_review_far_off_sends_nothing(plan):
    plan.review_due = timezone.localdate(NOW) + datetime.timedelta(days=30)
    plan.save()
    send_due_reminders(NOW)
    assert mail.outbox == []


def test_the_workers_hear_once_that_the_person_asked_to_rearrange(
    appointment, person, worker, other_worker
):
    appointment.workers.add(other_worker)
    RearrangeRequest.objects.create(
        appointment=appointment, reason="I have a job interview then.", asked_by=person.user
    )
    send_due_reminders(NOW)
    send_due_reminders(NOW + datetime.timedelta(minutes=5))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([worker.email, other_worker.email])
    for email in mail.outbox:
        said = _everything_said(email)
        assert "job interview" not in said
        assert person.preferred_name not in said


def test_the_log_is_never_deleted(appointment, wants_email):
    send_due_reminders(_at(appointment, DAY))
    with pytest.raises(PermissionError):
        SentMessage.objects.all().delete()
    with pytest.raises(PermissionError):
        SentMessage.objects.get().delete()


def test_the_schedules_are_written_once(db):
    ensure_schedules()
    ensure_schedules()
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {"Send due reminders", "Apply retention"} <= names
    assert Schedule.objects.filter(name="Send due reminders").count() == 1


def _fake_retention(now=None, apply=False):
    _fake_retention.calls.append(apply)
    return {"would_remove": 0}


def test_the_retention_task_reports_only_unless_told_to_apply(monkeypatch, settings):
    from casework.reminders import tasks

    _fake_retention.calls = []
    monkeypatch.setattr(tasks, "RETENTION_FUNCTION", f"{__name__}._fake_retention")
    tasks.apply_retention_on_schedule()
    settings.RETENTION_APPLY_ON_SCHEDULE = True
    tasks.apply_retention_on_schedule()
    assert _fake_retention.calls == [False, True]


def test_the_command_sends_what_is_due_at_a_given_time(appointment, wants_email):
    day_before = timezone.localtime(_at(appointment, DAY))
    out = StringIO()
    call_command("send_reminders", "--at", day_before.strftime("%Y-%m-%dT%H:%M"), stdout=out)
    call_command("send_reminders", "--at", day_before.strftime("%Y-%m-%dT%H:%M"), stdout=out)
    assert "1 new message(s)" in out.getvalue()
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match="not a date and time"):
        call_command("send_reminders", "--at", "tomorrow-ish")


def test_the_command_leaves_a_failed_send_to_the_queue(
    appointment, wants_email, monkeypatch, caplog
):
    monkeypatch.setattr(sending, "_send", _always_fails)
    queued = []
    monkeypatch.setattr(
        "casework.reminders.tasks.async_task", lambda *args, **kwargs: queued.append(args)
    )
    send_due_reminders(_at(appointment, DAY), inline=True)
    message = SentMessage.objects.get()
    assert message.outcome == SentMessage.Outcome.FAILED
    assert queued == [("casework.reminders.tasks.deliver_message", message.pk)]
