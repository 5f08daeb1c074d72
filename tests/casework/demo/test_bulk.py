"""seed_bulk builds a consistent organisation with bulk inserts; bench maths is right."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from casework.access import caseload_for, people_visible_to
from casework.demo.benchmark import BenchPage, Result, markdown_table, totp_code
from casework.demo.bulk import BENCH_TOTP_KEY_HEX, SHOWCASE_NOTES
from casework.models import (
    AccessEvent,
    Alert,
    AuthenticatorDevice,
    CaseAssignment,
    NoteAddendum,
    NoteSharingChange,
    Person,
    SessionNote,
    User,
)
from strengths.models import (
    Goal,
    GoalRating,
    GoalStep,
    PlanSection,
    PlanSectionRevision,
    RecoveryPlan,
    Setback,
    SignificantOther,
    Strength,
)

pytestmark = pytest.mark.django_db

SHOWCASE_ACCESS = 2000


def page_status(page):
    client = Client()
    if page.username:
        user = User.objects.get(username=page.username)
        client.force_login(user)
        if page.totp_key_hex:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = AuthenticatorDevice.objects.get(
                user=user
            ).persistent_id
            session.save()
    if page.method == "GET":
        response = client.get(page.path)
    else:
        response = client.post(page.path, page.data() if page.data else {})
    return response.status_code, None


def test_seed_bulk_small_numbers(settings, django_assert_max_num_queries):
    settings.DEBUG = True
    out = StringIO()
    # Bulk inserts: the query count grows only by batches (SQLite caps a batch by
    # its number of parameters), never by rows.
    with django_assert_max_num_queries(150):
        call_command("seed_bulk", people=60, notes_per_person=2, workers=6, stdout=out)
    assert Person.objects.count() == 60
    assert CaseAssignment.objects.count() == 60
    assert AccessEvent.objects.count() == 600 + SHOWCASE_ACCESS
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


def test_seed_bulk_fills_every_part_of_the_record(settings):
    settings.DEBUG = True
    call_command("seed_bulk", people=40, notes_per_person=3, workers=4, stdout=StringIO())
    showcase = Person.objects.get(user__username="bp1")
    # The showcase person has the long timeline; everyone else notes_per_person.
    assert showcase.notes.count() == SHOWCASE_NOTES
    assert SessionNote.objects.count() == SHOWCASE_NOTES + 39 * 3
    assert SessionNote.objects.exclude(person=showcase).values("person").distinct().count() == 39
    # Spread over years, written by the person's lead worker.
    dates = showcase.notes.order_by("happened_at").values_list("happened_at", flat=True)
    assert (dates.last() - dates.first()).days > 365 * 3
    lead = CaseAssignment.objects.get(person=showcase).worker
    assert set(showcase.notes.values_list("author", flat=True)) == {lead.pk}
    # Some withheld, each with a reason, an explanation and a sharing change; some addenda.
    withheld = SessionNote.objects.exclude(withheld_reason="")
    assert withheld.exists()
    assert not withheld.filter(withheld_explanation="").exists()
    assert NoteSharingChange.objects.count() == withheld.count()
    assert NoteAddendum.objects.exists()
    # The person's story and plan.
    assert Strength.objects.count() == 40 * 3
    assert Goal.objects.count() == 40 * 3
    assert GoalStep.objects.count() == 40 * 3 * 2
    assert GoalRating.objects.count() == 40 * 3 * 3
    assert SignificantOther.objects.count() == 40 * 2
    assert Setback.objects.count() == 40
    assert RecoveryPlan.objects.filter(is_current=True).count() == 40
    assert PlanSection.objects.count() == 40 * len(PlanSection.Key.choices)
    saved = PlanSection.objects.filter(version__gt=0)
    assert PlanSectionRevision.objects.count() == sum(saved.values_list("version", flat=True))
    assert Alert.objects.count() == 2  # one person in twenty
    # Supervisors have a confirmed two-step device with the bench key.
    device = AuthenticatorDevice.objects.get(user__username="bs1")
    assert device.confirmed and device.bin_key == bytes.fromhex(BENCH_TOTP_KEY_HEX)


def test_the_bench_fails_on_an_error_but_never_on_time():
    from casework.management.commands.bench import fail_on_errors

    slow = Result("overview", latencies_ms=[60_000.0] * 10)
    fail_on_errors([slow])  # slow is not a failure
    broken = Result("note save", latencies_ms=[10.0] * 9, errors=1)
    with pytest.raises(CommandError, match=r"note save \(1\)"):
        fail_on_errors([slow, broken])


def test_totp_code_matches_django_otp():
    from django_otp.oath import TOTP

    assert totp_code(BENCH_TOTP_KEY_HEX) == str(
        TOTP(bytes.fromhex(BENCH_TOTP_KEY_HEX)).token()
    ).zfill(6)


def test_bench_pages_answer_and_say_where_the_time_goes(settings):
    """Every bench page answers its ok status in-process on a small seed, and the
    breakdown's parts add up to the request's time. (Query budgets:
    tests/casework/performance/test_page_budgets.py.)"""
    from casework.management.commands.bench import bench_pages, measure_in_process

    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]  # the in-process pass's host
    call_command("seed_bulk", people=20, notes_per_person=3, workers=2, stdout=StringIO())
    for page in bench_pages():
        status, _ = page_status(page)
        assert status in page.ok_statuses, page.name
        queries, parts, status = measure_in_process(page, runs=1)
        assert status in page.ok_statuses, page.name
        assert queries >= 1
        assert set(parts) == {"sql", "template", "forms", "other", "total"}
        assert sum(parts[p] for p in ("sql", "template", "forms", "other")) == pytest.approx(
            parts["total"], abs=0.1
        )
        if page.name == "worker caseload":
            assert parts["template"] > 0 and parts["sql"] > 0
        if page.name == "healthz":
            assert parts["template"] == 0
