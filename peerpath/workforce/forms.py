"""Forms for team requests, posts and vacancies."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from peerpath.core.chooser import ChoosesPeople, people_field
from peerpath.core.dates import CALENDAR, PLANNED
from peerpath.core.forms import (
    DateField,
    IdMultipleChoiceField,
    choose_from,
    future_moment,
    place_field,
    time_field,
)
from peerpath.core.versioning import VersionField
from peerpath.organisations.models import Team

from .models import JobStage, PostRole, ServiceArea, Setting, VacancyStatus

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


class VacancyForm(ChoosesPeople, forms.Form):
    chooser_searches = {"panel": "workforce:vacancy-panel-search"}
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
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        label="Interview questions",
        help_text="One question a line. Each panel member scores each question from 1 to 5.",
        error_messages={"required": "Give at least one interview question."},
    )
    panel = people_field(
        "Panel",
        required=False,
        help_text=(
            "They read the applications. Only the panel and the peer development team read "
            "the panel's scores."
        ),
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


EMAIL_INVALID = "Enter an email address in the correct format, like name@example.org"


class JobApplicationForm(forms.Form):
    """Name, contact details, and how the applicant meets each criterion, in their words."""

    full_name = forms.CharField(
        max_length=200, label="Your name", error_messages={"required": "Enter your name."}
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="We send a link to your application here.",
        error_messages={"required": "Enter your email address.", "invalid": EMAIL_INVALID},
    )
    phone = forms.CharField(max_length=40, required=False, label="Phone number (optional)")

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=3000,
                label=f"You need to {criterion.text}",
                help_text="How you meet this, in your own words. A few sentences is enough.",
                error_messages={"required": "Tell us how you meet this, in a few words."},
            )

    def evidence(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"evidence_{c.pk}"] for c in self.criteria}

    def criterion_fields(self) -> list[Any]:
        return [self[f"evidence_{c.pk}"] for c in self.criteria]


class ShortlistForm(forms.Form):
    """One decision per criterion: met, or not yet, with a note."""

    version = VersionField()

    def __init__(self, *args: Any, answers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers = answers
        for answer in answers:
            self.fields[f"meets_{answer.criterion_id}"] = forms.TypedChoiceField(
                label=answer.criterion.text,
                choices=(("yes", "Met"), ("no", "Not yet met")),
                coerce=lambda v: v == "yes",
                widget=forms.RadioSelect,
                initial=None if answer.meets is None else ("yes" if answer.meets else "no"),
                error_messages={"required": "Choose met or not yet met."},
            )
            self.fields[f"note_{answer.criterion_id}"] = forms.CharField(
                required=False,
                max_length=2000,
                label="Note (optional)",
                initial=answer.shortlist_note,
            )

    def decisions(self) -> dict[int, tuple[bool, str]]:
        return {
            a.criterion_id: (
                self.cleaned_data[f"meets_{a.criterion_id}"],
                self.cleaned_data.get(f"note_{a.criterion_id}", ""),
            )
            for a in self.answers
        }

    def pairs(self) -> list[tuple[Any, Any, Any]]:
        return [
            (a, self[f"meets_{a.criterion_id}"], self[f"note_{a.criterion_id}"])
            for a in self.answers
        ]


class JobMoveForm(forms.Form):
    to_stage = forms.ChoiceField(
        choices=[("", "Choose a stage")],
        label="Move to",
        error_messages={"required": "Choose a stage.", "invalid_choice": "Choose a stage."},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Reason",
        help_text=(
            "Kept with the application. The applicant gets a kind email about the new stage, "
            "not this reason."
        ),
        error_messages={"required": "Give a reason for this change."},
    )
    version = VersionField()

    def __init__(self, *args: Any, stages: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer(stages)

    def offer(self, stages: tuple[str, ...]) -> None:
        """The stages shown. A form sent from an older page is checked against every stage
        (`MOVABLE`), so that a move decided on a stale page is refused as a conflict, not
        as an unknown choice."""
        field = self.fields["to_stage"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "Choose a stage"), *[(s, JobStage(s).label) for s in stages]]


# Every stage an application may be moved to by hand (appointment is its own step).
MOVABLE = tuple(s.value for s in JobStage if s not in (JobStage.APPLIED, JobStage.APPOINTED))


class InterviewForm(forms.Form):
    on = DateField(label="Date", subject="Date of the interview", kind=PLANNED)
    at = time_field()
    place = place_field()
    panel = IdMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Interview panel",
        error_messages={"required": "Choose who sits on the interview panel."},
    )

    def __init__(self, *args: Any, panel: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["panel"], panel, lambda u: u.full_name or u.email)

    def clean(self) -> dict[str, Any]:
        data = future_moment(self, super().clean() or {})
        if "panel" in data:
            data["panel"] = list(data["panel"])
        return data


class ScoreForm(forms.Form):
    """A panel member's score, 1 to 5, and note on each question."""

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"score_{q.pk}"] = forms.TypedChoiceField(
                label=q.text,
                choices=[(str(n), str(n)) for n in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
                help_text="1 is little evidence, 5 is strong evidence",
                error_messages={"required": "Choose a score from 1 to 5."},
            )
            self.fields[f"note_{q.pk}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=3000,
                label="Notes (optional)",
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            q.pk: (self.cleaned_data[f"score_{q.pk}"], self.cleaned_data.get(f"note_{q.pk}", ""))
            for q in self.questions
        }

    def pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"score_{q.pk}"], self[f"note_{q.pk}"]) for q in self.questions]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class AppointForm(forms.Form):
    starts_on = DateField(label="Start date", subject="Start date", kind=CALENDAR)
    hours_per_week = _hours_field()
    line_manager = UserChoiceField(
        queryset=get_user_model().objects.none(),
        empty_label="Choose the line manager",
        label="Line manager",
        help_text="Managerial supervision is with the line manager in the team.",
        error_messages={"required": "Choose the line manager."},
    )
    peer_supervisor = UserChoiceField(
        queryset=get_user_model().objects.none(),
        empty_label="Choose the peer supervisor",
        label="Peer supervisor",
        help_text="Practice supervision is with a peer supervisor.",
        error_messages={"required": "Choose the peer supervisor."},
    )
    version = VersionField()

    def __init__(self, *args: Any, supervisors: Any, current: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["line_manager"], supervisors)
        choose_from(self.fields["peer_supervisor"], supervisors)
        if current is not None:
            # A peer worker already in post: does the new post replace the one they hold?
            self.fields["replaces_current"] = _choice(
                [
                    ("yes", f"Yes: their post as {current.post.title} ends the day before"),
                    ("no", f"No: they keep their post as {current.post.title} as well"),
                ],
                f"Does this post replace their current post, {current.post.title}?",
                "Say whether this post replaces their current one.",
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "replaces_current" in cleaned:
            cleaned["replaces_current"] = cleaned["replaces_current"] == "yes"
        return cleaned


class EndEmploymentForm(forms.Form):
    ends_on = DateField(label="Last day", subject="Last day", kind=CALENDAR)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Why the employment ended",
        help_text="For example, a new role elsewhere, study, or health. Kept for retention.",
        error_messages={"required": "Say why the employment ended."},
    )
    version = VersionField()


class EditEmploymentForm(forms.Form):
    """A change to a current employment record; each change is kept in its history."""

    line_manager = UserChoiceField(
        queryset=get_user_model().objects.none(),
        empty_label="Choose the line manager",
        label="Line manager",
        help_text="Managerial supervision is with the line manager in the team.",
        error_messages={
            "required": "Choose the line manager.",
            "invalid_choice": "Choose a line manager from your organisation's staff.",
        },
    )
    peer_supervisor = UserChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Not yet named",
        label="Peer supervisor",
        help_text="Practice supervision is with a peer supervisor.",
        error_messages={
            "invalid_choice": "Choose a peer supervisor from your organisation's staff."
        },
    )
    hours_per_week = _hours_field()
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label="Why it changed (optional)",
        help_text="Kept with the change in the record's history.",
    )
    version = VersionField()

    def __init__(self, *args: Any, supervisors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["line_manager"], supervisors)
        choose_from(self.fields["peer_supervisor"], supervisors)
