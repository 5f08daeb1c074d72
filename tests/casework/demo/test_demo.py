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


def test_made_up_names_never_hold_a_fixture_persons_name(db):
    # Leak tests look for "Frank" and "Erin" on pages: a worker the factories
    # name at random must not be called either (tests/conftest.py).
    from casework.demo.factories import PersonFactory, UserFactory

    names = [f"{u.first_name} {u.last_name}" for u in UserFactory.build_batch(400)]
    names += [p.full_name for p in PersonFactory.build_batch(400)]
    assert not [name for name in names if "Frank" in name or "Erin" in name]
