"""Numbers to call or text when someone needs help now, set by the service.

An organisation may list its own out-of-hours numbers, and a team may list
its own instead (a team's list replaces the organisation's). With none set,
the person sees the national lines (``casework.crisis.lines.NATIONAL_LINES``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.people.models import Organisation, Team


class CrisisLine(models.Model):
    """One number on the "I need help now" page."""

    class How(models.TextChoices):
        CALL = "call", _("Call")
        TEXT = "text", _("Text")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="crisis_lines"
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="crisis_lines",
        help_text=_(
            "Leave empty for every team in the organisation. A team's own numbers "
            "replace the organisation's."
        ),
    )
    name = models.CharField(max_length=100, help_text=_("For example: Our out-of-hours line."))
    number = models.CharField(
        max_length=30, help_text=_("As people should dial it, for example 0300 123 4567.")
    )
    how = models.CharField(max_length=4, choices=How.choices, default=How.CALL)
    text_word = models.CharField(
        _("word to text"),
        max_length=20,
        blank=True,
        help_text=_("For a text line that needs a first word, for example SHOUT."),
    )
    when = models.CharField(
        _("when and how"),
        max_length=200,
        blank=True,
        help_text=_("In plain words, for example: Evenings and weekends, 5pm to 9am."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.name}: {self.number}"

    def clean(self):
        super().clean()
        if (
            self.team_id
            and self.organisation_id
            and self.team.organisation_id != self.organisation_id
        ):
            raise ValidationError({"team": "Choose a team in this organisation."})
        if not self.dial:
            raise ValidationError({"number": "Give a number with digits in it."})

    @property
    def dial(self) -> str:
        """The number as a tel:/sms: link needs it: digits and a leading +."""
        return "".join(c for c in self.number if c.isdigit() or c == "+")
