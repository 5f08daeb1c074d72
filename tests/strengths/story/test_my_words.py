"""The person's own forms speak as the person: "my goal", never "the person's"."""

import re

import pytest
from django.urls import reverse

from strengths.story.kinds import KINDS

pytestmark = pytest.mark.django_db

# "them" and "they" stay: on the circle form they are the member, not the person.
THIRD_PERSON = re.compile(
    r"the person\b|person's|themselves|their own|their worker|their circle|around them",
    re.IGNORECASE,
)


def _form_text(form):
    texts = []
    for field in form.fields.values():
        texts += [str(field.label or ""), str(field.help_text or "")]
        texts += [str(m) for m in field.error_messages.values()]
        if not hasattr(field, "queryset"):  # the person's own items are their words
            texts += [str(label) for _, label in getattr(field, "choices", [])]
    return texts


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_my_forms_never_speak_of_the_person(person, kind):
    form = KINDS[kind].form(person=person, mine=True)
    slips = [
        t for t in _form_text(form) if THIRD_PERSON.search(t) or f"{person.preferred_name}'s" in t
    ]
    assert slips == []


def test_my_goal_form_says_my_goal_in_my_own_words(person_client):
    body = person_client.get(reverse("me_goals")).content.decode()
    assert "My goal, in my own words" in body
    assert "person&#x27;s own words" not in body and "person's own words" not in body


def test_staff_goal_form_still_speaks_of_the_person(person):
    form = KINDS["goals"].form(person=person)
    assert "person's own words" in str(form.fields["in_their_words"].label)
