"""Alerts on a person's record, for staff; and the person's own view of them.

Staff pages declare what they need (``Can.READ_ALERTS`` or
``Can.MANAGE_ALERTS``: supervisors and peer supporters read only and get a 404
on every changing view), get the person through ``get_person_for``, then reach
alerts through the person: ``person.alerts``. The person's pages
get their own record through ``get_own_person`` and reach only the alerts they
have been told about.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework import access
from casework.access import Can, get_own_person, get_person_for, signed_in_as_for
from casework.alerts import actions
from casework.alerts.forms import AlertForm, ReplyForm, ResponseForm, ReviewForm, ToldForm
from casework.alerts.models import Alert, AlertResponse, AlertReview
from casework.common.concurrency import EditConflict, conflict_response
from casework.common.errors import ActionRefused, show_refusal
from casework.common.forms import posted
from casework.models import CaseAssignment

WHAT = "their alerts"


def _list_url(person):
    return reverse("alert_list", args=[person.pk])


def _detail_url(alert):
    return reverse("alert_detail", args=[alert.person_id, alert.pk])


def _can_write(request, person) -> bool:
    return access.may(request.user, person, Can.MANAGE_ALERTS)


@access.reads(Can.READ_ALERTS)
def alert_list(request, person_id):
    person = get_person_for(request, person_id, what=WHAT)
    alerts = list(
        access.alerts_visible_to(request.user, person)
        .select_related("added_by", "ended_by")
        .annotate(response_count=Count("responses"))
        # Said again: Django leaves a model's default ordering off a query with GROUP BY,
        # and PostgreSQL's order then follows its plan.
        .order_by("review_by", "id")
    )
    current = [a for a in alerts if a.is_current]
    ended = sorted((a for a in alerts if not a.is_current), key=lambda a: a.ended_at, reverse=True)
    return render(
        request,
        "casework/alerts/list.html",
        {
            "person": person,
            "current": current,
            "ended": ended,
            "today": timezone.localdate(),
            "can_write": _can_write(request, person),
        },
    )


@access.reads(Can.READ_ALERTS)
def alert_detail(request, person_id, alert_id):
    person = get_person_for(request, person_id, what=WHAT)
    alert = get_object_or_404(
        access.alerts_visible_to(request.user, person)
        .select_related("added_by", "told_by", "ended_by")
        .prefetch_related(
            Prefetch("reviews", queryset=AlertReview.objects.select_related("reviewed_by")),
            Prefetch("responses", queryset=AlertResponse.objects.select_related("replied_by")),
        ),
        pk=alert_id,
    )
    return render(
        request,
        "casework/alerts/detail.html",
        {
            "person": person,
            "alert": alert,
            "today": timezone.localdate(),
            "can_write": _can_write(request, person),
        },
    )


@access.form_page(Can.MANAGE_ALERTS)
def alert_add(request, person_id):
    person = get_person_for(request, person_id, what=WHAT)
    form = AlertForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_alert(request.user, person, **_alert_fields(form.cleaned_data))
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The alert has been added."))
            return redirect(_list_url(person))
    return _form_page(
        request,
        person,
        form,
        title=_("Add an alert"),
        intro=_(
            "Use an alert only for something staff must know before they open this record "
            "or visit. Every alert needs a reason and a review date."
        ),
        submit=_("Add the alert"),
    )


def _alert_fields(data):
    return {name: data[name] for name in AlertForm.Meta.fields}


@access.form_page(Can.MANAGE_ALERTS)
def alert_review(request, person_id, alert_id):
    person = get_person_for(request, person_id, what=WHAT)
    alert = get_object_or_404(person.alerts, pk=alert_id)
    if not alert.is_current:
        messages.info(request, _("This alert has already ended, so there is nothing to review."))
        return redirect(_detail_url(alert))
    form = ReviewForm(posted(request), versioned_by=alert)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.review_alert(
                request.user,
                alert,
                outcome=data["outcome"],
                note=data["note"],
                new_review_by=data.get("new_review_by"),
                based_on_version=form.based_on_version,
            )
        except EditConflict as conflict:
            return _conflict(request, person, form, conflict, ReviewForm, _latest_review)
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your review has been saved."))
            return redirect(_list_url(person))
    return _form_page(
        request,
        person,
        form,
        alert=alert,
        title=_("Review or end this alert"),
        intro=_(
            "Keep the alert with a new review date, or end it. Ended alerts stay in the "
            "history, with your reason."
        ),
        submit=_("Save the review"),
    )


@access.form_page(Can.MANAGE_ALERTS)
def alert_mark_told(request, person_id, alert_id):
    person = get_person_for(request, person_id, what=WHAT)
    alert = get_object_or_404(person.alerts, pk=alert_id)
    if alert.person_told:
        messages.info(
            request,
            _("%(person)s has already been told about this alert.")
            % {"person": person.preferred_name},
        )
        return redirect(_detail_url(alert))
    form = ToldForm(posted(request), instance=alert)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.mark_told(
                request.user,
                alert,
                told_on=data["told_on"],
                told_how=data["told_how"],
                based_on_version=form.based_on_version,
            )
        except EditConflict as conflict:
            return _conflict(request, person, form, conflict, ToldForm, _as_told)
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Saved. %(person)s can now see this alert in their space.")
                % {"person": person.preferred_name},
            )
            return redirect(_detail_url(alert))
    return _form_page(
        request,
        person,
        form,
        alert=alert,
        title=_("Record that %(person)s has been told") % {"person": person.preferred_name},
        intro=_(
            "Once saved, %(person)s can read this alert, its reason and its review date in their own space, and say if they see it differently."
        )
        % {"person": person.preferred_name},
        submit=_("Save"),
    )


@access.form_page(Can.MANAGE_ALERTS)
def alert_reply(request, person_id, alert_id, response_id):
    person = get_person_for(request, person_id, what=WHAT)
    alert = get_object_or_404(person.alerts, pk=alert_id)
    response = get_object_or_404(alert.responses, pk=response_id)
    if response.replied_at is not None:
        messages.info(request, _("This response already has a reply."))
        return redirect(_detail_url(alert))
    form = ReplyForm(posted(request), instance=response, versioned_by=alert)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reply_to_response(
                request.user,
                response,
                reply=form.cleaned_data["reply"],
                based_on_version=form.based_on_version,
            )
        except EditConflict as conflict:
            return _conflict(
                request, person, form, conflict, ReplyForm, lambda _alert: _as_replied(response)
            )
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your reply has been saved. %(person)s can read it.")
                % {"person": person.preferred_name},
            )
            return redirect(_detail_url(alert))
    return _form_page(
        request,
        person,
        form,
        alert=alert,
        response=response,
        title=_("Reply to %(person)s") % {"person": person.preferred_name},
        intro=_("%(person)s can read your reply next to what they wrote.")
        % {"person": person.preferred_name},
        submit=_("Send the reply"),
    )


# --- Two changes to one alert at once -----------------------------------------


@dataclass
class _Saved:
    """What the other change saved, under the losing form's field names."""

    values: dict
    by: object
    at: object

    def __getattr__(self, name):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def _latest_review(alert):
    review = alert.reviews.select_related("reviewed_by").order_by("-at", "-id").first()
    if review is None:  # changed some other way (told, a reply): show the alert's own date
        return _Saved({"new_review_by": alert.review_by}, None, None)
    values = {"outcome": review.outcome, "new_review_by": review.new_review_by, "note": review.note}
    return _Saved(values, review.reviewed_by, review.at)


def _as_told(alert):
    values = {"told_on": alert.told_on, "told_how": alert.told_how}
    return _Saved(values, alert.told_by, alert.told_on)


def _as_replied(response):
    response.refresh_from_db()
    return _Saved({"reply": response.reply}, response.replied_by, response.replied_at)


def _conflict(request, person, form, conflict, form_class, saved_of):
    """The 409 screen: another member of staff changed this alert since the form opened."""
    alert = conflict.current()
    saved = saved_of(alert)
    # The form offered again: a review is new each time; "told" is about the alert as
    # saved now; a reply is about the response (refreshed by ``_as_replied``).
    kwargs = {ReviewForm: {}, ToldForm: {"instance": alert}}.get(
        form_class, {"instance": form.instance}
    )
    return conflict_response(
        request,
        form,
        saved,
        offer=lambda initial: form_class(initial=initial, versioned_by=alert, **kwargs),
        what="this alert",
        saved_by=saved.by,
        saved_at=saved.at,
        action_url=request.path,
        cancel_url=_detail_url(alert),
        version=alert.version,
        person=person,
        history_url=_detail_url(alert),
    )


def _form_page(request, person, form, *, title, intro, submit, alert=None, response=None):
    return render(
        request,
        "casework/alerts/form.html",
        {
            "person": person,
            "form": form,
            "alert": alert,
            "response": response,
            "title": title,
            "intro": intro,
            "submit": submit,
            "cancel_url": _detail_url(alert) if alert else _list_url(person),
        },
    )


@require_safe
def overdue_alerts(request):
    """Alerts past their review date among the people this member of staff may read.

    Shows names and dates only: the wording is read on each person's own
    alert page, where the view is logged for that person.
    """
    if signed_in_as_for(request).kind not in ("worker", "supervisor"):
        raise Http404("No such page.")
    alerts = (
        actions.alerts_overdue_for(request.user)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "person__assignments",
                queryset=_active_assignments(),
                to_attr="active_assignments",
            )
        )
        .order_by("review_by", "id")
    )
    return render(
        request,
        "casework/alerts/overdue.html",
        {"alerts": alerts, "today": timezone.localdate()},
    )


def _active_assignments():
    return CaseAssignment.objects.active().select_related("worker")


# --- The person's own space -------------------------------------------------


@access.reads()
def my_alerts(request):
    person = get_own_person(request, what="your alerts")
    told = list(
        person.alerts.told()
        .select_related("added_by")
        .prefetch_related(
            Prefetch("responses", queryset=AlertResponse.objects.select_related("replied_by"))
        )
    )
    for alert in told:
        alert.response_form = ResponseForm(prefix=f"alert-{alert.pk}")
    current = [a for a in told if a.is_current]
    ended = [a for a in told if not a.is_current]
    # Only the date and the reason category of alerts they have not been told
    # about: never the wording, the reason or the staff explanation.
    not_told = person.alerts.filter(person_told=False).values("added_at", "not_told_reason")
    return render(
        request,
        "casework/alerts/my_alerts.html",
        {
            "person": person,
            "current": current,
            "ended": ended,
            "not_told": [
                {
                    "added_at": a["added_at"],
                    "why": Alert.NOT_TOLD_FOR_THE_PERSON[a["not_told_reason"]],
                }
                for a in not_told
            ],
        },
    )


@access.form_page(Can.RESPOND_TO_ALERTS)
def my_alert_respond(request, alert_id):
    person = get_own_person(request, what="your alerts")
    alert = get_object_or_404(person.alerts.told(), pk=alert_id)
    form = ResponseForm(posted(request), prefix=f"alert-{alert.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            actions.respond_to_alert(request.user, alert, text=form.cleaned_data["text"])
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Thank you. Your worker can now read how you see it."))
            return redirect(reverse("my_alerts") + f"#alert-{alert.pk}")
    return render(
        request,
        "casework/alerts/respond.html",
        {"person": person, "alert": alert, "form": form},
    )
