"""The person's own space: pages under /me/, for the signed-in person only.

No URL here carries a record id: ``get_own_person`` finds the record through
the login. A closed case stays readable for ``Person.ONLINE_AFTER_CLOSING``;
after that every page says how to ask for a copy instead (the access module
raises ``RecordNotOnline``; the middleware shows that page).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from casework import access
from casework.access import Can, get_own_person
from casework.accounts.forms import CheckInForm
from casework.appointments.reads import upcoming_for_person
from casework.checkins.actions import latest_urgent_check_in, record_check_in
from casework.export import record as record_export
from casework.handover.reads import latest_for_person
from casework.models import AccessEvent, Person
from casework.notes.models import SETS_NEXT_CONTACT
from casework.space.help_now import worker_status
from casework.space.whats_new import actor_name, describe_access, others_events, whats_new

StrOrPromise = str | Promise
PAGE_SIZE = 25
HOME_APPOINTMENTS = 3
SINCE_KEY = "me_new_since"


@dataclass(frozen=True)
class SpaceLink:
    url_name: str
    title: StrOrPromise
    description: StrOrPromise


# Every page of the person's space, as listed on their home page. Notes, goals
# and the plan add theirs here at merge.
MY_SPACE_LINKS = [
    SpaceLink(
        "me_profile",
        _("My profile"),
        _("Your name, pronouns, how to contact you and what helps you. Change your own parts."),
    ),
    SpaceLink(
        "me_appointments",
        _("My appointments"),
        _("When and where you meet your worker. Ask for a change if you cannot make one."),
    ),
    SpaceLink("me_plan", _("My recovery plan"), _("Read and change your plan, in your own words.")),
    SpaceLink(
        "me_notes",
        _("Notes shared with me"),
        _("Read what your worker wrote about your meetings, and add your own view."),
    ),
    SpaceLink("me_goals", _("My goals"), _("What you want for your life, and how it is going.")),
    SpaceLink(
        "me_strengths", _("My strengths"), _("What you are good at, and good things around you.")
    ),
    SpaceLink(
        "me_circle",
        _("My circle of support"),
        _("The people who support you, and how much you want each one involved."),
    ),
    SpaceLink("me_setbacks", _("My setbacks"), _("Hard times, what helped and what you learned.")),
    SpaceLink("me_check_in", _("Check in"), _("Tell your worker how you are doing.")),
    SpaceLink(
        "me_handover",
        _("A change of worker"),
        _("If your worker changes: who your new worker is, what was passed on, and how you feel."),
    ),
    SpaceLink(
        "me_access_log",
        _("Who has seen my record"),
        _("See who has looked at or changed your record."),
    ),
    SpaceLink(
        "me_who_can_see",
        _("Who can see my record"),
        _("The people who work with you, and what each of them can see."),
    ),
    SpaceLink(
        "me_peer_sharing",
        _("What my peer support worker can see"),
        _("Choose if your peer support worker can read your other session notes."),
    ),
    SpaceLink(
        "me_reminders",
        _("My reminders"),
        _("Choose how and when we remind you of appointments, and see every message sent."),
    ),
    SpaceLink(
        "me_download", _("Download my record"), _("Get a copy of everything we hold about you.")
    ),
    SpaceLink(
        "my_alerts",
        _("Alerts on my record"),
        _(
            "What staff are asked to know about you, and why. You can say if you see it differently."
        ),
    ),
]


def next_appointment(person: Person):
    """The next contact from the latest note that set one, if it is still ahead; else ``None``.

    A note that left the date empty changed nothing; "no next contact planned" clears it.
    """
    latest = (
        person.notes.filter(SETS_NEXT_CONTACT)
        .order_by("-happened_at", "-id")
        .values("next_contact_on")
        .first()
    )
    if latest and latest["next_contact_on"] and latest["next_contact_on"] >= timezone.localdate():
        return latest["next_contact_on"]
    return None


def _since_last_visit(request, person: Person):
    """When the person last looked, fixed for this sign-in so a reload keeps the list."""
    if SINCE_KEY in request.session:
        value = request.session[SINCE_KEY]
        return parse_datetime(value) if value else None
    since = person.last_seen_at
    request.session[SINCE_KEY] = since.isoformat() if since else ""
    # ``person`` came from get_own_person; save just this one field.
    person.last_seen_at = timezone.now()
    person.save(update_fields=["last_seen_at"])
    return since


def _urgent_status(person: Person) -> dict:
    """The person's latest urgent check-in and, while unseen, when their worker will see it."""
    urgent = latest_urgent_check_in(person)
    waiting = urgent is not None and urgent.seen_at is None and not person.is_closed
    return {"urgent": urgent, "worker_status": worker_status(person) if waiting else ""}


@access.reads()
def me_home(request):
    person = get_own_person(request, what="your home page")
    since = _since_last_visit(request, person)
    appointments = upcoming_for_person(person, limit=HOME_APPOINTMENTS)
    return render(
        request,
        "casework/me/home.html",
        {
            "person": person,
            "since": since,
            "whats_new": whats_new(person, since),
            # A note's bare "next contact" date shows only when nothing is booked.
            "next_appointment": None if appointments else next_appointment(person),
            "appointments": appointments,
            "may_ask": access.may(request.user, person, Can.ASK_TO_REARRANGE),
            "links": MY_SPACE_LINKS,
            "handover": latest_for_person(person),
            # The plan marks its staying-well section (no query here for it).
            "staying_well_url": reverse("me_plan") + "#staying-well",
            **_urgent_status(person),
        },
    )


@access.reads()
def access_log(request):
    person = get_own_person(request, what="the list of who has seen your record")
    include_mine = request.GET.get("mine") == "1"
    events = AccessEvent.objects.filter(person=person) if include_mine else others_events(person)
    rows = events.order_by("-at", "-id").values(
        "at",
        "action",
        "what",
        "acting_role",
        "actor_id",
        "actor__first_name",
        "actor__last_name",
        "actor__username",
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = {value: str(label) for value, label in AccessEvent.Action.choices}
    entries = []
    for r in page:
        action = labels.get(r["action"], r["action"])
        if person.user_id and r["actor_id"] == person.user_id:
            text = f"You {action} {r['what']}"
        else:
            name = actor_name(r["actor__first_name"], r["actor__last_name"], r["actor__username"])
            text = describe_access(name, r["acting_role"], action, r["what"])
        entries.append({"at": r["at"], "text": text, "action": r["action"]})
    return render(
        request,
        "casework/me/access_log.html",
        {
            "person": person,
            "page": page,
            "entries": entries,
            "include_mine": include_mine,
            "query": "mine=1" if include_mine else "",
        },
    )


@access.reads()
def download(request):
    person = get_own_person(request, what="your whole record (printable page)")
    sections = []
    for fn in record_export.SECTIONS:
        data = fn(person)
        if not isinstance(data, dict | list):
            data = list(data)
        sections.append({"key": fn.key, "title": fn.title, "template": fn.template, "data": data})
    return render(
        request,
        "casework/me/download.html",
        {"person": person, "sections": sections, "today": timezone.localdate()},
    )


@access.reads()
@never_cache
def download_json(request):
    person = get_own_person(request, what="your whole record (download)")
    response = StreamingHttpResponse(
        record_export.stream_file(person), content_type="application/json; charset=utf-8"
    )
    filename = f"my-record-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access.form_page(Can.CHECK_IN)
def check_in(request):
    person = get_own_person(request, what="your check-ins")
    can_check_in = access.may(request.user, person, Can.CHECK_IN)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = record_check_in(person, **form.cleaned_data)
        if saved.is_urgent:
            # Straight to their own plan and the numbers, scrolled past the header.
            return redirect(reverse("me_help_now") + "#main")
        if saved.wants_to_talk:
            messages.success(
                request, gettext_now("Thank you. Your worker will see this and get in touch soon.")
            )
        else:
            messages.success(
                request, gettext_now("Thank you. Your worker will see how you are doing.")
            )
        return redirect("me_check_in")
    recent = person.check_ins.select_related("seen_by")[:5]
    return render(
        request,
        "casework/me/check_in.html",
        {"person": person, "form": form, "recent": recent, "can_check_in": can_check_in},
    )
