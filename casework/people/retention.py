"""Retention: a closed case's record is removed once its retention period has passed.

Closing a case (``Person.status`` closed, ``closed_on`` the day support ended)
starts the period: ``settings.RETENTION_YEARS`` whole years. After it, with
``settings.RETENTION_ACTION``:

* ``delete`` (the default): every row of the person's record is deleted, found
  by following every foreign key into the record from the person (notes and
  addenda, the story, the plan and its history, alerts, check-ins, invitations,
  kept versions...), so a table added later is covered without changing this
  module. The person's login is switched off and its name and email cleared.
* ``anonymise``: the person row's identifying fields, the profile's change
  history (it holds earlier names and addresses), invitations, the login, and
  contact details that other models declare (``RETENTION_ANONYMISE``: the
  reminder choices and the person's calendar links are deleted; the addresses
  in the log of messages sent, appointments' places and the place changes in
  their history are blanked) are cleared; the rest of the record stays. Free text can still name someone, so
  this is for services whose records policy asks to keep de-identified records.

Either way two things stay, on purpose:

* A stub of the person row (id, organisation, team, closed dates, when retention
  was applied): the access log points at it.
* The access log (``AccessEvent``), append-only down to database triggers. It
  holds ids, roles, times and plain words for the part of the record ("a session
  note"), no record content, and it is the evidence of who looked at a record:
  it is kept, with one more entry saying the record was removed. There is
  therefore no path around the triggers at all.

Append-only history in the record itself (plan revisions, agreements) is
refused by the models, not the database; this module deletes it with plain SQL
after the period ends, which is the one place that may.

Dry run by default: ``apply_retention()`` says what it would do; only
``apply=True`` changes anything. It logs counts and internal ids only.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from casework.accounts.models import AccountInvitation
from casework.people.models import AccessEvent, Person, ProfileChange

log = logging.getLogger("casework.retention")

DELETE, ANONYMISE = "delete", "anonymise"
# What the stub of the person row keeps: what the access log and the counts need.
STUB_FIELDS = {
    "id",
    "organisation",
    "team",
    "status",
    "closed_on",
    "created_at",
    "profile_version",
    "retention_applied_at",
}
_CHUNK = 500


@dataclasses.dataclass
class RetentionSummary:
    """What a retention run did (or, on a dry run, would do): ids and counts only."""

    applied: bool
    action: str
    years: int
    cutoff: datetime.date
    people: list[int]
    rows: dict[str, int]
    closed_without_date: int

    def lines(self) -> list[str]:
        verb = "Removed" if self.applied else "Would remove"
        lines = [
            f"{'Applied' if self.applied else 'Dry run (nothing changed; --apply to act)'}: "
            f"{self.action} records of cases closed on or before {self.cutoff:%Y-%m-%d} "
            f"({self.years} years).",
            f"{verb} {len(self.people)} records"
            + (f": person ids {', '.join(map(str, self.people))}." if self.people else "."),
        ]
        lines += [f"  {label}: {count} rows" for label, count in sorted(self.rows.items())]
        if self.closed_without_date:
            lines.append(
                f"{self.closed_without_date} closed cases have no closing date and are not "
                "counted: add the date support ended."
            )
        return lines


def retention_cutoff(today: datetime.date, years: int) -> datetime.date:
    """The last closing day whose retention period has ended by ``today``."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February, in a year without one
        return today.replace(year=today.year - years, day=28)


def due_for_retention(today: datetime.date, years: int):
    return Person.objects.filter(
        status=Person.Status.CLOSED,
        closed_on__lte=retention_cutoff(today, years),
        retention_applied_at__isnull=True,
    ).order_by("pk")


def apply_retention(
    now: datetime.datetime | None = None,
    apply: bool = False,
    *,
    years: int | None = None,
    action: str | None = None,
) -> RetentionSummary:
    """Remove (or, dry run, count) the records whose retention period has ended.

    Each person is done in its own transaction, so a failure part-way leaves
    every record either untouched or fully done; a second run picks up the rest.
    """
    now = now or timezone.now()
    years = years or settings.RETENTION_YEARS
    action = action or settings.RETENTION_ACTION
    if action not in (DELETE, ANONYMISE):
        raise ValueError(f"Unknown retention action {action!r}.")
    today = timezone.localdate(now)
    people = list(due_for_retention(today, years).values_list("pk", flat=True))
    totals: dict[str, int] = defaultdict(int)
    for person_id in people:
        with transaction.atomic():
            rows = _rows_to_remove(person_id, action)
            for model, pks in rows.items():
                totals[model._meta.label] += len(pks)
            if apply:
                _remove(person_id, rows, action, now)
    summary = RetentionSummary(
        applied=apply,
        action=action,
        years=years,
        cutoff=retention_cutoff(today, years),
        people=people,
        rows=dict(totals),
        closed_without_date=Person.objects.filter(
            status=Person.Status.CLOSED, closed_on__isnull=True
        ).count(),
    )
    log.info(
        "retention %s: action=%s cutoff=%s people=%d ids=%s rows=%s",
        "applied" if apply else "dry run",
        action,
        summary.cutoff,
        len(people),
        people,
        summary.rows,
    )
    return summary


def _rows_to_remove(person_id: int, action: str) -> dict[type[models.Model], set]:
    if action == ANONYMISE:
        # The profile's history, invitations, and any model of the record that declares
        # it holds only contact details (``RETENTION_ANONYMISE = "delete"``).
        rows = {
            model: pks
            for model, pks in record_rows(person_id).items()
            if getattr(model, "RETENTION_ANONYMISE", None) == "delete"
        }
        rows[ProfileChange] = set(
            ProfileChange.objects.filter(person_id=person_id).values_list("pk", flat=True)
        )
        rows[AccountInvitation] = set(
            AccountInvitation.objects.filter(person_id=person_id).values_list("pk", flat=True)
        )
        return rows
    return record_rows(person_id)


def _clear_contact_fields(person_id: int) -> None:
    """Anonymise: blank the fields a model of the record declares as contact details.

    A model lists them as ``RETENTION_ANONYMISE = ("address", ...)`` (the reminders'
    log keeps where each message went), so a later table is covered by declaring it.
    """
    for model, pks in record_rows(person_id).items():
        fields = getattr(model, "RETENTION_ANONYMISE", None)
        if isinstance(fields, tuple) and fields:
            model._base_manager.filter(pk__in=pks).update(**dict.fromkeys(fields, ""))


def record_rows(person_id: int) -> dict[type[models.Model], set]:
    """Every row that belongs to a person's record, by model, except the access log.

    Follows every foreign key that points into the record (hidden ones too: kept
    versions, many-to-many links), from the person outwards.
    """
    found: dict[type[models.Model], set] = defaultdict(set)
    todo = [(Person, {person_id})]
    while todo:
        model, pks = todo.pop()
        for relation in _relations_into(model):
            related = relation.related_model
            new = set(
                related._base_manager.filter(**{f"{relation.field.name}__in": pks})
                .exclude(pk__in=found[related])
                .values_list("pk", flat=True)
            )
            if new:
                found[related] |= new
                todo.append((related, new))
    return {model: pks for model, pks in found.items() if pks}


def _relations_into(model):
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created
        and not f.concrete
        and (f.one_to_many or f.one_to_one)
        and f.related_model is not AccessEvent
    ]


def _remove(person_id: int, rows, action: str, now: datetime.datetime) -> None:
    # Plain SQL: the models refuse to delete their own history, and this is the
    # one place that may, once the period has ended. Foreign keys are checked at
    # commit (both databases create them deferrable), so the order does not matter.
    with connection.cursor() as cursor:
        for model, pks in rows.items():
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.pk.column)
            pks = sorted(pks)
            for start in range(0, len(pks), _CHUNK):
                chunk = pks[start : start + _CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)  # noqa: S608 - names from the models
    if action == ANONYMISE:
        _clear_contact_fields(person_id)
    person = Person.objects.select_related("user").get(pk=person_id)
    _switch_off_login(person.user)
    _clear_person(person, now)
    AccessEvent.objects.create(
        person=person,
        actor=None,
        action=AccessEvent.Action.CHANGED,
        what=f"the whole record ({'deleted' if action == DELETE else 'anonymised'} "
        "after the retention period)",
        acting_role="retention",
        at=now,
    )


def _clear_person(person: Person, now: datetime.datetime) -> None:
    for field in Person._meta.concrete_fields:
        if field.name not in STUB_FIELDS:
            setattr(person, field.attname, field.get_default())
    person.preferred_name = f"Record {person.pk}"
    person.retention_applied_at = now
    person.save()


def _switch_off_login(user) -> None:
    if user is None:
        return
    user.username = f"removed-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
