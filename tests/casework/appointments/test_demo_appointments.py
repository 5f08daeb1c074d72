"""The demo seed books a few appointments so `make run` shows the diary, and stays idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from casework.models import Appointment, Person, RearrangeRequest

pytestmark = pytest.mark.django_db


def test_the_demo_has_appointments_and_a_request_to_answer(settings):
    settings.DEBUG = True
    call_command("seed_demo", people=3, sessions_per_person=1, stdout=StringIO())
    alex = Person.objects.get(user__username="alex")
    assert alex.appointments.count() == 3
    assert alex.appointments.filter(outcome=Appointment.Outcome.ATTENDED).exists()
    assert RearrangeRequest.objects.filter(appointment__person=alex, answered_at=None).exists()
    total = Appointment.objects.count()
    call_command("seed_demo", people=3, sessions_per_person=1, stdout=StringIO())
    assert Appointment.objects.count() == total
