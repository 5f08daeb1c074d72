"""The person's own login: invitation links staff make for them."""

from django.db import models
from django.utils import timezone

from casework.people.models import Person, User


class AccountInvitation(models.Model):
    """A one-time link that lets a person set up (or reset) their own login.

    Only a SHA-256 hash of the token is stored: the link is shown to the worker
    once and cannot be read back from the database.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="invitations_created"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    emailed_to = models.EmailField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Invitation for {self.person} ({self.created_at:%Y-%m-%d})"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now
