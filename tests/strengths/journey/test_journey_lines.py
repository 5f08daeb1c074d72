"""The journey's lines (strengths/journey/cards.py) say what the template used to say.

``OLD_EVENTS`` is the timeline as the template wrote it before the lines were made in
Python (main at bf840aa); the page must give the same HTML, in English and in Welsh,
for events of every kind: a goal set and achieved, a step, a strength, a setback, a
shared session with long "going well" words, one not shared, one with no "going well",
and a past appointment with two workers and what happened, with names that need
escaping.
"""

import datetime
import re

import pytest
from django.template import engines
from django.utils import timezone, translation

from casework.demo.factories import (
    AppointmentFactory,
    GoalFactory,
    GoalStepFactory,
    SessionNoteFactory,
    SetbackFactory,
    StrengthFactory,
    UserFactory,
)
from casework.models import Appointment, SessionNote
from strengths.models import Goal, GoalStep

pytestmark = pytest.mark.django_db

OLD_EVENTS = """{% load i18n story %}  {% regroup page.object_list by month as months %}
  {% for month in months %}
  <h3 class="h5 journey-month">{{ month.grouper|date:"F Y" }}</h3>
  <ol class="list-unstyled journey-events">
    {% for event in month.list %}
    <li class="journey-event event-{{ event.kind }}">
      {% if event.kind == "goal_set" %}
        <p class="mb-0"><span class="event-label">{% translate "New goal" %}</span> <a href="{% url 'strengths:goal_detail' person.pk event.item.pk %}">“<span dir="auto">{{ event.item.in_their_words }}</span>”</a> <span class="small text-body-secondary">{{ event.when|date:"j F" }}. {% written_by event.item person %}.</span></p>
      {% elif event.kind == "goal_achieved" %}
        <p class="mb-0"><span class="event-label">{% translate "Goal achieved" %}</span> <a href="{% url 'strengths:goal_detail' person.pk event.item.pk %}">“<span dir="auto">{{ event.item.in_their_words }}</span>”</a> <span class="small text-body-secondary">{{ event.when|date:"j F" }}.</span> {% blocktranslate with person=person.preferred_name %}Well done, {{ person }}.{% endblocktranslate %}</p>
      {% elif event.kind == "step_done" %}
        <p class="mb-0"><span class="event-label">{% translate "Step done" %}</span> <span dir="auto">{{ event.item.what }}</span> <span class="small text-body-secondary">{% blocktranslate with when=event.when|date:"j F" %}{{ when }}, towards “{% endblocktranslate %}<span dir="auto">{{ event.item.goal.in_their_words }}</span>”.</span></p>
      {% elif event.kind == "strength" %}
        <p class="mb-0"><span class="event-label">{% translate "Strength noticed" %}</span> <span dir="auto">{{ event.item.description }}</span> <span class="small text-body-secondary">{% blocktranslate with when=event.when|date:"j F" noticed_by=event.item.get_noticed_by_display|lower %}{{ when }}, noticed by {{ noticed_by }}.{% endblocktranslate %}</span></p>
      {% elif event.kind == "session" %}
        <p class="mb-0"><span class="event-label">{% translate "Session" %}</span> <a href="{% url 'note_detail' person.pk event.item.pk %}">{{ event.item.get_how_display }}, {{ event.when|date:"j F" }}</a> <span class="small text-body-secondary">{% blocktranslate with author=event.item.author.display_name %}with {{ author }}.{% endblocktranslate %}</span>{% if event.item.is_withheld %} <span class="small">{% blocktranslate with person=person.preferred_name %}Not shared with {{ person }}.{% endblocktranslate %}</span>{% elif event.item.going_well %} {% translate "Going well:" %} <span dir="auto">{{ event.item.going_well|truncatechars:160 }}</span>{% endif %}</p>
      {% elif event.kind == "appointment" %}
        <p class="mb-0"><span class="event-label">{% translate "Appointment" %}</span> <a href="{% url 'appointment_detail' person.pk event.item.pk %}">{{ event.item.get_kind_display }}, {{ event.when|date:"j F" }}</a> <span class="small text-body-secondary">{% translate "with" %} {% for worker in event.item.workers.all %}{{ worker.display_name }}{% if not forloop.last %}, {% endif %}{% endfor %}.</span>{% if event.item.outcome %} {{ event.item.get_outcome_display }}.{% endif %}</p>
      {% elif event.kind == "setback" %}
        <span class="event-label">{% translate "Setback, and what was learned" %}</span>
        {% with setback=event.item %}{% include "strengths/includes/setback.html" %}{% endwith %}
      {% endif %}
    </li>
    {% endfor %}
  </ol>
  {% endfor %}
"""


def _at(days_ago, hour=10):
    moment = timezone.localtime() - datetime.timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=15, second=0, microsecond=0)


def _events_of_every_kind(person, worker):
    worker.first_name, worker.last_name = "Sam & <Co>", "O’Neil"
    worker.save()
    person.preferred_name = 'Erin "Ez" O\'Brien'
    person.save()
    goal = GoalFactory(person=person, in_their_words="Grow <my> own veg", created_by=worker)
    goal.created_at = _at(70)
    goal.status, goal.achieved_at = Goal.Status.ACHIEVED, _at(3)
    goal.save()
    GoalFactory(person=person, in_their_words="Walk the canal", created_at=_at(12))
    GoalStepFactory(
        goal=goal, what="Get an allotment", status=GoalStep.Status.DONE, done_at=_at(40)
    )
    StrengthFactory(person=person, description="Patient & kind", created_at=_at(30))
    SetbackFactory(
        person=person,
        what_happened="Slugs ate everything",
        happened_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    SessionNoteFactory(
        person=person, author=worker, happened_at=_at(1), going_well="Kept going " * 30
    )
    SessionNoteFactory(person=person, author=worker, happened_at=_at(5), going_well="")
    SessionNoteFactory(
        person=person,
        author=worker,
        happened_at=_at(8),
        withheld_reason=SessionNote.WithheldReason.SERIOUS_HARM,
        withheld_explanation="Kept back while the risk is looked at.",
    )
    other = UserFactory(first_name="Ola", last_name="Adeyemi")
    met = AppointmentFactory(
        person=person,
        created_by=worker,
        starts_at=_at(15),
        ends_at=_at(15) + datetime.timedelta(hours=1),
        workers=[worker, other],
    )
    Appointment.objects.filter(pk=met.pk).update(outcome=Appointment.Outcome.ATTENDED)
    AppointmentFactory(
        person=person,
        created_by=worker,
        starts_at=_at(50),
        ends_at=_at(50) + datetime.timedelta(hours=1),
    )


def _events(html: str) -> str:
    found = re.search(r'(<h3 class="h5 journey-month">.*</ol>)', html, re.S)
    assert found, "no events on the page"
    return found.group(1).strip()


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_lines_give_the_html_the_template_gave(worker_client, worker, person, language):
    _events_of_every_kind(person, worker)
    worker.interface_language = language
    worker.save()
    response = worker_client.get(f"/people/{person.pk}/journey/")
    assert response.status_code == 200
    with translation.override(language):
        old = (
            engines["django"]
            .from_string(OLD_EVENTS)
            .render({"page": response.context["page"], "person": response.context["person"]})
        )
    new = _events(response.content.decode())
    assert new == _events(old)
    kinds = re.findall(r'class="journey-event event-(\w+)"', new)
    assert sorted(set(kinds)) == sorted(
        ["goal_set", "goal_achieved", "step_done", "strength", "setback", "session", "appointment"]
    )
    assert kinds.count("session") == 3 and kinds.count("appointment") == 2
    assert "Sam &amp; &lt;Co&gt;" in new  # a worker's name, escaped


def test_each_line_shows_only_what_its_event_has(worker_client, worker, person):
    _events_of_every_kind(person, worker)
    lines = worker_client.get(f"/people/{person.pk}/journey/").context["lines"]
    sessions = [line for line in lines if line.kind == "session"]
    long_words, no_words, withheld = sessions
    assert len(long_words.going_well) == 160 and long_words.going_well.endswith("…")
    assert (no_words.going_well, no_words.withheld) == ("", "")
    assert withheld.going_well == "" and withheld.withheld.startswith("Not shared with Erin")
    met, booked = [line for line in lines if line.kind == "appointment"]
    assert met.outcome == "It happened" and booked.outcome == ""
    assert met.small_print.count(",") == 1  # two workers
