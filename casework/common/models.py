"""Building blocks every domain's models share: whose words, and append-only history."""

from django.db import models


class Voice(models.TextChoices):
    """Whose words a piece of the record is in: the person's own, or a worker's."""

    PERSON = "person", "The person"
    WORKER = "worker", "A worker"


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk updates and deletes refused: history is only ever added to."""

    def update(self, **kwargs):
        raise PermissionError(f"{self.model.history_name} cannot be changed.")

    def delete(self):
        raise PermissionError(f"{self.model.history_name} cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A row written once and never changed or deleted (the access log, plan history).

    ``history_name`` names it in the refusal ("The access log cannot be changed.").
    """

    history_name = "This history"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"{self.history_name} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self.history_name} cannot be deleted.")


def voice_of(user, person) -> str:
    """Whose words ``user`` writes in ``person``'s record: the person's own login speaks as
    the person, anyone else with write access as a worker."""
    if person.user_id is not None and person.user_id == user.pk:
        return Voice.PERSON
    return Voice.WORKER
