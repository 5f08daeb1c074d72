"""seed_bulk builds a consistent organisation with bulk inserts; bench maths is right."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from casework.access import caseload_for, people_visible_to
from casework.benchmark import BenchPage, Result, markdown_table
from casework.models import AccessEvent, CaseAssignment, Person, User

pytestmark = pytest.mark.django_db


def test_seed_bulk_small_numbers(settings, django_assert_max_num_queries):
    settings.DEBUG = True
    out = StringIO()
    # Bulk inserts: the query count does not grow with the number of rows.
    with django_assert_max_num_queries(40):
        call_command("seed_bulk", people=60, notes_per_person=2, workers=6, stdout=out)
    assert Person.objects.count() == 60
    assert CaseAssignment.objects.count() == 60
    assert AccessEvent.objects.count() == 600
    worker = User.objects.get(username="bw1")
    supervisor = User.objects.get(username="bs1")
    assert caseload_for(worker).count() == 10
    assert set(caseload_for(worker)) <= set(people_visible_to(supervisor))
    assert Person.objects.get(user__username="bp1") in caseload_for(worker)
    assert "rows/s" in out.getvalue()


def test_seed_bulk_refuses_twice_and_bad_numbers(settings):
    settings.DEBUG = True
    call_command("seed_bulk", people=5, workers=2, stdout=StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("seed_bulk", people=5, workers=2, stdout=StringIO())


def test_seed_bulk_needs_debug_or_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1 or --force"):
        call_command("seed_bulk", people=5, workers=2)


def test_percentiles_and_ratios():
    base = Result("healthz", latencies_ms=[10.0] * 100)
    page = Result("caseload", latencies_ms=[float(i) for i in range(1, 101)], elapsed_s=2.0)
    assert page.pct(50) == 51.0
    assert page.pct(95) == 95.0
    assert page.rps == 50.0
    table = markdown_table([base, page], base)
    assert "| caseload | 100 | 0 | 51.0 | 95.0 | 99.0 | 50.0 | 5.1× | 9.5× |" in table
    assert BenchPage("x", "/", None).method == "GET"
