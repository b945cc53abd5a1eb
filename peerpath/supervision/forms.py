"""Input for supervision: agreements, sessions, actions, sign-off and addenda."""

from typing import Any

from django import forms

from peerpath.accounts.models import User
from peerpath.core.dates import CALENDAR
from peerpath.core.forms import DateField, choose_from
from peerpath.core.versioning import VersionField

from .models import ActionOwner, SupervisionKind


class VersionForm(forms.Form):
    version = VersionField()


class AgreementForm(VersionForm):
    kind = forms.ChoiceField(
        label="Kind of supervision",
        choices=SupervisionKind.choices,
        widget=forms.RadioSelect,
        help_text="Managerial supervision is with the worker's line manager.",
        error_messages={"required": "Choose the kind of supervision."},
    )
    supervisor: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Who supervises",
        empty_label="Choose a supervisor",
        error_messages={
            "required": "Choose who supervises.",
            "invalid_choice": "Choose one of the supervisors listed.",
        },
    )
    every_weeks = forms.IntegerField(
        label="How often you meet, in weeks",
        min_value=1,
        max_value=26,
        help_text="For example, 4 for every four weeks",
        error_messages={
            "required": "Enter how often you meet, in weeks.",
            "invalid": "Enter how often you meet as a number of weeks, like 4.",
            "min_value": "Meet at least every 26 weeks and at most every week.",
            "max_value": "Meet at least every 26 weeks and at most every week.",
        },
    )
    where = forms.CharField(
        label="Where you meet",
        max_length=200,
        help_text="For example: team base, a quiet room, online",
        error_messages={"required": "Enter where you meet."},
    )
    what_is_recorded = forms.CharField(
        label="What is recorded",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a summary and agreed actions, signed by both of you",
        error_messages={"required": "Enter what is recorded."},
    )
    confidentiality_limits = forms.CharField(
        label="The limits of confidentiality",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="When something said in supervision would be shared, and with whom",
        error_messages={"required": "Enter the limits of confidentiality."},
    )
    starts_on = DateField(label="Start date", kind=CALENDAR)
    ends_on = DateField(label="End date (optional)", kind=CALENDAR, required=False)

    def __init__(self, *args: Any, supervisors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["supervisor"], supervisors, lambda u: u.display_name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        return data


class ScheduleForm(forms.Form):
    held_on = DateField(label="Date", kind=CALENDAR)
    starts_at = forms.TimeField(
        label="Time (optional)",
        required=False,
        help_text="24-hour clock, for example 14:30",
        error_messages={"invalid": "Enter a time on the 24-hour clock, like 14:30"},
    )


class RecordForm(VersionForm):
    brought = forms.CharField(
        label="What the worker brought",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What they wanted to talk about, in their words where you can",
        error_messages={"required": "Enter what the worker brought."},
    )
    reflection = forms.CharField(
        label="Reflection",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Strengths first: what went well, the impact of the work, what you learned",
        error_messages={"required": "Enter the reflection."},
    )
    caseload_review = forms.CharField(
        label="Caseload review (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Use first names or initials only",
    )


class WorkerPartForm(VersionForm):
    wellbeing = forms.CharField(
        label="What you want recorded of the wellbeing check (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only what you write here is recorded. Leave it blank to record nothing.",
    )
    comment = forms.CharField(
        label="Your comment on the record (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown with the record as yours. Nobody else can change it.",
    )


class ActionForm(forms.Form):
    text = forms.CharField(
        label="Action",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the action."},
    )
    owner = forms.ChoiceField(
        label="Who does it",
        choices=ActionOwner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who does it."},
    )
    due_on = DateField(label="Due date", kind=CALENDAR)


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the addendum."},
    )
    reason = forms.CharField(
        label="Reason for the addendum",
        max_length=300,
        help_text="For example: a missed topic, a date recorded wrongly",
        error_messages={"required": "Give the reason for the addendum."},
    )
