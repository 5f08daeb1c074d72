"""``row_counts`` and ``rows_exist``: several counts, or several "any rows?", in one query,
each the same as the queryset's own ``count()`` or ``exists()``."""

import datetime

import pytest
from django.utils import timezone

from casework.common.counting import row_counts, rows_exist
from casework.demo.factories import AlertFactory, CaseAssignmentFactory, PersonFactory
from casework.models import Alert, Person

pytestmark = pytest.mark.django_db


def test_each_count_is_the_querysets_own_in_one_query(
    person, other_person, worker, django_assert_num_queries
):
    for _ in range(3):
        CaseAssignmentFactory(person=PersonFactory(), worker=worker)
    AlertFactory(person=person)
    AlertFactory(person=person, review_by=timezone.localdate() - datetime.timedelta(days=1))
    querysets = {
        "people": Person.objects.all(),
        "caseload": Person.objects.filter(assignments__worker=worker).distinct(),
        "overdue": Alert.objects.filter(review_by__lt=timezone.localdate()),
        "nobody": Person.objects.filter(preferred_name="Nobody by this name"),
    }
    expected = {name: queryset.count() for name, queryset in querysets.items()}
    assert expected == {"people": 5, "caseload": 4, "overdue": 1, "nobody": 0}
    with django_assert_num_queries(1):
        assert row_counts(**querysets) == expected


def test_a_queryset_that_can_match_nothing_is_not_sent(person, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert row_counts(none=Person.objects.none(), empty=Person.objects.filter(pk__in=[])) == {
            "none": 0,
            "empty": 0,
        }
    with django_assert_num_queries(1):
        counts = row_counts(none=Person.objects.none(), people=Person.objects.all())
    assert list(counts.items()) == [("none", 0), ("people", 1)]


def test_rows_exist_answers_each_querysets_own_exists_in_one_query(
    person, other_person, worker, django_assert_num_queries
):
    AlertFactory(person=person)
    querysets = {
        "people": Person.objects.all(),
        "alerts_of_person": Alert.objects.filter(person=person),
        "alerts_of_other": Alert.objects.filter(person=other_person),
        "none": Person.objects.none(),
    }
    expected = {name: queryset.exists() for name, queryset in querysets.items()}
    assert expected == {
        "people": True,
        "alerts_of_person": True,
        "alerts_of_other": False,
        "none": False,
    }
    with django_assert_num_queries(1):
        found = rows_exist(**querysets)
    assert found == expected
    assert all(type(value) is bool for value in found.values())  # not SQLite's 0 and 1


def test_rows_exist_sends_nothing_when_no_queryset_can_match(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert rows_exist(none=Person.objects.none()) == {"none": False}


def test_asked_together_reads_only_the_lists_with_rows(person, django_assert_num_queries):
    from casework.common.counting import AskedTogether

    AlertFactory(person=person, wording="Call before visiting")
    asked = AskedTogether(alerts=Alert.objects.filter(person=person))
    asked.add(nobody=Person.objects.filter(preferred_name="Nobody by this name"))
    with django_assert_num_queries(1):  # one question for both
        assert asked.found("alerts") and not asked.found("nobody")
        assert asked.rows("nobody") == [] and asked.first("nobody") is None
    with django_assert_num_queries(1):
        assert asked.first("alerts").wording == "Call before visiting"
    with pytest.raises(RuntimeError):
        asked.add(late=Person.objects.all())  # asked already: it would never be asked


def test_counted_and_found_asks_counts_and_rows_together(person, django_assert_num_queries):
    from casework.common.counting import counted_and_found

    AlertFactory.create_batch(2, person=person)
    with django_assert_num_queries(1):
        answer = counted_and_found(
            count={"alerts": Alert.objects.filter(person=person)},
            exist={"people": Person.objects.all(), "nobody": Person.objects.none()},
        )
    assert answer == {"alerts": 2, "people": True, "nobody": False}
    with pytest.raises(ValueError):
        counted_and_found(count={"x": Person.objects.all()}, exist={"x": Person.objects.all()})
