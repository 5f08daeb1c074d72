"""Forms for the person's story. Choices of linked items are limited to the same person."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.access import Can, may
from casework.common.concurrency import VersionedForm
from casework.common.dates import DateClearedOnlyByChoice
from casework.common.forms import form_helper
from strengths.models import Goal, GoalRating, GoalStep, Setback, SignificantOther, Strength, Voice


class StoryForm(forms.ModelForm):
    """Plain-words messages for required fields; crispy renders fields, templates own <form>."""

    # field name -> what to say when it is empty (or only spaces)
    required_messages: dict[str, str] = {}
    # The person's own pages (``mine=True``) speak as the person: field name ->
    # {"label", "help_text", "required", "choices"} to use there instead.
    my_words: dict[str, dict] = {}

    def __init__(self, *args, person, user=None, mine=False, **kwargs):
        # ``user`` is the staff member filling the form in (the person's own pages pass none).
        super().__init__(*args, **kwargs)
        self.person = person
        self.user = user
        self.mine = mine
        self.helper = form_helper()
        for name, field in self.fields.items():
            choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
            field.error_messages["required"] = self.required_messages.get(
                name, _("Please choose one of these.") if choosing else _("Please fill this in.")
            )
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = _(
                    "This is too long: please keep it to %(limit_value)d characters "
                    "(it has %(show_value)d)."
                )
        self.speak_as_me()

    def speak_as_me(self):
        """Use the person's own words ("my goal") on their side.

        The base ``__init__`` calls it; a subclass that changes wording in its own
        ``__init__`` calls it again at the end (it only sets, so twice is harmless).
        """
        if not self.mine:
            return
        for name, words in self.my_words.items():
            field = self.fields.get(name)
            if field is None:
                continue
            if "label" in words:
                field.label = words["label"]
            if "help_text" in words:
                field.help_text = words["help_text"]
            if "required" in words:
                field.error_messages["required"] = words["required"]
            if "choices" in words:
                field.choices = [(v, words["choices"].get(v, label)) for v, label in field.choices]


class DateInput(forms.DateInput):
    """A browser date picker; its value must be ISO (YYYY-MM-DD) to be valid HTML."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's own name
        super().__init__(attrs=attrs, format=format)


def _name(person):
    return person.preferred_name


class GoalForm(VersionedForm, StoryForm):
    my_words = {
        "in_their_words": {
            "label": _("My goal, in my own words"),
            "required": _("Please write your goal, in your own words."),
        },
        "why_it_matters": {"label": _("Why it matters to me")},
        "strengths": {"help_text": _("My strengths this goal draws on.")},
    }

    class Meta:
        model = Goal
        fields = ["in_their_words", "why_it_matters", "life_area", "horizon", "status", "strengths"]
        widgets = {
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        self.fields["strengths"].queryset = person.strengths.active()
        self.fields["strengths"].required = False
        self.fields["in_their_words"].error_messages["required"] = _(
            "Please write the goal, in %(name)s's own words."
        ) % {"name": _name(person)}
        self.speak_as_me()


class GoalStepForm(VersionedForm, DateClearedOnlyByChoice, StoryForm):
    required_messages = {"what": _("Please say what the step is.")}
    clearable_dates = {"due_on": _("No date for this step")}

    class Meta:
        model = GoalStep
        fields = ["what", "who", "circle_member", "other_service", "due_on", "status", "strength"]
        widgets = {"due_on": DateInput}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        members = person.circle.active()
        if self.instance.circle_member_id:
            # Keep the current choice selectable even if that member was archived since.
            members = person.circle.filter(pk=self.instance.circle_member_id) | members
        # Never someone the person chose not to be contacted (the action refuses too).
        members = members.exclude(involvement=SignificantOther.Involvement.DO_NOT_CONTACT)
        self.fields["circle_member"].queryset = members
        self.fields["circle_member"].label_from_instance = _member_label
        strengths = person.strengths.active()
        if self.instance.strength_id:
            strengths = person.strengths.filter(pk=self.instance.strength_id) | strengths
        self.fields["strength"].queryset = strengths

    def clean(self):
        data = super().clean()
        who = data.get("who")
        if who == GoalStep.Who.CIRCLE and not data.get("circle_member"):
            self.add_error("circle_member", _("Please choose who from the circle will do this."))
        if who == GoalStep.Who.OTHER_SERVICE and not (data.get("other_service") or "").strip():
            self.add_error("other_service", _("Please name the service."))
        if who != GoalStep.Who.CIRCLE:
            data["circle_member"] = None
        return data


def _member_label(member):
    label = str(member)
    if member.relationship:
        label += f" ({member.relationship})"
    if member.do_not_contact:
        label += " – " + _("do not contact")
    return label


class GoalRatingForm(StoryForm):
    class Meta:
        model = GoalRating
        fields = ["voice", "score", "comment"]
        widgets = {
            "voice": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        name = _name(person)
        self.fields["voice"].choices = [
            (Voice.PERSON, _("%(name)s's own rating, given to me") % {"name": name}),
            (Voice.WORKER, _("My view as their worker")),
        ]
        self.fields["voice"].error_messages["required"] = _("Please say whose view this is.")
        score = self.fields["score"]
        score.widget.attrs.update({"min": 1, "max": 10})
        score.error_messages.update(
            {
                "required": _("Please give a number from 1 to 10."),
                "invalid": _("Please give a whole number from 1 to 10."),
                "min_value": _("Please give a number from 1 to 10."),
                "max_value": _("Please give a number from 1 to 10."),
            }
        )


class StrengthForm(VersionedForm, StoryForm):
    required_messages = {
        "description": _("Please say what the strength is."),
        "life_area": _("Please choose a life area."),
    }
    my_words = {
        "description": {"label": _("My strength, in my own words")},
        "kind": {"choices": {Strength.Kind.RESOURCE: _("A resource around me")}},
        "noticed_by": {
            "choices": {
                Strength.NoticedBy.PERSON: _("Me"),
                Strength.NoticedBy.WORKER: _("My worker"),
                Strength.NoticedBy.CIRCLE: _("Someone in my circle"),
            }
        },
    }

    class Meta:
        model = Strength
        fields = ["description", "life_area", "kind", "noticed_by", "example"]
        widgets = {"example": forms.Textarea(attrs={"rows": 3})}


class SignificantOtherForm(VersionedForm, StoryForm):
    """Someone in the circle. On the person's pages the involvement choice is theirs to make.

    On the staff pages (``user`` given) a lead or co-worker records a choice only
    as what the person said in a session, with its date; anyone else (a peer
    supporter) does not get the choice at all.
    """

    required_messages = {"name": _("Please give their name, or how they are known.")}
    my_words = {
        "name": {
            "label": _("Name, or what I call them"),
            "help_text": _(
                "However I refer to them: “Mum”, “Dave from the allotment”. Up to 100 characters."
            ),
            "required": _("Please give a name, or what you call this person."),
        },
        "how_they_help": {"label": _("How they help me")},
        "what_is_hard": {
            "label": _("What can be hard (optional)"),
            "help_text": _("Only if I want it noted. Up to 1,000 characters."),
        },
        "contact_details": {
            "help_text": _(
                "Only if I want them held here. Never shown to staff while I ask "
                "for this person not to be contacted. Up to 500 characters."
            ),
        },
        "involvement": {
            "label": _("My choice about involving this person"),
            "help_text": _("My own choice. Staff see it wherever this person appears."),
        },
    }

    class Meta:
        model = SignificantOther
        fields = [
            "kind",
            "name",
            "relationship",
            "how_they_help",
            "what_is_hard",
            "involvement",
            "contact_details",
        ]
        widgets = {
            "how_they_help": forms.Textarea(attrs={"rows": 2}),
            "what_is_hard": forms.Textarea(attrs={"rows": 2}),
            "contact_details": forms.Textarea(attrs={"rows": 2}),
            "involvement": forms.RadioSelect,
        }

    def __init__(self, *args, person, user=None, **kwargs):
        super().__init__(*args, person=person, user=user, **kwargs)
        self.stored_involvement = self.instance.involvement if self.instance.pk else None
        self.fields["involvement"].help_text = _(
            "%(name)s's own choice. It is shown wherever this person appears."
        ) % {"name": _name(person)}
        if self.instance.pk and self.instance.do_not_contact:
            # Staff never see contact details for someone the person asked us not to
            # contact, not even in this form. What is held stays held, unshown.
            del self.fields["contact_details"]
        self.speak_as_me()
        if user is None or user.pk == person.user_id:
            return
        if not may(user, person, Can.RECORD_CIRCLE_CHOICE):
            del self.fields["involvement"]
            return
        name = _name(person)
        self.fields["involvement"].help_text = _(
            "%(name)s's own choice. Change it only if %(name)s told you in a session; %(name)s sees the change and can undo it."
        ) % {"name": name}
        self.fields["told_in_session"] = forms.BooleanField(
            label=_("%(name)s told me this choice in a session") % {"name": name},
            required=False,
        )
        self.fields["said_in_session_on"] = forms.DateField(
            label=_("The date of that session"),
            required=False,
            widget=DateInput(attrs={"max": timezone.localdate().isoformat()}),
            error_messages={"invalid": _("Please give a real date.")},
        )

    def clean(self):
        data = super().clean()
        if "told_in_session" not in self.fields or "involvement" not in data:
            return data
        new = data["involvement"]
        if new == self.stored_involvement or (
            self.stored_involvement is None and new == SignificantOther.Involvement.NOT_DECIDED
        ):
            return data
        name = _name(self.person)
        if not data.get("told_in_session"):
            self.add_error(
                "told_in_session",
                _("This is %(name)s's choice: record it only if %(name)s told you in a session.")
                % {"name": name},
            )
        said_on = data.get("said_in_session_on")
        if said_on is None and "said_in_session_on" not in self.errors:
            self.add_error("said_in_session_on", _("Please give the date of that session."))
        elif said_on is not None and said_on > timezone.localdate():
            self.add_error("said_in_session_on", _("The session date cannot be in the future."))
        return data


class MySignificantOtherForm(SignificantOtherForm):
    """The person's own circle form: only they choose who they would call in a crisis."""

    class Meta(SignificantOtherForm.Meta):
        fields = [*SignificantOtherForm.Meta.fields, "call_in_crisis"]


class SetbackForm(VersionedForm, StoryForm):
    required_messages = {
        "what_happened": _("Please say what happened, in the person's words where possible."),
        "happened_on": _("Please give the date it happened."),
    }
    my_words = {
        "what_happened": {
            "help_text": _("In my own words. Up to 2,000 characters."),
            "required": _("Please say what happened."),
        },
        "early_signs": {"label": _("Early signs I noticed")},
        "what_was_learned": {"label": _("What I learned")},
        "goals": {"help_text": _("My goals it touched. They carry on; nothing is reset.")},
    }

    class Meta:
        model = Setback
        fields = [
            "what_happened",
            "happened_on",
            "early_signs",
            "what_helped",
            "what_was_learned",
            "next_time",
            "goals",
        ]
        widgets = {
            "happened_on": DateInput,
            "goals": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in ("early_signs", "what_helped", "what_was_learned", "next_time")
            },
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        self.fields["goals"].queryset = person.goals.active()
        self.fields["goals"].required = False
        self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["happened_on"].error_messages["invalid"] = _("Please give a real date.")
        self.speak_as_me()


class MyGoalRatingForm(StoryForm):
    """The person rates their own goal: always in their own voice, so no voice field."""

    class Meta:
        model = GoalRating
        fields = ["score", "comment"]
        labels = {
            "score": _("How are things going with this goal? (1 is just starting, 10 is there)"),
            "comment": _("Anything you want to add? (you can leave this empty)"),
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        score = self.fields["score"]
        score.widget.attrs.update({"min": 1, "max": 10})
        for key in ("required", "invalid", "min_value", "max_value"):
            score.error_messages[key] = _("Please give a whole number from 1 to 10.")
