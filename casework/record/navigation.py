"""The record's sub-navigation: which pages of a person's record this login may open.

One list, built here from the access capabilities (never from roles), and shown
by one include on every record page (``{% record_nav person "goals" %}``,
templates/casework/record/_nav.html). A new record page adds one ``Item`` to
``ITEMS``: its key, its words, its URL name and the capability it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework import access
from casework.access import Can


@dataclass(frozen=True)
class Item:
    key: str  # what a page passes as "current"
    label: str
    url_name: str  # reversed with the person's id
    need: Can = Can.READ


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url: str
    current: bool


ITEMS: tuple[Item, ...] = (
    Item("overview", _("Overview"), "person_detail"),
    Item("sessions", _("Sessions"), "note_list"),
    Item("appointments", _("Appointments"), "appointment_list"),
    Item("plan", _("Plan"), "plan"),
    Item("goals", _("Goals"), "record_goals"),
    Item("strengths", _("Strengths & circle"), "record_strengths"),
    Item("journey", _("Journey"), "strengths:journey"),
    Item("alerts", _("Alerts"), "alert_list", Can.READ_ALERTS),
    Item("account", _("Account"), "record_account"),
)


def record_links(user, person, current: str = "") -> list[Link]:
    """The pages of ``person``'s record that ``user`` may open, ``current`` marked."""
    abilities = access.capabilities(user, person)
    return [
        Link(item.key, item.label, reverse(item.url_name, args=[person.pk]), item.key == current)
        for item in ITEMS
        if item.need in abilities
    ]
