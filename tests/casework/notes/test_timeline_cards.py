"""The Sessions page's cards (casework/notes/cards.py) say what the template used to say.

``OLD_TIMELINE`` is the list as the template wrote it before the cards were made in
Python; the page must give the same HTML, in English and in Welsh, for notes with
every part shown: addenda, open correction requests, a reason for not sharing, the
person's view, long words cut short and a name that needs escaping.
"""

import datetime
import re

import pytest
from django.template import engines
from django.utils import timezone, translation

from casework.demo.factories import NoteAddendumFactory, SessionNoteFactory
from casework.models import SessionNote
from casework.notes.feedback import request_correction

pytestmark = pytest.mark.django_db

OLD_TIMELINE = """{% load i18n %}<ol class="list-unstyled note-timeline">
  {% for note in notes %}
  <li class="person-card mb-3">
    <h3 class="h5 mb-1"><a href="{% url 'note_detail' note.person_id note.pk %}">{{ note.happened_at|date:"l j F Y, H:i" }}</a></h3>
    <p class="small text-body-secondary mb-1">{% blocktranslate with how=note.get_how_display duration_minutes=note.duration_minutes author=note.author.display_name %}{{ how }}, {{ duration_minutes }} minutes · written by {{ author }}{% endblocktranslate %}{% if note.addenda_count %} {% blocktranslate count counter=note.addenda_count %}· {{ counter }} addendum{% plural %}· {{ counter }} addenda{% endblocktranslate %}{% endif %}{% if note.open_corrections %} · <strong class="gentle-nudge">{% blocktranslate count counter=note.open_corrections %}{{ counter }} correction request to answer{% plural %}{{ counter }} correction requests to answer{% endblocktranslate %}</strong>{% endif %}{% if note.is_withheld %} {% blocktranslate with withheld_reason=note.get_withheld_reason_display|lower %}· <strong>not shared</strong>: {{ withheld_reason }}{% endblocktranslate %}{% endif %}</p>
    <p class="mb-1" dir="auto">{{ note.talked_about|truncatechars:200 }}</p>
    {% if note.going_well %}<p class="mb-1"><strong>{% translate "Going well:" %}</strong> <span dir="auto">{{ note.going_well|truncatechars:160 }}</span></p>{% endif %}
    {% if note.person_view %}<p class="mb-0 small"><strong>{% blocktranslate with person=note.person.preferred_name %}{{ person }}’s view:{% endblocktranslate %}</strong> <span dir="auto">{{ note.person_view|truncatechars:160 }}</span></p>{% endif %}
  </li>
  {% endfor %}
</ol>"""


def _timeline(html: str) -> str:
    found = re.search(r'<ol class="list-unstyled note-timeline">.*?</ol>', html, re.S)
    assert found, "no timeline on the page"
    return found.group(0)


def _notes_of_every_kind(person, worker):
    worker.first_name, worker.last_name = "Sam & <Co>", "O’Neil"
    worker.save()
    now = timezone.now()
    plain = SessionNoteFactory(
        person=person, author=worker, happened_at=now - datetime.timedelta(days=1), going_well=""
    )
    full = SessionNoteFactory(
        person=person,
        author=worker,
        happened_at=now - datetime.timedelta(days=2, hours=3),
        how=SessionNote.How.PHONE,
        talked_about="Housing, work and the allotment. " * 10,  # over 200: cut short
        going_well="Kept every appointment " * 10,
        person_view="I felt listened to " * 10,
    )
    NoteAddendumFactory.create_batch(2, note=full, author=worker)
    request_correction(person.user, full, what_is_wrong="The date")
    one_addendum = SessionNoteFactory(
        person=person, author=worker, happened_at=now - datetime.timedelta(days=40)
    )
    NoteAddendumFactory(note=one_addendum, author=worker)
    SessionNoteFactory(
        person=person,
        author=worker,
        happened_at=now - datetime.timedelta(days=90, minutes=7),
        withheld_reason=SessionNote.WithheldReason.SERIOUS_HARM,
        withheld_explanation="Kept back while the risk is looked at.",
    )
    return plain


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_cards_give_the_html_the_template_gave(worker_client, worker, person, language):
    _notes_of_every_kind(person, worker)
    worker.interface_language = language
    worker.save()
    response = worker_client.get(f"/people/{person.pk}/notes/")
    assert response.status_code == 200
    with translation.override(language):
        old = (
            engines["django"].from_string(OLD_TIMELINE).render({"notes": response.context["page"]})
        )
    new = _timeline(response.content.decode())
    assert new == old
    assert new.count('<li class="person-card mb-3">') == 4
    assert "Sam &amp; &lt;Co&gt;" in new


def test_a_note_shows_each_part_only_when_it_has_it(worker_client, worker, person):
    _notes_of_every_kind(person, worker)
    cards = worker_client.get(f"/people/{person.pk}/notes/").context["cards"]
    plain, full, one_addendum, withheld = cards
    assert (plain.addenda, plain.corrections, plain.withheld_reason, plain.going_well) == (
        "",
        "",
        "",
        "",
    )
    assert full.addenda == "· 2 addenda" and one_addendum.addenda == "· 1 addendum"
    assert full.corrections == "1 correction request to answer"
    assert len(full.talked_about) == 200 and full.talked_about.endswith("…")
    assert withheld.withheld_reason == "sharing it could cause serious harm"
