"""Forms for placements and the portfolio."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from peerpath.core.dates import HAPPENED
from peerpath.core.forms import DateField, choose_from
from peerpath.organisations.models import Team
from peerpath.training.models import ReviewKind


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PlacementForm(forms.Form):
    host_team = TeamChoiceField(
        queryset=Team.objects.none(), required=False, empty_label="Another host", label="Host team"
    )
    host_description = forms.CharField(
        max_length=300,
        required=False,
        label="Or describe the host",
        help_text="For example, a partner organisation's peer team",
    )
    supervisor = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Not yet named",
        label="Peer supervisor",
    )

    def __init__(self, *args: Any, teams: Any, supervisors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["host_team"], teams)
        choose_from(self.fields["supervisor"], supervisors)


class DayForm(forms.Form):
    on = DateField(label="Date of the day", kind=HAPPENED)
    reflection = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        label="Your reflection on the day",
        error_messages={"required": "Write a short reflection on the day."},
    )


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(choices=ReviewKind.choices, label="Review")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        label="Notes",
        error_messages={"required": "Write the review notes."},
    )
