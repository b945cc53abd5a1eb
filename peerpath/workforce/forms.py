"""Forms for team requests, posts and vacancies."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from peerpath.core.dates import CALENDAR
from peerpath.core.forms import DateField, IdMultipleChoiceField, choose_from
from peerpath.core.versioning import VersionField
from peerpath.organisations.models import Team

from .models import PostRole, ServiceArea, Setting, VacancyStatus

HOURS_HELP = "From a few hours a week up to full time (37.5 hours), for example 15"


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _team_field(label: str) -> TeamChoiceField:
    return TeamChoiceField(
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        label=label,
        error_messages={"required": "Choose the team.", "invalid_choice": "Choose the team."},
    )


def _hours_field() -> forms.DecimalField:
    return forms.DecimalField(
        label="Hours a week",
        help_text=HOURS_HELP,
        min_value=Decimal("0.5"),
        max_value=Decimal("37.5"),
        max_digits=4,
        decimal_places=1,
        error_messages={
            "required": "Enter the hours a week.",
            "invalid": "Enter the hours as a number, like 15 or 22.5",
            "min_value": "The hours must be at least half an hour a week.",
            "max_value": "The hours must be no more than full time, 37.5 a week.",
            "max_decimal_places": "Enter the hours to the nearest half hour, like 22.5",
            "max_digits": "Enter the hours as a number, like 15 or 22.5",
        },
    )


def _choice(choices: Any, label: str, required: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices,
        label=label,
        widget=forms.RadioSelect,
        error_messages={"required": required},
    )


class TeamRequestForm(forms.Form):
    team = _team_field("Which team would the peer worker work in?")
    service_area = _choice(ServiceArea.choices, "Service area", "Choose the service area.")
    setting = _choice(
        Setting.choices, "On a ward or in the community?", "Choose ward or community."
    )
    hours_per_week = _hours_field()
    role = _choice(PostRole.choices, "Peer or carer peer role", "Choose the role.")
    hopes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        label="What does your team hope a peer worker will bring?",
        help_text="For example, the people you support and the work you have in mind.",
        error_messages={"required": "Tell the peer development team what you hope for."},
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["team"], teams)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        label="Why is the request not taken forward?",
        help_text="The team that asked reads this: say what could change.",
        error_messages={"required": "Tell the team why, so they know what could change."},
    )
    version = VersionField()


class PostForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        label="Post title",
        help_text="For example, Peer support worker, Community Peer Support Team",
        error_messages={"required": "Enter the post title."},
    )
    team = _team_field("Team")
    service_area = _choice(ServiceArea.choices, "Service area", "Choose the service area.")
    setting = _choice(
        Setting.choices, "On a ward or in the community?", "Choose ward or community."
    )
    hours_per_week = _hours_field()
    role = _choice(PostRole.choices, "Peer or carer peer role", "Choose the role.")
    version = VersionField()

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["team"], teams)

    def post_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class VacancyForm(forms.Form):
    opens_on = DateField(label="Opens on", subject="Opening date", kind=CALENDAR)
    closes_on = DateField(label="Closes on", subject="Closing date", kind=CALENDAR)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        label="Description",
        help_text="What the post involves, the team, and how the person will be supported.",
        error_messages={"required": "Describe the vacancy."},
    )
    criteria = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
        label="Eligibility criteria",
        help_text=(
            "One criterion a line. Applicants say how they meet each one. They start as the "
            "eight criteria of Nottinghamshire Healthcare's peer support vacancies."
        ),
        error_messages={"required": "Give at least one eligibility criterion."},
    )
    panel = IdMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Interview panel",
        help_text="Only the panel and the peer development team read the panel's scores.",
    )
    version = VersionField()

    def __init__(self, *args: Any, panel: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["panel"], panel, lambda u: u.full_name or u.email)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        return data

    def vacancy_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["panel"] = list(data["panel"])
        return data


class VacancyMoveForm(forms.Form):
    to_status = forms.ChoiceField(
        choices=VacancyStatus.choices,
        error_messages={"required": "Choose what to do with the vacancy."},
    )
    version = VersionField()
