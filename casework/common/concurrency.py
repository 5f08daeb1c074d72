"""Nothing lost when two people change the same thing at once (docs/decisions/0015-co-edited-items.md).

The recovery plan's compare-and-swap (``strengths.plan.actions.save_section``),
made the one way every co-edited item is saved: goals, steps, strengths, circle
members, setbacks, alerts and the person's "my view" on a note.

- The row has an integer version. The edit form carries the version it was
  opened at in a hidden field (``VersionedForm``).
- The save first runs one ``UPDATE ... SET version = version + 1 WHERE pk = ?
  AND version = ?`` (``claim_version``) inside the save's transaction. One row:
  this save won, holds the row until it commits and writes its fields (and its
  history row). Zero rows: someone saved since the form was opened, and the
  action raises ``EditConflict`` without writing anything.
- The view then answers 409 with the conflict page (``templates/includes/
  edit_conflict.html``, built by ``conflict_context``): the writer's words and
  the newer saved ones side by side, who saved them and when, and the form again
  at the current version with the writer's words kept to copy from.

The claim is the transaction's first statement, so on SQLite it takes the write
lock at once rather than upgrading a read lock (which fails instead of waiting).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import F
from django.shortcuts import render

from casework.common.errors import ActionRefused

VERSION_MISSING = (
    "This form did not say which version it was opened at, so nothing was saved. "
    "Please go back, open it again and make your change."
)
CONFLICT = (
    "Someone else saved a change to this while you were writing, so yours was not saved "
    "over theirs. Both are shown: please combine them and save again."
)


class EditConflict(ActionRefused):
    """A save lost the race: the item moved on since ``based_on``. Nothing was written.

    A subclass of ``ActionRefused`` so that any view that does not show the
    conflict page still shows a plain refusal, never a 500 or a silent overwrite.
    """

    def __init__(self, model, pk, based_on: int):
        super().__init__(CONFLICT)
        self.model, self.pk, self.based_on = model, pk, based_on

    def current(self):
        """The item as saved now, by whoever won."""
        return self.model._base_manager.get(pk=self.pk)


def claim_version(model, pk, based_on: int | None, *, field: str = "version") -> int:
    """Compare-and-swap ``model``'s ``field`` for row ``pk``; return the new version.

    Call inside ``transaction.atomic()`` before writing anything else. With
    ``based_on`` the row must still be at that version, else ``EditConflict``;
    ``None`` (a one-click change such as archive, which carries no text) bumps
    the version unconditionally, so any form opened before it is stale.
    """
    rows = model._base_manager.filter(pk=pk)
    if based_on is not None:
        if not rows.filter(**{field: based_on}).update(**{field: F(field) + 1}):
            raise EditConflict(model, pk, based_on)
        return based_on + 1
    rows.update(**{field: F(field) + 1})
    return rows.values_list(field, flat=True).get()


def hidden_version_field() -> forms.IntegerField:
    """The hidden field a versioned form carries (``VersionedForm`` adds it)."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2**31 - 1,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), VERSION_MISSING
        ),
    )


class VersionedForm:
    """Form mixin: a hidden ``version`` field, read into ``based_on_version`` and out of
    ``cleaned_data`` (so actions receive only the item's own fields).

    The version is that of ``versioned_by`` (an alert, for a form about its review
    or a reply) or else of the ModelForm's instance; a ModelForm adding a new item
    has no version field. A post without a valid version is refused with a field
    error: an old or hand-made form never overwrites blind.
    """

    version_field = "version"

    def __init__(self, *args, versioned_by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.based_on_version = None
        item = versioned_by if versioned_by is not None else getattr(self, "instance", None)
        if item is None or item.pk is None:
            return  # adding something new: there is nothing to save over
        self.fields["version"] = hidden_version_field()
        self.initial.setdefault("version", getattr(item, self.version_field))

    def clean(self):
        cleaned = super().clean()
        self.based_on_version = cleaned.pop("version", None)
        return cleaned


@dataclass
class Difference:
    """One field of a conflict: what the writer sent, and what is saved now."""

    label: str
    mine: str
    saved: str
    long: bool  # a paragraph (shown as text blocks), not a short value


def _shown(form, name, value) -> str:
    field = form.fields[name]
    if value in (None, ""):
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField):
        chosen = {str(getattr(v, "pk", v)) for v in value}
        return ", ".join(str(obj) for obj in field.queryset if str(obj.pk) in chosen)
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, dict(field.choices).get(str(value), value)))
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}"
    return str(value)


def _saved_value(form, current, name):
    field = form.fields[name]
    value = getattr(current, name, None)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return list(value.all()) if value is not None else []
    return value


def _is_long(field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def differences(losing_form, current, fields=None) -> list[Difference]:
    """The fields where the losing form's words differ from what is saved now."""
    rows = []
    for name in fields or losing_form.cleaned_data:
        if name not in losing_form.fields or name not in losing_form.cleaned_data:
            continue
        mine = _shown(losing_form, name, losing_form.cleaned_data[name])
        saved = _shown(losing_form, name, _saved_value(losing_form, current, name))
        if mine != saved:
            field = losing_form.fields[name]
            rows.append(Difference(str(field.label), mine, saved, _is_long(field)))
    return rows


def combined_initial(losing_form, current, version: int) -> dict:
    """Initial values for the form offered again: the saved item at its new version, with
    each paragraph that differs holding the saved words then the writer's, to edit into one."""
    initial = {"version": version}
    for name, field in losing_form.fields.items():
        if name not in losing_form.cleaned_data or not _is_long(field):
            continue
        saved = (getattr(current, name, "") or "").strip()
        mine = (losing_form.cleaned_data[name] or "").strip()
        if mine and mine != saved:
            initial[name] = "\n\n".join(t for t in (saved, mine) if t)
    return initial


CONFLICT_TEMPLATE = "includes/edit_conflict.html"


def conflict_response(
    request,
    losing_form,
    current,
    *,
    offer,
    what: str,
    saved_by,
    saved_at,
    action_url: str,
    cancel_url: str,
    htmx: bool = False,
    fields=None,
    version: int | None = None,
    **extra,
):
    """The 409 conflict page (or, for htmx, its ``conflict`` partial).

    ``losing_form`` is the valid form whose save lost; ``current`` the item as
    saved now; ``offer(initial)`` builds the same kind of form for ``current``,
    which is offered again at the new version (``version``, by default
    ``current``'s) with ``combined_initial``.
    ``extra`` goes into the template context (``person``, ``hx_target``,
    ``conflict_id``, ``history_url``...).
    """
    rows = differences(losing_form, current, fields)
    if version is None:
        version = getattr(current, losing_form.version_field)
    context = {
        "conflict_what": what,
        "differences": rows,
        "saved_by": saved_by,
        "saved_at": saved_at,
        "form": offer(combined_initial(losing_form, current, version)),
        "action_url": action_url,
        "cancel_url": cancel_url,
        **extra,
    }
    template = CONFLICT_TEMPLATE + ("#conflict" if htmx else "")
    return render(request, template, context, status=409)
