"""Input validation for peer groups, their members and their sessions."""

from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import Person
from peerpath.caseload.presenters import second_identifier
from peerpath.core.chooser import ChoosesPeople, people_field
from peerpath.core.dates import CALENDAR
from peerpath.core.forms import DateField, IdMultipleChoiceField
from peerpath.core.versioning import VersionField
from peerpath.organisations.models import Membership, Team


class IdChoicesField(IdMultipleChoiceField):
    """People or facilitators by id (see `IdMultipleChoiceField`)."""


class FacilitatorField(IdChoicesField):
    def __init__(self, *args: Any, labels: dict[int, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.labels = labels or {}

    def label_from_instance(self, obj: Any) -> str:
        return self.labels.get(obj.pk, obj.display_name)


class GroupForm(forms.Form):
    """A group's details. `teams` are the caller's teams; `options` the PSWs of those teams."""

    name = forms.CharField(max_length=200, label="Name of the group")
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What the group is for",
        help_text="In plain words, as you would explain it to someone thinking of coming",
    )
    where = forms.CharField(
        max_length=200,
        required=False,
        label="Where it meets (optional)",
        help_text="For example: Riverside Library, upstairs room",
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), empty_label=None, widget=forms.RadioSelect, label="Team"
    )
    facilitators = FacilitatorField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Facilitators",
        help_text="Peer support workers of the group's team. Choose at least one.",
    )
    version = VersionField()

    def __init__(
        self,
        data: Any = None,
        *,
        teams: list[Team],
        options: list[Membership],
        must_include: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        # A PSW sees only the groups they run, so one they set up must include them.
        self.must_include = must_include
        self.team_of = {m.user_id: m.team_id for m in options}
        several = len({m.team_id for m in options} | {t.pk for t in teams}) > 1
        team_field: Any = self.fields["team"]
        team_field.queryset = Team.objects.filter(pk__in=[t.pk for t in teams])
        facilitators: Any = self.fields["facilitators"]
        facilitators.queryset = User.objects.filter(pk__in=list(self.team_of)).order_by(
            "full_name", "pk"
        )
        facilitators.labels = {
            m.user_id: f"{m.user.display_name} ({m.team})" if several else m.user.display_name
            for m in options
        }
        self.fields["name"].error_messages["required"] = "Enter the name of the group."
        self.fields["purpose"].error_messages["required"] = "Say what the group is for."
        self.fields["team"].error_messages["required"] = "Choose the group's team."
        self.fields["team"].error_messages["invalid_choice"] = "Choose one of your teams."
        self.fields["facilitators"].error_messages["required"] = "Choose at least one facilitator."
        self.fields["facilitators"].error_messages["invalid_choice"] = (
            "Choose facilitators from the peer support workers of the group's team."
        )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        team = cleaned.get("team")
        chosen = cleaned.get("facilitators")
        if team is not None and chosen:
            elsewhere = [u for u in chosen if self.team_of.get(u.pk) != team.pk]
            if elsewhere:
                names = ", ".join(u.display_name for u in elsewhere)
                self.add_error(
                    "facilitators",
                    f"Facilitators must be peer support workers of {team.name}: "
                    f"{names} {'works' if len(elsewhere) == 1 else 'work'} in another team.",
                )
        if chosen and self.must_include is not None and self.must_include not in chosen:
            self.add_error(
                "facilitators",
                "Include yourself as a facilitator: peer support workers see the groups they run.",
            )
        return cleaned


def person_label(person: Person) -> str:
    """A person to choose: their name and the second identifier (caseload/presenters.py)."""
    second = second_identifier(person)
    return f"{person.display_name} ({second})" if second else person.display_name


class MemberAddForm(ChoosesPeople, forms.Form):
    """Who joins the group: chosen by search (core.chooser), so the page names only the
    people chosen and a few who match, never everyone the user supports (issue 14)."""

    people = people_field(
        "Who would like to join?",
        help_text="People you support who are not in the group yet.",
    )
    chooser_options = {
        "people": {
            "fields": ("full_name", "preferred_name", "nhs_number"),
            "hint": "Search by name or NHS number, then tick the people who would like to join.",
            "search_label": "Search by name or NHS number",
            "not_found": "Check the spelling, or search by NHS number.",
        }
    }

    def __init__(
        self, data: Any = None, *, people: QuerySet[Person], group: Any, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.group = group
        field: Any = self.fields["people"]
        field.queryset = people
        field.label_from_instance = person_label
        field.error_messages["required"] = "Choose at least one person to add."
        field.error_messages["invalid_choice"] = (
            "You can add only people you support who are not in the group yet."
        )

    def chooser_search_url(self, name: str) -> str:
        return reverse("groups:member-search", kwargs={"pk": self.group.pk})


class SessionForm(forms.Form):
    on = DateField(label="Date", subject="Date of the session", kind=CALENDAR)
    at = forms.TimeField(label="Start time", help_text="24-hour clock, like 14:30")
    topic = forms.CharField(
        max_length=200,
        required=False,
        label="Topic (optional)",
        help_text="For example: hope, sleep, getting out and about",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at"].error_messages.update(
            required="Enter the time the session starts.",
            invalid="Enter a time on the 24-hour clock, like 14:30",
        )

    def starts_at(self) -> datetime:
        """The date and time as an aware datetime in the organisation's time zone."""
        naive = datetime.combine(self.cleaned_data["on"], self.cleaned_data["at"])
        return timezone.make_aware(naive)
