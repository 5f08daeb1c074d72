"""Building blocks every domain's models share: whose words, and append-only history."""

from django.core.exceptions import FieldError, ValidationError
from django.db import models, router
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Voice(models.TextChoices):
    """Whose words a piece of the record is in: the person's own, or a worker's."""

    PERSON = "person", _("The person")
    WORKER = "worker", _("A worker")


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


class OneQueryChecksModel(models.Model):
    """Validate all of a model's ``CheckConstraint``\\ s with one query, not one each.

    Django's ``validate_constraints`` asks the database about each check constraint
    separately (``SELECT 1 AS _check WHERE ...``), and a ``ModelForm`` plus the
    action's ``full_clean`` do it twice per save. Here every check is ANDed into one
    query: if it passes, they all pass (a check whose value is NULL passes, as in the
    database, and ``false AND NULL`` is false, so one failing check still fails the
    whole). Only when it fails, or cannot be asked (a check uses a field left out
    of validation), does Django's own per-constraint validation run, so the error
    messages and which checks are skipped stay exactly Django's.
    """

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        own = self._meta.constraints
        checks = [c for c in own if isinstance(c, models.CheckConstraint)]
        if len(checks) < 2 or self._meta.parents or not self._checks_all_hold(checks, exclude):
            return super().validate_constraints(exclude)
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for constraint in own:
            if isinstance(constraint, models.CheckConstraint):
                continue
            try:
                constraint.validate(type(self), self, exclude=exclude, using=using)
            except ValidationError as error:
                fields = getattr(constraint, "fields", ())
                if getattr(error, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(error)  # as Django does
                else:
                    errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _checks_all_hold(self, checks, exclude) -> bool:
        using = router.db_for_write(type(self), instance=self)
        against = self._get_field_expression_map(meta=self._meta, exclude=exclude)
        together = Q()
        for check in checks:
            together &= Q(check.condition)
        try:
            return together.check(against, using=using)
        except FieldError:
            return False
