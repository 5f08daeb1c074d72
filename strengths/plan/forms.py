"""Forms for the plan. Templates own the <form> tags, their CSRF tokens and buttons."""

from django import forms

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

STAYING_WELL_PROMPTS = (
    "You might write about: my early warning signs; what I do to stay well; what others "
    "can do that helps; who to contact, and how; places that help; keeping my "
    "surroundings safe. "
)
SECTION_HELP = {
    PlanSection.Key.ABOUT: "Who you are, what matters to you, what you hope for. ",
    PlanSection.Key.GOALS: "Anything to say about the goals below, in your own words. ",
    PlanSection.Key.STRENGTHS: "What you are good at and what helps you. ",
    PlanSection.Key.CIRCLE: "The people around you and how you'd like them involved. ",
    PlanSection.Key.STAYING_WELL: STAYING_WELL_PROMPTS,
    PlanSection.Key.HARD_TIMES: "What has helped before when things got hard. ",
    PlanSection.Key.AGREED: "What each of you will do over the next few weeks. ",
}
LIMIT_HELP = f"Up to {SECTION_TEXT_LIMIT:,} characters. Saving it empty clears the section."
VERSION_MISSING = (
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
        labels = {"heading": "Heading, in your words"}
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        self.fields["heading"].error_messages["required"] = (
            "A section needs a heading. Please give it a few words."
        )
        self.fields["text"].max_length = SECTION_TEXT_LIMIT
        self.fields["text"].error_messages["max_length"] = (
            f"This is longer than {SECTION_TEXT_LIMIT:,} characters (it has "
            "%(show_value)d). Please shorten it, or move some of it to another section."
        )
        if section is not None:
            self.fields["text"].label = f"What this section says: {section.heading}"
            self.fields["text"].help_text = SECTION_HELP.get(section.key, "") + LIMIT_HELP
            self.fields["heading"].widget.attrs["id"] = f"id_heading_{section.pk}"
            self.fields["text"].widget.attrs["id"] = f"id_text_{section.pk}"
            self.fields["version"].widget.attrs["id"] = f"id_version_{section.pk}"


class DifferenceForm(forms.ModelForm):
    class Meta:
        model = PlanDifference
        fields = ["wording"]
        labels = {"wording": "How I see it, in my own words"}
        widgets = {"wording": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = PlanDifferenceResolution
        fields = ["note"]
        labels = {"note": "How we resolved it"}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class AgreementForm(forms.ModelForm):
    plan_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PlanAgreement
        fields = ["answer", "detail"]
        labels = {"answer": "Your answer", "detail": "What you would change, or why not now"}
        widgets = {
            "answer": forms.RadioSelect,
            "detail": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, in_the_room=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        if in_the_room:
            self.fields["answer"].label = "Their answer"
            self.fields["detail"].label = "What they would change, or why not now"
        self.fields["detail"].help_text = "Needed if the answer is not yes. Plain words are fine."


class ReviewDateForm(DateClearedOnlyByChoice, forms.ModelForm):
    clearable_dates = {"review_due": "No review date for now"}
    empty_date_refused_always = True  # the form is only this date: empty is never an answer

    class Meta:
        model = RecoveryPlan
        fields = ["review_due"]
        labels = {"review_due": "Review the plan together by"}
        widgets = {"review_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
