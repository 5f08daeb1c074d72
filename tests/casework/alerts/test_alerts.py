"""Alerts instead of silent flags: reasons, review dates, telling the person, history."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.alerts import actions
from casework.alerts.models import MAX_REVIEW_DAYS, Alert, AlertReview
from casework.common.errors import ActionRefused
from casework.demo.factories import AlertFactory, AlertResponseFactory
from casework.models import AccessEvent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
SECRET = "Check with the court team before discussing the hearing"


def days(n):
    return TODAY() + datetime.timedelta(days=n)


def valid_post(**overrides):
    data = {
        "wording": "Please call before a home visit",
        "reason": "Erin works nights and sleeps in the day.",
        "review_by": days(60).isoformat(),
        "person_told": "yes",
        "told_how": "in_person",
    }
    data.update(overrides)
    return data


def field_errors(response):
    return response.context["form"].errors


@pytest.fixture
def untold(person, worker):
    return AlertFactory(
        person=person,
        added_by=worker,
        wording=SECRET,
        reason="A hearing date was set by the court this week.",
        not_told_explanation="The letter came after our last session.",
        not_told=True,
    )


# --- Lifecycle through the actions ------------------------------------------------


def test_add_told_alert_records_who_when_and_logs_without_wording(person, worker):
    alert = actions.add_alert(
        worker,
        person,
        wording="Prefers a female worker",
        reason="Erin asked for this.",
        review_by=days(30),
        person_told=True,
        told_how="phone",
    )
    assert (alert.added_by, alert.told_by, alert.told_on) == (worker, worker, TODAY())
    event = AccessEvent.objects.get(person=person, action="changed")
    assert event.actor == worker
    assert "female" not in event.what  # the person's access log never carries wording


def test_add_untold_alert_needs_reason_and_explanation(person, worker):
    common = {
        "wording": SECRET,
        "reason": "A hearing is coming up.",
        "review_by": days(30),
        "person_told": False,
    }
    with pytest.raises(ActionRefused):
        actions.add_alert(worker, person, **common)
    with pytest.raises(ValidationError):
        actions.add_alert(worker, person, **common, not_told_reason="legal")
    alert = actions.add_alert(
        worker, person, **common, not_told_reason="legal", not_told_explanation="Court order."
    )
    assert not alert.person_told and alert.not_told_reason == "legal"


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_action_refuses_an_alert_without_reason(person, worker, reason):
    with pytest.raises(ValidationError, match="Say why"):
        actions.add_alert(
            worker,
            person,
            wording="x",
            reason=reason,
            review_by=days(5),
            person_told=True,
            told_how="phone",
        )
    assert not Alert.objects.exists()


def test_database_refuses_an_alert_without_reason(person, worker):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AlertFactory(person=person, added_by=worker, reason="")


def test_wording_cannot_change_and_alerts_are_not_deleted(person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    alert = Alert.objects.get(pk=alert.pk)
    alert.wording = "Something else"
    with pytest.raises(ValidationError, match="cannot be changed"):
        alert.save()
    with pytest.raises(PermissionError):
        alert.delete()


def test_mark_told_then_the_person_can_see_it(person, worker, person_client, untold):
    assert SECRET not in person_client.get(reverse("my_alerts")).content.decode()
    actions.mark_told(worker, untold, told_on=TODAY(), told_how="in_person")
    untold.refresh_from_db()
    assert untold.person_told and untold.told_by == worker
    assert untold.not_told_reason == "not_yet"  # kept: the history shows telling waited
    assert SECRET in person_client.get(reverse("my_alerts")).content.decode()


def test_review_keep_moves_the_date_and_keeps_history(person, worker):
    alert = AlertFactory(person=person, added_by=worker, review_by=days(1))
    old = alert.review_by
    review = actions.review_alert(
        worker, alert, outcome="keep", note="Still needed.", new_review_by=days(90)
    )
    alert.refresh_from_db()
    assert alert.review_by == days(90)
    assert (review.previous_review_by, review.new_review_by) == (old, days(90))


def test_review_end_ends_with_reason_and_stays_in_history(person, worker, person_client):
    alert = AlertFactory(person=person, added_by=worker)
    actions.review_alert(worker, alert, outcome="end", note="Erin has moved to day shifts.")
    alert.refresh_from_db()
    assert alert.ended_at and alert.ended_by == worker
    assert alert.end_reason == "Erin has moved to day shifts."
    assert list(Alert.objects.all()) == [alert]
    body = person_client.get(reverse("my_alerts")).content.decode()
    assert "Erin has moved to day shifts." in body and alert.wording in body
    with pytest.raises(ActionRefused):
        actions.end_alert(worker, alert, end_reason="again")


def test_end_alert_needs_a_reason(person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    with pytest.raises(ValidationError):
        actions.end_alert(worker, alert, end_reason="  ")
    actions.end_alert(worker, alert, end_reason="Not needed now.")
    assert Alert.objects.ended().get() == alert


def test_due_review_and_overdue(person, worker):
    today_due = AlertFactory(person=person, added_by=worker, review_by=TODAY())
    past = AlertFactory(person=person, added_by=worker, review_by=days(-3))
    AlertFactory(person=person, added_by=worker, review_by=days(3))
    ended = AlertFactory(person=person, added_by=worker, review_by=days(-9))
    actions.end_alert(worker, ended, end_reason="Done.")
    assert set(actions.alerts_due_review()) == {today_due, past}
    assert list(Alert.objects.overdue()) == [past]
    # Nothing drops off by itself: a month later the same alerts are still waiting.
    assert set(actions.alerts_due_review(on=days(30))) >= {today_due, past}


# --- Staff pages ---------------------------------------------------------------------


def test_add_alert_page(worker_client, person):
    url = reverse("alert_add", args=[person.pk])
    assert worker_client.get(url).status_code == 200
    response = worker_client.post(url, valid_post())
    assert response.status_code == 302
    alert = person.alerts.get()
    assert alert.reason == "Erin works nights and sleeps in the day."
    assert alert.person_told


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reason": ""}, "reason", "Say why this alert is needed, in plain words."),
        ({"reason": "   "}, "reason", "Say why this alert is needed, in plain words."),
        ({"review_by": ""}, "review_by", "Enter a review date."),
        (
            {"review_by": days(-1).isoformat()},
            "review_by",
            "The review date cannot be in the past.",
        ),
        (
            {"review_by": days(MAX_REVIEW_DAYS + 1).isoformat()},
            "review_by",
            "The review date must be within six months",
        ),
        ({"person_told": ""}, "person_told", "Say whether they have been told"),
        ({"told_how": ""}, "told_how", "Choose how they were told."),
        (
            {"person_told": "no", "told_how": ""},
            "not_told_reason",
            "Choose why they have not been told yet.",
        ),
        (
            {"person_told": "no", "not_told_reason": "legal"},
            "not_told_explanation",
            "Give a short explanation",
        ),
    ],
)
def test_add_alert_refuses_bad_input_with_clear_messages(
    worker_client, person, overrides, field, message
):
    response = worker_client.post(reverse("alert_add", args=[person.pk]), valid_post(**overrides))
    assert response.status_code == 200
    assert any(message in e for e in field_errors(response)[field])
    body = response.content.decode()
    assert "Please check the form" in body  # the summary at the top
    # which links to the input (the first option of a group of radios), so focus moves there
    assert re.search(rf'href="#id_{field}(_0)?"', body)
    assert not person.alerts.exists()


def test_six_months_ahead_is_allowed(worker_client, person):
    url = reverse("alert_add", args=[person.pk])
    response = worker_client.post(url, valid_post(review_by=days(MAX_REVIEW_DAYS).isoformat()))
    assert response.status_code == 302


def test_list_shows_current_due_and_history(worker_client, person, worker):
    AlertFactory(person=person, added_by=worker, wording="Due one", review_by=days(-2))
    AlertFactory(person=person, added_by=worker, wording="Later one", review_by=days(20))
    ended = AlertFactory(person=person, added_by=worker, wording="Old one")
    actions.end_alert(worker, ended, end_reason="Sorted now.")
    body = worker_client.get(reverse("alert_list", args=[person.pk])).content.decode()
    current, history = body.split('id="ended-heading"')
    assert current.index("Due one") < current.index("Later one")
    assert "Due for review" in current
    assert "Old one" in history and "Sorted now." in history
    assert "danger" not in body and "risk" not in body.lower()


def test_overview_shows_things_to_know_with_reason_and_review_date(worker_client, person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    body = worker_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    box = body.split("Things to know before you visit")[1].split("</section>")[0]
    assert alert.wording in box and alert.reason in box
    assert f"review by {alert.review_by:%-d %B %Y}" in box


def test_review_page_validates(worker_client, person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    url = reverse("alert_review", args=[person.pk, alert.pk])
    response = worker_client.post(url, {"outcome": "keep", "note": "ok"})
    assert "Enter a review date." in field_errors(response)["new_review_by"]
    response = worker_client.post(url, {"outcome": "end", "note": " "})
    assert field_errors(response)["note"]
    response = worker_client.post(
        url, {"outcome": "keep", "note": "ok", "new_review_by": days(200).isoformat()}
    )
    assert field_errors(response)["new_review_by"]
    response = worker_client.post(
        url, {"outcome": "end", "note": "Not needed any more.", "version": alert.version}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.end_reason == "Not needed any more."
    assert AlertReview.objects.get().outcome == "end"
    # Reviewing an ended alert sends you back to it.
    assert worker_client.get(url).status_code == 302


def test_mark_told_page(worker_client, person, untold):
    url = reverse("alert_mark_told", args=[person.pk, untold.pk])
    response = worker_client.post(url, {"told_on": days(1).isoformat(), "told_how": "phone"})
    assert "The date cannot be in the future." in field_errors(response)["told_on"]
    response = worker_client.post(
        url, {"told_on": TODAY().isoformat(), "told_how": "phone", "version": untold.version}
    )
    assert response.status_code == 302
    untold.refresh_from_db()
    assert untold.person_told and untold.told_how == "phone"
    assert worker_client.get(url).status_code == 302  # already told: back to the alert


def test_supervisor_reads_but_cannot_change(supervisor_client, person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    response_obj = AlertResponseFactory(alert=alert)
    list_url = reverse("alert_list", args=[person.pk])
    body = supervisor_client.get(list_url).content.decode()
    assert alert.wording in body
    assert "Add an alert" not in body and "Review or end" not in body
    assert (
        supervisor_client.get(reverse("alert_detail", args=[person.pk, alert.pk])).status_code
        == 200
    )
    changing = [
        reverse("alert_add", args=[person.pk]),
        reverse("alert_review", args=[person.pk, alert.pk]),
        reverse("alert_mark_told", args=[person.pk, alert.pk]),
        reverse("alert_reply", args=[person.pk, alert.pk, response_obj.pk]),
    ]
    for url in changing:
        assert supervisor_client.get(url).status_code == 404, url
        assert supervisor_client.post(url, valid_post()).status_code == 404, url
    assert Alert.objects.count() == 1


def test_alert_of_another_person_is_404_through_this_person(
    worker_client, person, other_person, other_worker
):
    theirs = AlertFactory(person=other_person, added_by=other_worker)
    for name in ("alert_detail", "alert_review", "alert_mark_told"):
        url = reverse(name, args=[person.pk, theirs.pk])
        assert worker_client.get(url).status_code == 404, name


# --- The person's own space -----------------------------------------------------------


def test_person_sees_told_alerts_with_reason_and_review_date(person_client, person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    body = person_client.get(reverse("my_alerts")).content.decode()
    assert alert.wording in body and alert.reason in body
    assert f"{alert.review_by:%-d %B %Y}" in body


def test_untold_wording_never_appears_on_person_pages(person_client, person, worker, untold):
    untold_reason, untold_explanation = untold.reason, untold.not_told_explanation
    told = AlertFactory(person=person, added_by=worker)
    pages = [reverse("home"), reverse("my_alerts"), reverse("my_alert_respond", args=[told.pk])]
    for url in pages:
        body = person_client.get(url).content.decode()
        for secret in (SECRET, untold_reason, untold_explanation):
            assert secret not in body, (url, secret)
    # They do see that an alert exists, when, and the reason category in plain words.
    body = person_client.get(reverse("my_alerts")).content.decode()
    assert "Your worker has not had the chance to tell you yet." in body
    assert person_client.get(reverse("my_alert_respond", args=[untold.pk])).status_code == 404
    response = person_client.post(
        reverse("my_alert_respond", args=[untold.pk]), {f"alert-{untold.pk}-text": "x"}
    )
    assert response.status_code == 404
    assert not untold.responses.exists()


def test_person_responds_and_worker_replies(person_client, worker_client, person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    url = reverse("my_alert_respond", args=[alert.pk])
    field = f"alert-{alert.pk}-text"
    response = person_client.post(url, {field: "   "})
    assert response.status_code == 200
    assert "Write how you see it." in response.content.decode()
    response = person_client.post(url, {field: "I only sleep in the day some weeks."})
    assert response.status_code == 302
    said = alert.responses.get()
    assert said.by == person.user

    detail = worker_client.get(reverse("alert_detail", args=[person.pk, alert.pk]))
    assert "I only sleep in the day some weeks." in detail.content.decode()
    reply_url = reverse("alert_reply", args=[person.pk, alert.pk, said.pk])
    assert worker_client.post(reply_url, {"reply": ""}).status_code == 200
    reply = {"reply": "Thanks, I will text first.", "version": alert.version}
    assert worker_client.post(reply_url, reply).status_code == 302
    said.refresh_from_db()
    assert said.replied_by == worker
    body = person_client.get(reverse("my_alerts")).content.decode()
    assert "Thanks, I will text first." in body
    # One reply, never overwritten.
    assert worker_client.get(reply_url).status_code == 302
    with pytest.raises(ActionRefused):
        actions.reply_to_response(worker, said, reply="Changed my mind")


def test_person_home_links_to_alerts(person_client):
    assert reverse("my_alerts") in person_client.get("/").content.decode()


def test_staff_cannot_use_person_pages(worker_client, person, worker):
    alert = AlertFactory(person=person, added_by=worker)
    assert worker_client.get(reverse("my_alerts")).status_code == 404
    assert worker_client.get(reverse("my_alert_respond", args=[alert.pk])).status_code == 404


# --- Caseload and supervisor -------------------------------------------------------------


def test_caseload_shows_alerts_due_for_review(worker_client, person, worker):
    AlertFactory(person=person, added_by=worker, review_by=days(-1))
    AlertFactory(person=person, added_by=worker, review_by=TODAY())
    AlertFactory(person=person, added_by=worker, review_by=days(10))
    body = worker_client.get("/").content.decode()
    assert "2 alerts due for review" in body


def test_caseload_query_count_constant_with_alerts(
    worker_client, worker, add_to_caseload, query_count
):
    for p in add_to_caseload(worker, 3):
        AlertFactory(person=p, added_by=worker, review_by=days(-1))
    small = query_count(worker_client).get("/")
    for p in add_to_caseload(worker, 30):
        AlertFactory.create_batch(2, person=p, added_by=worker, review_by=days(-1))
    large = query_count(worker_client).get("/")
    query_count.assert_same(small, large, "caseload with alerts")


def test_alert_list_query_count_is_constant(worker_client, person, worker, query_count):
    url = reverse("alert_list", args=[person.pk])
    AlertResponseFactory(alert=AlertFactory(person=person, added_by=worker))
    small = query_count(worker_client).get(url)
    for alert in AlertFactory.create_batch(10, person=person, added_by=worker):
        AlertResponseFactory(alert=alert)
        actions.end_alert(worker, alert, end_reason="Done.")
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "alert list")


def test_my_alerts_query_count_is_constant(person_client, person, worker, query_count):
    AlertResponseFactory(alert=AlertFactory(person=person, added_by=worker))
    small = query_count(person_client).get(reverse("my_alerts"))
    for alert in AlertFactory.create_batch(10, person=person, added_by=worker):
        AlertResponseFactory(alert=alert)
    AlertFactory.create_batch(3, person=person, added_by=worker, not_told=True)
    large = query_count(person_client).get(reverse("my_alerts"))
    query_count.assert_same(small, large, "my alerts")


def test_supervisor_sees_overdue_count_and_list(
    supervisor_client, person, other_person, worker, other_worker
):
    overdue = AlertFactory(person=person, added_by=worker, review_by=days(-5))
    AlertFactory(person=other_person, added_by=other_worker, review_by=days(-1))
    AlertFactory(person=person, added_by=worker, review_by=TODAY())  # due today, not overdue
    body = supervisor_client.get("/").content.decode()
    assert "2 alerts are past their review date" in body
    assert reverse("overdue_alerts") in body
    page = supervisor_client.get(reverse("overdue_alerts")).content.decode()
    assert reverse("person_detail", args=[person.pk]) in page
    assert overdue.wording not in page  # names and dates only; wording is read on the record
    assert "Erin" in page and "Frank" in page


def test_overdue_list_is_scoped_to_the_supervisors_teams(
    client_for, other_supervisor, person, worker
):
    AlertFactory(person=person, added_by=worker, review_by=days(-5))
    client = client_for(other_supervisor)
    assert "Every alert in your teams has been reviewed on time" in client.get("/").content.decode()
    assert "Erin" not in client.get(reverse("overdue_alerts")).content.decode()


def test_overdue_list_is_not_for_people_or_admins(person_client, client_for, org_admin):
    assert person_client.get(reverse("overdue_alerts")).status_code == 404
    assert client_for(org_admin).get(reverse("overdue_alerts")).status_code == 404


def test_supervisor_home_query_count_constant_with_alerts(
    supervisor_client, worker, add_to_caseload, query_count
):
    for p in add_to_caseload(worker, 2):
        AlertFactory(person=p, added_by=worker, review_by=days(-1))
    small = query_count(supervisor_client).get(reverse("overdue_alerts"))
    for p in add_to_caseload(worker, 20):
        AlertFactory(person=p, added_by=worker, review_by=days(-1))
    large = query_count(supervisor_client).get(reverse("overdue_alerts"))
    query_count.assert_same(small, large, "overdue alerts")


# --- No scores, levels or colours --------------------------------------------------------


def test_alerts_have_no_score_level_or_colour():
    names = {f.name for f in Alert._meta.get_fields()}
    assert not {n for n in names if re.search(r"score|level|priority|severity|colou?r|risk", n)}


def test_alert_templates_use_no_alarm_colours():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "templates" / "casework" / "alerts"
    for path in root.glob("*.html"):
        text = path.read_text()
        assert not re.search(r"danger|warning|text-bg-|bg-red|risk (score|level)", text), path


# --- Demo data -------------------------------------------------------------------------


def test_demo_alerts(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", people=0, stdout=StringIO())
    call_command("seed_demo", people=0, stdout=StringIO())
    alex = Alert.objects.filter(person__user__username="alex")
    assert alex.count() == 3
    told = alex.get(wording="Please call before visiting: Alex works shifts")
    assert told.person_told and told.reason
    assert alex.filter(person_told=False).current().count() == 1
    assert alex.ended().count() == 1
    chris = Alert.objects.filter(person__user__username="chris")
    assert chris.overdue().told().count() == 1
