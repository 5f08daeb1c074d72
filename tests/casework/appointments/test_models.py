"""The appointment model's own rules: history only added to, one open request each."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from casework.demo.factories import AppointmentFactory
from casework.models import AppointmentChange, RearrangeRequest

pytestmark = pytest.mark.django_db


def test_a_booked_appointment_has_its_booking_in_the_history(person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker)
    assert list(appointment.workers.all()) == [worker]
    change = appointment.changes.get()
    assert change.what == AppointmentChange.What.BOOKED
    with pytest.raises(PermissionError):
        change.save()
    with pytest.raises(PermissionError):
        appointment.changes.all().delete()


def test_an_appointment_cannot_end_before_it_starts(person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker)
    appointment.ends_at = appointment.starts_at - datetime.timedelta(minutes=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        appointment.save()


def test_only_one_open_request_to_rearrange_per_appointment(person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker)
    RearrangeRequest.objects.create(appointment=appointment, reason="Work", asked_by=person.user)
    with pytest.raises(IntegrityError), transaction.atomic():
        RearrangeRequest.objects.create(
            appointment=appointment, reason="Again", asked_by=person.user
        )
