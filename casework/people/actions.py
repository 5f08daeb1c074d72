"""Adding a person and changing their profile: the rules and the audit live here.

Views, management commands and tests call these. Every change is logged on the
record (``access.record_change``) and every changed profile field keeps its
earlier value in ``ProfileChange``, so the person sees who changed what.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.formats import date_format

from casework import access
from casework.access import Can
from casework.common.errors import ActionRefused
from casework.common.models import voice_of
from casework.models import (
    AccessEvent,
    CaseAssignment,
    ContactMethod,
    Person,
    ProfileChange,
    SupportContext,
    Team,
    User,
)
from casework.people.assignments import log_assignment_saved

# The person's own fields: they change these themselves, and so may their workers.
PERSON_FIELDS = (
    "preferred_name",
    "pronouns",
    "about_me",
    "identity",
    "valued_roles",
    "contact_methods",
    "contact_notes",
    "language",
    "needs_interpreter",
    "accessibility_needs",
)
# Facts the service records: changed by the lead worker or a co-worker only.
SERVICE_FIELDS = ("full_name", "date_of_birth", "support_contexts")
# Where account links go: only whoever manages the person's account (issue 15, finding 3).
ACCOUNT_FIELDS = ("email",)

PROFILE_FIELDS = PERSON_FIELDS + SERVICE_FIELDS + ACCOUNT_FIELDS


def profile_fields_for(user: User, person: Person) -> tuple[str, ...]:
    """The profile fields ``user`` may change on ``person``'s record (empty: none)."""
    if access.may(user, person, Can.EDIT_MY_PROFILE):
        return PERSON_FIELDS
    if not access.may(user, person, Can.EDIT_PROFILE):
        return ()
    fields = PERSON_FIELDS + SERVICE_FIELDS
    if access.may(user, person, Can.MANAGE_ACCOUNT):
        fields += ACCOUNT_FIELDS
    return fields


def label_of(field: str) -> str:
    return str(Person._meta.get_field(field).verbose_name)


def shown(field: str, value) -> str:
    """A profile value in plain words, as the history keeps it."""
    if value in (None, "", []):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if field == "contact_methods":
        labels = dict(ContactMethod.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if field == "support_contexts":
        labels = dict(SupportContext.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


def change_profile(user: User, person: Person, values: dict, *, based_on_version: int):
    """Change ``person``'s profile to ``values`` (only the fields ``user`` may change).

    Fields missing from ``values`` are left alone. Refuses (``ActionRefused``) if
    someone else saved the profile since ``based_on_version`` was read, so neither
    edit is silently lost. Returns the ``FieldChange``s (empty: nothing changed).
    """
    allowed = profile_fields_for(user, person)
    if not allowed:
        raise ActionRefused("You cannot change this profile.")
    asked = {f: v for f, v in values.items() if f in allowed}
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.profile_version != based_on_version:
            raise ActionRefused(
                "Someone else changed this profile while you were editing it. "
                "Their changes are shown below; check yours and save again."
            )
        # The history is kept in the service's language (English), whoever made the
        # change and whatever language their pages were in: it is read by both sides.
        with translation.override(settings.LANGUAGE_CODE):
            changes = [
                FieldChange(f, label_of(f), shown(f, getattr(current, f)), shown(f, v))
                for f, v in asked.items()
                if getattr(current, f) != v
            ]
        if not changes:
            return []
        for change in changes:
            setattr(current, change.field, asked[change.field])
        current.full_clean(exclude=["organisation", "team", "user"])
        current.profile_version = F("profile_version") + 1
        current.save(update_fields=[c.field for c in changes] + ["profile_version"])
        _keep_history(user, current, changes)
    current.refresh_from_db()
    for field in [c.field for c in changes] + ["profile_version"]:
        setattr(person, field, getattr(current, field))
    return changes


def _keep_history(user: User, person: Person, changes: list[FieldChange]) -> None:
    voice = voice_of(user, person)
    ProfileChange.objects.bulk_create(
        ProfileChange(
            person=person,
            changed_by=user,
            voice=voice,
            field=c.field,
            label=c.label,
            before=c.before,
            after=c.after,
        )
        for c in changes
    )
    what = ", ".join(c.label for c in changes)
    access.record_change(user, person, f"their profile ({what})"[:200])


# --- Adding a person -------------------------------------------------------------------


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", name.casefold())


def names_are_similar(a: str, b: str) -> bool:
    """Two names that may be the same person: same words, same first and last word,
    or close spelling ("Jon Smith" and "John Smith")."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if wa == wb or (wa[0] == wb[0] and wa[-1] == wb[-1]):
        return True
    return SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio() >= 0.8


def possible_duplicates(
    organisation,
    *,
    preferred_name: str,
    full_name: str = "",
    date_of_birth: datetime.date | None = None,
    email: str = "",
    limit: int = 20,
) -> list[Person]:
    """People already in ``organisation`` who may be this person: the same email, or
    the same date of birth and a similar name (either name against either name)."""
    match = Q()
    if date_of_birth:
        match |= Q(date_of_birth=date_of_birth)
    if email:
        match |= Q(email__iexact=email.strip())
    if not match:
        return []
    new_names = [n for n in (preferred_name, full_name) if n]
    found = []
    # Every candidate is compared (a common date of birth can match many people);
    # only the list shown is limited.
    for other in Person.objects.filter(organisation=organisation).filter(match).iterator():
        same_email = email and other.email.casefold() == email.strip().casefold()
        names = [n for n in (other.preferred_name, other.full_name) if n]
        similar = any(names_are_similar(a, b) for a in new_names for b in names)
        if same_email or (date_of_birth and other.date_of_birth == date_of_birth and similar):
            found.append(other)
            if len(found) == limit:
                break
    return found


def record_duplicate_check(user: User, people: list[Person]) -> None:
    """Log on each matched record that it was shown as a possible duplicate."""
    for other in people:
        access.record_access(
            user,
            other,
            AccessEvent.Action.VIEWED,
            "a check for a second record (name, date of birth or email matched)",
        )


@transaction.atomic
def add_person(creator: User, *, team: Team, lead_worker: User, **profile) -> Person:
    """Add a new person to ``team`` with ``lead_worker`` as their lead worker.

    ``creator`` must be allowed to add people to ``team``, and ``lead_worker``
    must be one of its practitioners (``access.lead_worker_choices``).
    """
    if not access.teams_that_may_add_people(creator).filter(pk=team.pk).exists():
        raise ActionRefused("You cannot add people to this team.")
    if not access.lead_worker_choices([team]).filter(user=lead_worker).exists():
        raise ActionRefused("The lead worker must be a practitioner in the team.")
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise ActionRefused(f"Not a profile field: {', '.join(sorted(unknown))}")
    person = Person(organisation=team.organisation, team=team, **profile)
    person.full_clean(exclude=["user"])
    person.save()
    assignment = CaseAssignment(person=person, worker=lead_worker, role=CaseAssignment.Role.LEAD)
    assignment.full_clean()
    assignment.save()
    access.record_change(creator, person, f"their record: added to {team.name}")
    log_assignment_saved(creator, None, assignment)
    return person
