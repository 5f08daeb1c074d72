"""Check-ins: how the person is doing, in a few taps, between sessions."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.people.models import Person, User

# A check-in that asks for a worker soon: "Really struggling", or "I'd like to talk".
URGENT = Q(feeling=1) | Q(wants_to_talk=True)


class CheckIn(models.Model):
    """How the person is doing between sessions, in their words, for their workers."""

    class Feeling(models.IntegerChoices):
        STRUGGLING = 1, _("Really struggling")
        NOT_GREAT = 2, _("Not so good")
        OKAY = 3, _("Okay")
        GOOD = 4, _("Good")
        REALLY_GOOD = 5, _("Really good")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="check_ins")
    feeling = models.PositiveSmallIntegerField(_("how I'm doing"), choices=Feeling.choices)
    words = models.TextField(_("anything you want to say"), max_length=2000, blank=True)
    wants_to_talk = models.BooleanField(_("I'd like to talk to my worker soon"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)
    seen_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="check_ins_seen"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "seen_at"], name="checkin_person_seen_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(feeling__gte=1, feeling__lte=5), name="checkin_feeling_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_feeling_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def seen_in_words(self) -> str:
        """For the person: "Sam has seen this at 21:04" (with the day if not today)."""
        if self.seen_at is None:
            return gettext("Not seen yet.")
        who = (
            (self.seen_by.first_name or self.seen_by.display_name())
            if self.seen_by
            else gettext("A worker")
        )
        seen = timezone.localtime(self.seen_at)
        words = {"who": who, "time": f"{seen:%H:%M}", "day": date_format(seen, "j F")}
        if seen.date() == timezone.localdate():
            return gettext("%(who)s has seen this at %(time)s.") % words
        return gettext("%(who)s has seen this at %(time)s on %(day)s.") % words

    @property
    def is_urgent(self) -> bool:
        return self.feeling == self.Feeling.STRUGGLING or self.wants_to_talk
