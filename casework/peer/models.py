"""The person's choice about what their peer support worker may read."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.people.models import Person, User


class PeerNoteSharingChoice(models.Model):
    """The person's choice about their peer support worker: may they read other workers'
    shared notes (``allow``), the alerts the person was told about (``alerts``), and the
    person's check-ins (``check_ins``)? Each answer is "no" unless the person says yes.

    A history, never edited: the current choice is the latest row; with no row
    the answer is "no". The access module (``casework.access``) applies it.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="peer_note_choices")
    allow = models.BooleanField(
        _("my peer supporter may read other shared session notes"), default=False
    )
    alerts = models.BooleanField(
        _("my peer supporter may read alerts I was told about"), default=False
    )
    check_ins = models.BooleanField(_("my peer supporter may read my check-ins"), default=False)
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    in_the_room = models.BooleanField(
        default=False, help_text=_("Recorded by a worker with the person there, deciding.")
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="peer_choice_person_at_idx")]

    def __str__(self):
        return (
            f"{self.person}: peer may read shared notes = {self.allow}, alerts = {self.alerts}, "
            f"check-ins = {self.check_ins} ({self.at:%Y-%m-%d})"
        )
