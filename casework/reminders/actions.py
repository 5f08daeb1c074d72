"""Changes to reminders: the person's choice, logged like every change to a record."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from casework.access import record_change
from casework.people.models import Person, User
from casework.reminders.models import ReminderPreference


def preference_for(person: Person) -> ReminderPreference:
    """The person's choice, or an unsaved "no reminders" one (email from their profile)."""
    existing = ReminderPreference.objects.filter(person=person).first()
    return existing or ReminderPreference(person=person, email=person.email)


@transaction.atomic
def save_reminder_choice(person: Person, user: User, form) -> ReminderPreference:
    """Save the person's reminder choice from a valid ``ReminderPreferenceForm``."""
    preference = form.save(commit=False)
    preference.person = person
    preference.updated_at = timezone.now()
    preference.save()
    # The access log is kept in the service's language, whatever the person's pages are in.
    with translation.override(settings.LANGUAGE_CODE):
        channel = str(preference.get_channel_display()).lower()
    record_change(user, person, f"their reminder choice ({channel})")
    return preference
