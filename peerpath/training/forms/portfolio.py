"""Forms for the learning portfolio: adding evidence to an entry."""

from typing import Any

from django import forms

from peerpath.core.forms import choose_from
from peerpath.training.models import EvidenceKind, PlacementDay, Submission


class SubmissionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.assessment.title}, version {obj.number}"


class DayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"Placement day {obj.date:%-d %B %Y}"


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(choices=EvidenceKind.choices, label="What kind of evidence")
    submission = SubmissionChoiceField(
        queryset=Submission.objects.none(),
        required=False,
        empty_label="None",
        label="Assessed work (optional)",
    )
    placement_day = DayChoiceField(
        queryset=PlacementDay.objects.none(),
        required=False,
        empty_label="None",
        label="Placement day (optional)",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        label="How this shows the competence",
        error_messages={"required": "Say how this shows the competence."},
    )

    def __init__(self, *args: Any, submissions: Any, days: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["submission"], submissions)
        choose_from(self.fields["placement_day"], days)
