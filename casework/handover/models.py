"""A handover: one person's work passed from a worker who changes or leaves to a new one.

The handover does not copy the record: it points at the two assignments it
changed (the old one, given an end date; the new one, starting on the day the
new worker takes over) and keeps what only the handover has: the outgoing
worker's note to the person, when the new worker read it, and the person's own
words about the change. The summary the new worker reads is generated from the
record when it is opened (``casework.handover.summary``), so nothing is
duplicated and nothing goes stale.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.common.models import AppendOnlyModel
from casework.notes.models import SessionNote
from casework.people.models import CaseAssignment, Person

NOTE_LIMIT = 2000
RESPONSE_LIMIT = 2000


class HandoverQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Handover.Status.PENDING)

    def done(self):
        return self.filter(status=Handover.Status.DONE)


class Handover(models.Model):
    """One person's assignment handed from ``from_worker`` to ``to_worker``."""

    class Status(models.TextChoices):
        # Pending until the new worker has read the handover on the record.
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="handovers")
    # One handover per assignment, ever: two supervisors handing over the same
    # person at once cannot both succeed (the database refuses the second).
    old_assignment = models.OneToOneField(
        CaseAssignment, on_delete=models.PROTECT, related_name="handed_over_in"
    )
    new_assignment = models.OneToOneField(
        CaseAssignment, on_delete=models.PROTECT, related_name="started_by_handover"
    )
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handovers_from"
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handovers_to"
    )
    role = models.CharField(max_length=20, choices=CaseAssignment.Role.choices)
    starts_on = models.DateField(_("new worker from"))
    old_access_ends_on = models.DateField(_("old access ends on"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Handovers made together (a whole caseload) share a batch.
    batch = models.UUIDField(db_index=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    handed_over_as = models.CharField(max_length=50)
    created_at = models.DateTimeField(default=timezone.now)
    # The outgoing worker's note, shared with the person like any note. Written
    # once (never overwritten): its own words, and optionally the session note
    # where they talked it through.
    outgoing_note = models.TextField(_("what I am passing on"), max_length=NOTE_LIMIT, blank=True)
    outgoing_note_at = models.DateTimeField(null=True, blank=True)
    shared_note = models.ForeignKey(
        SessionNote, null=True, blank=True, on_delete=models.PROTECT, related_name="handovers"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"], name="handover_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(old_access_ends_on__gte=models.F("starts_on")),
                name="handover_no_gap_without_a_worker",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.from_worker} to {self.to_worker} ({self.starts_on})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class HandoverResponse(AppendOnlyModel):
    """The person's own words about the change of worker. Append-only: a later answer is added."""

    history_name = "What you said about the change"

    class Feeling(models.TextChoices):
        GOOD = "good", _("I am happy with the change")
        OK = "ok", _("I am OK with it")
        UNSURE = "unsure", _("I am not sure yet")
        WORRIED = "worried", _("I am worried about it")

    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="responses")
    feeling = models.CharField(_("how I feel"), max_length=10, choices=Feeling.choices)
    words = models.TextField(_("in my own words"), max_length=RESPONSE_LIMIT, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_feeling_display()} ({self.at:%Y-%m-%d})"
