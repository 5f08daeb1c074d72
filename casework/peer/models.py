"""The person's choice about what their peer support worker may read."""

from django.db import models
from django.utils import timezone

from casework.people.models import Person, User


class PeerNoteSharingChoice(models.Model):
    """The person's choice: may their peer support worker read other workers' shared notes?

    A history, never edited: the current choice is the latest row; with no row
    the answer is "no". The access module (``casework.access``) applies it.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="peer_note_choices")
    allow = models.BooleanField(
        "my peer supporter may read other shared session notes", default=False
    )
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    in_the_room = models.BooleanField(
        default=False, help_text="Recorded by a worker with the person there, deciding."
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="peer_choice_person_at_idx")]

    def __str__(self):
        return f"{self.person}: peer may read shared notes = {self.allow} ({self.at:%Y-%m-%d})"
