"""The supervisor home: its numbers (counted in one query) and its table of the people
the teams support (rows made in casework/home/cards.py)."""

import datetime
import re

import pytest
from django.template import engines
from django.utils import timezone, translation

from casework.demo.factories import AlertFactory, CaseAssignmentFactory, PersonFactory
from casework.models import CaseAssignment

pytestmark = pytest.mark.django_db


def test_the_supervisor_home_shows_each_number(supervisor, worker, person, client_for):
    """The five numbers counted together land in the right places on the page."""
    for _ in range(25):
        CaseAssignmentFactory(person=PersonFactory(), worker=worker)
    CaseAssignmentFactory(person=PersonFactory(), worker=supervisor)
    for _ in range(3):
        AlertFactory(person=person, review_by=timezone.localdate() - datetime.timedelta(days=2))
    client = client_for(supervisor)
    body = client.get("/").content.decode()
    assert "You also work with 1 person yourself." in body
    assert "3 alerts are past their review date" in body
    # 27 people in the teams (the fixture person, 25 more, the supervisor's own): two pages.
    assert "Page 1 of 2" in body
    assert "Page 2 of 2" in client.get("/", {"page": 2}).content.decode()


OLD_PEOPLE_ROWS = """{% for person in page %}
    <tr>
      <td><a href="{% url 'person_detail' person.pk %}">{{ person.preferred_name }}</a>{% if person.pronouns %} <span class="small text-body-secondary">({{ person.pronouns }})</span>{% endif %}</td>
      <td>{% for a in person.active_assignments %}{{ a.worker.display_name }} ({{ a.get_role_display|lower }}){% if not forloop.last %}, {% endif %}{% endfor %}</td>
    </tr>
  {% endfor %}"""


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_supervisor_homes_people_rows_are_what_the_template_wrote(
    supervisor, worker, peer_worker, person, client_for, language
):
    """The rows are made in casework/home/cards.py; the HTML is what the template made."""
    worker.first_name = "Sam & <Co>"
    worker.save()
    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    PersonFactory(pronouns="they/them", preferred_name="Jo")  # in no team: not listed
    CaseAssignmentFactory(person=PersonFactory(pronouns="she/her"), worker=worker)
    supervisor.interface_language = language
    supervisor.save()
    response = client_for(supervisor).get("/")
    with translation.override(language):
        old = (
            engines["django"]
            .from_string(OLD_PEOPLE_ROWS)
            .render({"page": response.context["page"]})
        )
    body = response.content.decode()
    table = re.search(r"<tbody>\s*(<tr>\s*<td><a href=\"/people/.*?)</tbody>", body, re.S)
    assert table, "no people table"
    assert " ".join(table.group(1).split()) == " ".join(old.split())
    assert "Sam &amp; &lt;Co&gt;" in old and "(she/her)" in old and "Jo<" not in old


def test_urgent_check_ins_are_read_only_when_one_is_waiting(supervisor, person, client_for):
    """The numbers' query also asks whether an urgent check-in is waiting: only then is
    the list read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from casework.demo.factories import CheckInFactory

    client = client_for(supervisor)

    def urgent_list_read():
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("home")).content.decode()
        reads = [
            q
            for q in captured.captured_queries
            if q["sql"].startswith('SELECT "casework_checkin"."id"')
        ]
        return len(reads), "Check-ins that ask for you soon" in page

    assert urgent_list_read() == (0, False)
    CheckInFactory(person=person, wants_to_talk=True)
    assert urgent_list_read() == (1, True)
