"""Forms of direct observation."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from peerpath.core.dates import HAPPENED, REVIEW
from peerpath.core.forms import DateField, IdMultipleChoiceField, choose_from
from peerpath.core.versioning import VersionField
from peerpath.framework.models import Statement

from .models import ConsentMethod, Rating


class ObservationForm(forms.Form):
    observed_on = DateField(label="Date of the observation", kind=HAPPENED)
    activity = forms.CharField(
        label="What was observed",
        max_length=300,
        help_text="The activity, for example: a first meeting, a one-to-one session, a group",
        error_messages={"required": "Say what was observed."},
    )
    setting = forms.CharField(
        label="Where",
        max_length=300,
        help_text="The setting, for example: a ward, a community café, the person's home",
        error_messages={"required": "Say where it took place."},
    )
    person: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Person supported present (optional)",
        queryset=None,
        required=False,
        empty_label="No person supported was present",
        help_text="Only people on the worker's caseload. Leave it empty when nobody was present.",
    )
    consent_given = forms.BooleanField(
        label="The person agreed to their peer support worker being observed",
        required=False,
    )
    consent_method = forms.ChoiceField(
        label="How they agreed (if a person was present)",
        choices=ConsentMethod.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    consent_note = forms.CharField(
        label="Anything more about their consent (optional)",
        max_length=300,
        required=False,
    )
    overall_feedback = forms.CharField(
        label="Overall feedback (optional until you finalise)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Start with the strengths you saw, then what could grow next.",
    )
    version = VersionField()

    def __init__(self, data: Any = None, *, people: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choose_from(self.fields["person"], people, lambda p: p.display_name)

    def details(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class RatingsForm(forms.Form):
    """A rating and feedback for each statement of one unit; a statement left at "Not part
    of this observation" is not rated."""

    version = VersionField()

    def __init__(
        self, data: Any = None, *, statements: list[Statement], initial_ratings: Any = None
    ) -> None:
        initial: dict[str, Any] = {}
        for statement_id, (rating, feedback) in (initial_ratings or {}).items():
            initial[f"rating_{statement_id}"] = rating
            initial[f"feedback_{statement_id}"] = feedback
        super().__init__(data, initial=initial)
        self.statements = statements
        for statement in statements:
            self.fields[f"rating_{statement.pk}"] = forms.ChoiceField(
                label=f"{statement.ref} {statement.text}",
                choices=[("", "Not part of this observation"), *Rating.choices],
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"feedback_{statement.pk}"] = forms.CharField(
                label=f"Feedback on {statement.ref}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self) -> list[tuple[Statement, Any, Any]]:
        return [(s, self[f"rating_{s.pk}"], self[f"feedback_{s.pk}"]) for s in self.statements]

    def ratings(self) -> dict[int, tuple[str, str]]:
        found = {}
        for statement in self.statements:
            rating = self.cleaned_data.get(f"rating_{statement.pk}") or ""
            if rating:
                found[statement.pk] = (
                    rating,
                    self.cleaned_data.get(f"feedback_{statement.pk}", ""),
                )
        return found


class ReflectionForm(forms.Form):
    worker_reflection = forms.CharField(
        label="Your reflection",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What went well for you, what you learned, what you would like to develop.",
        error_messages={"required": "Write your reflection."},
    )
    version = VersionField()


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="What you want to add",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="It is added with today's date; the finalised observation stays as it was.",
        error_messages={"required": "Write what you want to add."},
    )


class FinaliseForm(forms.Form):
    version = VersionField()


class PlanForm(forms.Form):
    concern = forms.CharField(
        label="The area of significant concern",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you saw and why it matters, in plain words the worker will read.",
        error_messages={"required": "Say what the concern is."},
    )
    statements = IdMultipleChoiceField(
        label="The framework statements it is about",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one statement."},
    )
    agreed_support = forms.CharField(
        label="Support agreed with the worker",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: shadowing a colleague, extra supervision, a training session.",
        error_messages={"required": "Say what support you agreed."},
    )
    next_review_on = DateField(label="First review", kind=REVIEW)

    def __init__(self, data: Any = None, *, statements: QuerySet[Any]) -> None:
        super().__init__(data)
        choose_from(self.fields["statements"], statements, lambda s: f"{s.ref} {s.text}")


class ReviewForm(forms.Form):
    reviewed_on = DateField(label="Date of the review", kind=HAPPENED)
    progress = forms.CharField(
        label="Progress",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has gone well first, then what is still to work on.",
        error_messages={"required": "Write the progress notes."},
    )
    next_review_on = DateField(label="Next review", kind=REVIEW)
    version = VersionField()


class CloseForm(forms.Form):
    closed_on = DateField(label="Date closed", kind=HAPPENED)
    outcome = forms.CharField(
        label="Outcome",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the outcome is."},
    )
    version = VersionField()
