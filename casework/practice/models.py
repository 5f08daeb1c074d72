"""Reflective supervision notes (issue 8): between a supervisor and a worker only.

They never reach the person: not on their pages, not in their download
(``casework.export.record`` has no section for them). When a note refers to a
person, the person's access log says only that their record was discussed in
supervision, with the date, never the text (``casework.practice.supervision``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TEXT_LIMIT = 4000
TEXT_HELP = f"Up to {TEXT_LIMIT:,} characters."


class SupervisionNote(models.Model):
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_notes_given"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_notes"
    )
    date = models.DateField(_("date of supervision"), default=timezone.localdate)
    went_well = models.TextField(
        _("what went well"), max_length=TEXT_LIMIT, blank=True, help_text=TEXT_HELP
    )
    reflected_on = models.TextField(
        _("what we reflected on"), max_length=TEXT_LIMIT, blank=True, help_text=TEXT_HELP
    )
    agreed_actions = models.TextField(
        _("agreed actions"), max_length=TEXT_LIMIT, blank=True, help_text=TEXT_HELP
    )
    people_discussed = models.ManyToManyField(
        "casework.Person",
        blank=True,
        related_name="+",
        help_text=_(
            "Only people the worker works with now. They will see the date their "
            "record was discussed, never what was said."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["worker", "-date"], name="supervision_worker_date_idx")]

    def __str__(self):
        return f"Supervision on {self.date:%d %b %Y}"
