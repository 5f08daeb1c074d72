"""seed_demo: demo notes are added once, with a few withheld and a few addenda."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from casework.models import NoteAddendum, Person, SessionNote
from casework.notes.language import find_suggestions

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_notes_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", people=3, sessions_per_person=10, stdout=None)
    first = (SessionNote.objects.count(), NoteAddendum.objects.count())
    call_command("seed_demo", people=3, sessions_per_person=10, stdout=None)
    assert (SessionNote.objects.count(), NoteAddendum.objects.count()) == first
    counts = [p.n for p in Person.objects.annotate(n=Count("notes"))]
    assert min(counts) >= 8 and max(counts) <= 15
    assert SessionNote.objects.exclude(withheld_reason="").exists()
    assert NoteAddendum.objects.exists()


def test_demo_notes_use_person_first_language(settings):
    settings.DEBUG = True
    call_command("seed_demo", people=2, sessions_per_person=12, stdout=None)
    for note in SessionNote.objects.all():
        assert find_suggestions(note.talked_about, note.going_well, note.next_steps) == []


def test_sessions_per_person_is_checked(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("seed_demo", sessions_per_person=-1)
