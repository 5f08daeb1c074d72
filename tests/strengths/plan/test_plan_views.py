"""The plan pages: started on first visit, inline and full-page editing, bad input, access."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from strengths.plan.actions import get_or_create_plan, save_section
from strengths.plan.models import PlanSection, PlanSectionRevision, RecoveryPlan

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _edit(person, section):
    return reverse("plan_section_edit", args=[person.pk, section.pk])


def _post(client, person, section, **data):
    payload = {"heading": section.heading, "text": "", "version": section.version, **data}
    return client.post(_edit(person, section), payload)


def test_first_visit_starts_the_plan_with_default_sections(worker_client, person):
    response = worker_client.get(reverse("plan", args=[person.pk]))
    assert response.status_code == 200
    plan = RecoveryPlan.objects.get(person=person)
    headings = list(plan.sections.values_list("heading", flat=True))
    assert headings[0] == "About me and what matters to me"
    assert "Staying well" in headings and len(headings) == 7
    body = response.content.decode()
    assert "No goals yet." in body
    assert "No one added to the circle of support yet." in body
    worker_client.get(reverse("plan", args=[person.pk]))
    assert RecoveryPlan.objects.filter(person=person).count() == 1


def test_one_current_plan_per_person(person, plan):
    with pytest.raises(IntegrityError):
        RecoveryPlan.objects.create(person=person)


def test_the_person_sees_and_edits_their_own_plan(person_client, person, plan_section):
    body = person_client.get(reverse("me_plan")).content.decode()
    assert "My recovery plan" in body
    response = person_client.post(
        reverse("me_plan_section_edit", args=[plan_section.pk]),
        {"heading": "Who I am", "text": "I grow tomatoes.", "version": 0},
    )
    assert response.status_code == 302
    revision = plan_section.revisions.get()
    assert revision.author_voice == "person" and revision.heading == "Who I am"
    assert "In your own words" in person_client.get(reverse("me_plan")).content.decode()


def test_written_together_when_both_voices_wrote(worker_client, worker, person, plan_section):
    save_section(person.user, person, plan_section, heading="H", text="mine", based_on_version=0)
    save_section(worker, person, plan_section, heading="H", text="ours", based_on_version=1)
    assert (
        "Written together" in worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    )
    # Clearing the section starts its authorship afresh.
    save_section(worker, person, plan_section, heading="H", text="", based_on_version=2)
    save_section(worker, person, plan_section, heading="H", text="new", based_on_version=3)
    assert (
        "Written by a worker"
        in worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    )


def test_inline_edit_with_htmx(worker_client, worker, person, plan_section):
    form = worker_client.get(_edit(person, plan_section), headers=HTMX)
    body = form.content.decode()
    assert "<html" not in body and f'id="section-{plan_section.pk}"' in body
    assert 'data-hx-post="' in body and 'method="post"' in body  # works without JavaScript too
    saved = worker_client.post(
        _edit(person, plan_section),
        {"heading": plan_section.heading, "text": "Saved inline", "version": 0},
        headers=HTMX,
    )
    assert saved.status_code == 200
    assert "Saved inline" in saved.content.decode() and "<html" not in saved.content.decode()
    cancel = worker_client.get(
        reverse("plan_section", args=[person.pk, plan_section.pk]), headers=HTMX
    )
    assert "Saved inline" in cancel.content.decode()
    plain = worker_client.get(reverse("plan_section", args=[person.pk, plan_section.pk]))
    assert plain.status_code == 302 and plain["Location"].endswith(f"#section-{plan_section.pk}")


def test_full_page_edit_without_javascript(worker_client, person, plan_section):
    page = worker_client.get(_edit(person, plan_section))
    assert page.status_code == 200 and "<h1" in page.content.decode()
    response = _post(worker_client, person, plan_section, text="Without JavaScript")
    assert response.status_code == 302
    plan_section.refresh_from_db()
    assert plan_section.text == "Without JavaScript"


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "1.5", "99999999999999999999999"])
def test_a_missing_or_broken_version_is_a_clear_error(worker_client, person, plan_section, version):
    data = {"heading": plan_section.heading, "text": "words"}
    if version is not None:
        data["version"] = version
    response = worker_client.post(_edit(person, plan_section), data)
    assert response.status_code in (400, 409)
    if response.status_code == 400:
        assert "which version" in response.content.decode()
    plan_section.refresh_from_db()
    assert plan_section.text == ""


def test_text_over_the_limit_is_refused_with_the_limit_stated(worker_client, person, plan_section):
    response = _post(worker_client, person, plan_section, text="a" * 5001)
    assert response.status_code == 400
    assert "5,000 characters" in response.content.decode()
    assert _post(worker_client, person, plan_section, text="a" * 5000).status_code == 302


def test_an_empty_heading_is_refused(worker_client, person, plan_section):
    response = _post(worker_client, person, plan_section, heading="   ", text="words")
    assert response.status_code == 400
    assert "needs a heading" in response.content.decode()
    assert not plan_section.revisions.exists()


def test_an_empty_save_clears_the_section_and_is_kept(worker_client, worker, person, plan_section):
    save_section(worker, person, plan_section, heading="H", text="something", based_on_version=0)
    plan_section.refresh_from_db()
    assert _post(worker_client, person, plan_section, text="").status_code == 302
    plan_section.refresh_from_db()
    assert plan_section.text == "" and plan_section.version == 2
    assert list(plan_section.revisions.order_by("version").values_list("text", flat=True)) == [
        "something",
        "",
    ]


def test_sections_of_another_persons_plan_are_404(worker_client, person, other_person, plan):
    frank_section = get_or_create_plan(other_person).sections.first()
    assert worker_client.get(_edit(person, frank_section)).status_code == 404
    assert (
        worker_client.post(
            _edit(person, frank_section), {"heading": "x", "text": "x", "version": 0}
        ).status_code
        == 404
    )


def test_supervisor_reads_the_plan(supervisor_client, person, plan_revision):
    body = supervisor_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert "Erin loves her allotment." in body
    assert "Edit<span" not in body  # no edit controls for a read-only reader
    history = reverse("plan_section_history", args=[person.pk, plan_revision.section_id])
    assert supervisor_client.get(history).status_code == 200


def test_supervisor_does_not_start_a_plan(supervisor_client, person):
    response = supervisor_client.get(reverse("plan", args=[person.pk]))
    assert response.status_code == 200
    assert "have not started a plan yet" in response.content.decode()
    assert not RecoveryPlan.objects.exists()


def test_supervisor_gets_404_on_every_changing_view(
    supervisor_client, person, plan_section, plan_revision, plan_difference
):
    pid, sid = person.pk, plan_section.pk
    changing = [
        reverse("plan_section_edit", args=[pid, sid]),
        reverse("plan_revision_restore", args=[pid, sid, plan_revision.pk]),
        reverse("plan_see_differently", args=[pid, sid]),
        reverse("plan_difference_resolve", args=[pid, plan_difference.pk]),
        reverse("plan_ready", args=[pid]),
        reverse("plan_agree", args=[pid]),
        reverse("plan_review", args=[pid]),
    ]
    for url in changing:
        assert supervisor_client.get(url).status_code == 404, url
        assert supervisor_client.post(url, {"text": "x", "version": 1}).status_code == 404, url
    plan_section.refresh_from_db()
    assert plan_section.version == 1


@pytest.mark.parametrize("name", ["plan_print", "plan_easy_read"])
def test_print_and_easy_read_staff_side(worker_client, person, plan_revision, name):
    body = worker_client.get(reverse(name, args=[person.pk])).content.decode()
    assert "Erin loves her allotment." in body
    if name == "plan_print":
        assert "Erin Example" in body and "Printed on" in body and "print.css" in body


@pytest.mark.parametrize("name", ["me_plan_print", "me_plan_easy_read"])
def test_print_and_easy_read_person_side(person_client, plan_revision, name):
    body = person_client.get(reverse(name)).content.decode()
    assert "Erin loves her allotment." in body


def test_the_plan_is_linked_from_the_overview_and_the_persons_home(
    worker_client, person_client, person
):
    overview = worker_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert reverse("plan", args=[person.pk]) in overview
    assert reverse("me_plan") in person_client.get("/").content.decode()


def test_every_change_is_logged_for_the_person(worker, person, plan_section):
    save_section(worker, person, plan_section, heading="H", text="x", based_on_version=0)
    event = person.access_events.filter(action="changed").first()
    assert event.actor == worker and "their plan" in event.what


def test_plan_page_query_count_is_constant(worker_client, worker, person, plan, query_count):
    sections = list(plan.sections.all())

    def add_versions(n):
        for i in range(n):
            for section in sections[:3]:
                section.refresh_from_db()
                author = person.user if i % 2 else worker
                save_section(
                    author,
                    person,
                    section,
                    heading=section.heading,
                    text=f"version {i}",
                    based_on_version=section.version,
                )

    url = reverse("plan", args=[person.pk])
    add_versions(3)
    small = query_count(worker_client).get(url)
    add_versions(47)
    large = query_count(worker_client).get(url)
    assert PlanSectionRevision.objects.filter(section=sections[0]).count() == 50
    query_count.assert_same(small, large, "plan page")


def test_person_plan_page_query_count_is_constant(person_client, worker, person, plan, query_count):
    section = plan.sections.first()
    url = reverse("me_plan")
    small = query_count(person_client).get(url)
    for i in range(20):
        section.refresh_from_db()
        save_section(
            worker, person, section, heading="H", text=str(i), based_on_version=section.version
        )
    large = query_count(person_client).get(url)
    query_count.assert_same(small, large, "my plan page")
    assert PlanSection.objects.get(pk=section.pk).version == 20


def test_an_assigned_peer_support_worker_may_edit(client_for, peer_worker, person, plan_section):
    from casework.demo.factories import CaseAssignmentFactory
    from casework.models import CaseAssignment

    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    response = _post(client_for(peer_worker), person, plan_section, text="Peer words")
    assert response.status_code == 302
    assert plan_section.revisions.get().author_voice == "worker"


def test_plan_page_reads_differences_and_agreement_only_when_there_are_some(
    worker_client, worker, person, plan
):
    """One query asks whether the plan has open differences or a version marked ready to
    agree: a plan with neither reads neither (most plans, most days)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from strengths.plan.actions import mark_ready_to_agree, see_differently

    url = reverse("plan", args=[person.pk])

    def tables_read():
        with CaptureQueriesContext(connection) as captured:
            assert worker_client.get(url).status_code == 200
        return {
            table
            for table in ("strengths_plandifference", "strengths_planversion")
            for q in captured.captured_queries
            if q["sql"].startswith(f'SELECT "{table}"."id"')
        }

    assert tables_read() == set()
    see_differently(worker, person, plan.sections.first(), wording="I would put it another way")
    assert tables_read() == {"strengths_plandifference"}
    mark_ready_to_agree(worker, person, plan)
    assert tables_read() == {"strengths_plandifference", "strengths_planversion"}


def test_the_question_about_differences_is_only_about_open_ones(plan):
    from casework.common.counting import AskedTogether
    from strengths.plan.reads import differences_by_section, section_differences

    asked = AskedTogether(differences=section_differences(plan))
    with pytest.raises(ValueError):
        differences_by_section(plan, resolved=True, asked=asked)
    assert differences_by_section(plan, asked=asked) == {}
