"""Forms for the plan. Templates own the <form> tags, their CSRF tokens and buttons."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework.common.dates import DateClearedOnlyByChoice
from casework.common.forms import form_helper
from strengths.plan.models import (
    SECTION_TEXT_LIMIT,
    PlanAgreement,
    PlanDifference,
    PlanDifferenceResolution,
    PlanSection,
    RecoveryPlan,
)

STAYING_WELL_PROMPTS = _(
    "You might write about: my early warning signs; what I do to stay well; what others "
    "can do that helps; who to contact, and how; places that help; keeping my "
    "surroundings safe. "
)
SECTION_HELP = {
    PlanSection.Key.ABOUT: _("Who you are, what matters to you, what you hope for. "),
    PlanSection.Key.GOALS: _("Anything to say about the goals below, in your own words. "),
    PlanSection.Key.STRENGTHS: _("What you are good at and what helps you. "),
    PlanSection.Key.CIRCLE: _("The people around you and how you'd like them involved. "),
    PlanSection.Key.STAYING_WELL: STAYING_WELL_PROMPTS,
    PlanSection.Key.HARD_TIMES: _("What has helped before when things got hard. "),
    PlanSection.Key.AGREED: _("What each of you will do over the next few weeks. "),
}
LIMIT_HELP = format_lazy(
    _("Up to {limit} characters. Saving it empty clears the section."),
    limit=f"{SECTION_TEXT_LIMIT:,}",
)
VERSION_MISSING = _(
    "This form did not say which version of the section it was opened at, so nothing was "
    "saved. Please go back to the plan, open the section again and make your change."
)


class SectionForm(forms.ModelForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            "max_value": VERSION_MISSING,
            "required": VERSION_MISSING,
            "invalid": VERSION_MISSING,
            "min_value": VERSION_MISSING,
        },
    )

    class Meta:
        model = PlanSection
        fields = ["heading", "text"]
        labels = {"heading": _("Heading, in your words")}
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        self.fields["heading"].error_messages["required"] = _(
            "A section needs a heading. Please give it a few words."
        )
        self.fields["text"].max_length = SECTION_TEXT_LIMIT
        self.fields["text"].error_messages["max_length"] = format_lazy(
            _(
                "This is longer than {limit} characters (it has %(show_value)d). "
                "Please shorten it, or move some of it to another section."
            ),
            limit=f"{SECTION_TEXT_LIMIT:,}",
        )
        if section is not None:
            self.fields["text"].label = _("What this section says: %(heading)s") % {
                "heading": section.heading
            }
            self.fields["text"].help_text = SECTION_HELP.get(section.key, "") + LIMIT_HELP
            self.fields["heading"].widget.attrs["id"] = f"id_heading_{section.pk}"
            self.fields["text"].widget.attrs["id"] = f"id_text_{section.pk}"
            self.fields["version"].widget.attrs["id"] = f"id_version_{section.pk}"


class DifferenceForm(forms.ModelForm):
    class Meta:
        model = PlanDifference
        fields = ["wording"]
        labels = {"wording": _("How I see it, in my own words")}
        widgets = {"wording": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = PlanDifferenceResolution
        fields = ["note"]
        labels = {"note": _("How we resolved it")}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class AgreementForm(forms.ModelForm):
    plan_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PlanAgreement
        fields = ["answer", "detail"]
        labels = {
            "answer": _("Your answer"),
            "detail": _("What you would change, or why not now"),
        }
        widgets = {
            "answer": forms.RadioSelect,
            "detail": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, in_the_room=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        if in_the_room:
            self.fields["answer"].label = _("Their answer")
            self.fields["detail"].label = _("What they would change, or why not now")
        self.fields["detail"].help_text = _(
            "Needed if the answer is not yes. Plain words are fine."
        )


class ReviewDateForm(DateClearedOnlyByChoice, forms.ModelForm):
    clearable_dates = {"review_due": _("No review date for now")}
    empty_date_refused_always = True  # the form is only this date: empty is never an answer

    class Meta:
        model = RecoveryPlan
        fields = ["review_due"]
        labels = {"review_due": _("Review the plan together by")}
        widgets = {"review_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
