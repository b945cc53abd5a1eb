"""Input validation for goals, co-produced documents and tools."""

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone

from peerpath.core.dates import HAPPENED, HISTORY, PLANNED, REVIEW
from peerpath.core.forms import DateField, date_example

from .documents import Kind
from .models import (
    CopingWorksheet,
    DigitalIntervention,
    Goal,
    GoalStatus,
    Helpfulness,
    MeaningfulActivity,
)

SECTION_MAX = 5_000
DATE_HINT = "For example, {example}"


def _example(days: int = 0) -> str:
    return date_example(timezone.localdate().replace(day=1) + timedelta(days=days))


def _set_required(form: forms.BaseForm, messages: dict[str, str]) -> None:
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class VersionField(forms.IntegerField):
    """The version the editor started from, for the conflict check."""

    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, required=False, min_value=0)


# --- goals --------------------------------------------------------------------------------

GOAL_FIELDS = ("in_own_words", "why_it_matters", "strengths")


class GoalForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Goal
        fields = (*GOAL_FIELDS, "status")
        widgets = {
            "in_own_words": forms.Textarea(attrs={"rows": 3}),
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }
        labels = {
            "in_own_words": "The goal, in their own words",
            "why_it_matters": "Why it matters to them",
            "strengths": "Strengths and resources they bring",
            "status": "Where they are with it",
        }
        help_texts = {
            "in_own_words": "Write it the way they say it, like “Get back to college”",
            "strengths": "What they are good at, what has helped before, who is on their side",
        }

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["status"]
            del self.fields["version"]
        else:
            cast(forms.ChoiceField, self.fields["status"]).choices = GoalStatus.choices
        # The model lets a person add a goal in their own words only; staff still ask.
        for name in ("why_it_matters", "strengths"):
            self.fields[name].required = True
        _set_required(
            self,
            {
                "in_own_words": "Write the goal in their own words.",
                "why_it_matters": "Write why the goal matters to them.",
                "strengths": "Write at least one strength or resource they bring.",
            },
        )
        if editing:
            self.fields["status"].error_messages["required"] = "Choose where they are with it."

    def goal_data(self) -> dict[str, Any]:
        names = [*GOAL_FIELDS, *(["status"] if "status" in self.fields else [])]
        return {name: self.cleaned_data[name].strip() for name in names}


class StepForm(forms.Form):
    text = forms.CharField(
        max_length=300,
        label="The step",
        help_text="Something small and doable, like “Ask for a prospectus”",
        error_messages={
            "required": "Write the step.",
            "max_length": "Keep the step to 300 characters or fewer.",
        },
    )
    due_on = DateField(
        label="By when (optional)", subject="The date for the step", required=False, kind=PLANNED
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_on"].help_text = DATE_HINT.format(example=_example(40))

    def clean_text(self) -> str:
        return str(self.cleaned_data["text"]).strip()


class ProgressForm(forms.Form):
    on = DateField(label="Date", kind=HAPPENED)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        label="What happened",
        error_messages={"required": "Write what happened."},
    )
    is_success = forms.BooleanField(
        required=False,
        label="This is a success to celebrate",
        help_text="It will be highlighted on the goal's timeline",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].help_text = DATE_HINT.format(example=date_example(timezone.localdate()))

    def clean_text(self) -> str:
        return str(self.cleaned_data["text"]).strip()


# --- co-produced documents ----------------------------------------------------------------


class SectionsForm(forms.Form):
    """One textarea per section of a document kind, and at least one must be written.
    `part` is what the page calls a section ("section" for staff, "part" for the person);
    `whose` starts the empty-form message ("the" or "your")."""

    based_on = VersionField()
    part = "section"
    whose = "the"

    def __init__(self, *args: Any, kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for section in kind.sections:
            self.fields[section.key] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=SECTION_MAX,
                label=section.heading,
                help_text=section.hint,
                error_messages={
                    "max_length": f"Keep this {self.part} to {SECTION_MAX:,} characters or fewer."
                },
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        keys = [s.key for s in self.kind.sections]
        if not self.errors and not any(str(cleaned.get(k) or "").strip() for k in keys):
            raise forms.ValidationError(
                f"Write something in at least one {self.part} of {self.whose} {self.kind.title}."
            )
        return cleaned

    def content(self) -> dict[str, str]:
        return {s.key: str(self.cleaned_data[s.key]).strip() for s in self.kind.sections}


class DocumentForm(SectionsForm):
    """One textarea per section of the kind, then the review date and a change note."""

    def __init__(self, *args: Any, kind: Kind, person_name: str, **kwargs: Any) -> None:
        super().__init__(*args, kind=kind, **kwargs)
        review_label = "Review date" if kind.review_required else "Review date (optional)"
        self.fields["review_on"] = DateField(
            label=review_label,
            subject="Review date",
            required=kind.review_required,
            # After the plan's date: this version is dated today.
            kind=REVIEW,
            help_text=(
                "Agree a date together to look at it again. "
                + DATE_HINT.format(example=_example(92))
            ),
        )
        self.fields["review_on"].error_messages["required"] = (
            f"Enter a date to review the {kind.title}."
        )
        self.fields["change_note"] = forms.CharField(
            required=False,
            max_length=300,
            label="What changed, and why (optional)",
            help_text="For example “Added my sister's new number”",
            error_messages={"max_length": "Keep the note to 300 characters or fewer."},
        )
        self.fields["written_together"] = forms.BooleanField(
            required=False, label=f"We wrote this version together with {person_name}"
        )


class CompareForm(forms.Form):
    old = forms.TypedChoiceField(coerce=int, label="Compare version")
    new = forms.TypedChoiceField(coerce=int, label="with version")

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        cast(forms.ChoiceField, self.fields["old"]).choices = choices
        cast(forms.ChoiceField, self.fields["new"]).choices = choices
        for name in ("old", "new"):
            self.fields[name].error_messages["invalid_choice"] = "Choose a version from the list."
            self.fields[name].error_messages["required"] = "Choose a version to compare."


# --- tools --------------------------------------------------------------------------------

WORKSHEET_LABELS = {
    "problem": "1. The problem, in their words",
    "parts": "2. Breaking it into smaller parts",
    "ideas": "3. Ideas: every idea counts",
    "chosen": "4. The idea they chose, and why",
    "plan": "5. The plan: who, what, when",
    "review": "6. How it went",
}
WORKSHEET_FIELDS = tuple(WORKSHEET_LABELS)
ACTIVITY_FIELDS = ("activity", "how_often", "what_it_gives", "started_on")
DIGITAL_FIELDS = ("name", "how_used", "helpfulness")


class ToolForm(forms.ModelForm):
    version = VersionField()

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]

    def data_for_save(self) -> dict[str, Any]:
        return {
            name: (value.strip() if isinstance(value, str) else value)
            for name, value in self.cleaned_data.items()
            if name != "version"
        }


class WorksheetForm(ToolForm):
    class Meta:
        model = CopingWorksheet
        fields = WORKSHEET_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in WORKSHEET_FIELDS}
        labels = WORKSHEET_LABELS
        help_texts = {
            "parts": "Which part feels most manageable to start with?",
            "ideas": "Write them all down before judging any of them",
            "review": "Come back to this after trying the plan: what worked, what next",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_required(self, {"problem": "Write the problem in their words."})


class ActivityForm(ToolForm):
    started_on = DateField(
        label="When they started (optional)",
        subject="The date they started",
        required=False,
        kind=HISTORY,
    )

    class Meta:
        model = MeaningfulActivity
        fields = ACTIVITY_FIELDS
        widgets = {"what_it_gives": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "activity": "Activity",
            "how_often": "How often (optional)",
            "what_it_gives": "What it gives them (optional)",
        }
        help_texts = {
            "activity": "For example volunteering, an allotment, a choir",
            "how_often": "For example every Tuesday morning",
            "what_it_gives": "Meaning, purpose, company, structure, enjoyment…",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_required(self, {"activity": "Write the activity."})
        started = self.fields["started_on"]
        started.help_text = DATE_HINT.format(example=_example(-60))


class DigitalForm(ToolForm):
    class Meta:
        model = DigitalIntervention
        fields = DIGITAL_FIELDS
        widgets = {"how_used": forms.Textarea(attrs={"rows": 3}), "helpfulness": forms.RadioSelect}
        labels = {
            "name": "App, website or online group",
            "how_used": "How they used it (optional)",
            "helpfulness": "How helpful was it?",
        }
        help_texts = {"name": "For example a mood diary app, or an online peer forum"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["helpfulness"]).choices = Helpfulness.choices
        _set_required(
            self,
            {
                "name": "Write the name of the app, website or group.",
                "helpfulness": "Choose how helpful it was.",
            },
        )


# --- the person's own pages -----------------------------------------------------------------


class MyGoalForm(forms.Form):
    """A goal the person adds themselves: only its words are asked for."""

    in_own_words = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2_000,
        label="Your goal, in your own words",
        help_text="Write it the way you would say it, like “Get back to college”",
        error_messages={
            "required": "Write your goal in your own words.",
            "max_length": "Keep your goal to 2,000 characters or fewer.",
        },
    )
    why_it_matters = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2_000,
        label="Why it matters to you (optional)",
        error_messages={"max_length": "Keep this to 2,000 characters or fewer."},
    )

    def goal_data(self) -> dict[str, Any]:
        return {
            "in_own_words": str(self.cleaned_data["in_own_words"]).strip(),
            "why_it_matters": str(self.cleaned_data["why_it_matters"]).strip(),
        }


class ProposalForm(SectionsForm):
    """The person's suggested change: one box per part of the document, as they would
    have it, and a note for their worker."""

    part = "part"
    whose = "your"

    def __init__(self, *args: Any, kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, kind=kind, **kwargs)
        self.fields["note"] = forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
            max_length=2_000,
            label="Anything you would like to say about the change (optional)",
            error_messages={"max_length": "Keep the note to 2,000 characters or fewer."},
        )


class WithdrawForm(forms.Form):
    version = VersionField()


class AcceptForm(forms.Form):
    """The worker accepts a suggested change as the next version."""

    version = VersionField()
    based_on = VersionField()
    note = forms.CharField(
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="A message for them (optional)",
        error_messages={"max_length": "Keep the message to 2,000 characters or fewer."},
    )

    def __init__(self, *args: Any, kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        review_label = "Review date" if kind.review_required else "Review date (optional)"
        self.fields["review_on"] = DateField(
            label=review_label,
            subject="Review date",
            required=kind.review_required,
            kind=REVIEW,
            help_text="Agree a date together to look at it again. "
            + DATE_HINT.format(example=_example(92)),
        )
        self.fields["review_on"].error_messages["required"] = (
            f"Enter a date to review the {kind.title}."
        )


class DeclineForm(forms.Form):
    """The worker does not take the change on, and says why."""

    version = VersionField()
    reason = forms.CharField(
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why not (they will read this)",
        help_text="Kindly and plainly: what you would suggest instead, or when to talk it over",
        error_messages={
            "required": "Say why, so they know what to do next.",
            "max_length": "Keep the reason to 2,000 characters or fewer.",
        },
    )
