"""Forms for recruitment: the public expression of interest, the application, staff actions."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from peerpath.core.chooser import ChoosesPeople, people_field
from peerpath.core.dates import CALENDAR, PLANNED
from peerpath.core.forms import (
    DateField,
    choose_from,
    future_moment,
    place_field,
    time_field,
)
from peerpath.core.versioning import VersionField
from peerpath.training.models import Cohort, Programme

from .models import SelectionBookingKind, Stage

User = get_user_model()

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.org"


class IntakeForm(ChoosesPeople, forms.Form):
    chooser_searches = {"panel": "recruitment:intake-panel-search"}
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        empty_label="Choose a programme",
        error_messages={"required": "Choose the programme this intake recruits for."},
    )
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a name for the intake."}
    )
    opens_on = DateField(label="Opens on", subject="Opening date", kind=CALENDAR)
    closes_on = DateField(label="Closes on", subject="Closing date", kind=CALENDAR)
    capacity = forms.IntegerField(
        min_value=1,
        max_value=500,
        label="Places",
        error_messages={
            "required": "Enter how many places there are.",
            "min_value": "There must be at least 1 place.",
            "invalid": "Enter a whole number, like 16",
        },
    )
    panel = people_field(
        "Selection panel",
        required=False,
        help_text="Only the panel can read what applicants say about their lived experience.",
    )

    def __init__(self, *args: Any, programmes: Any, panel: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["programme"], programmes)
        choose_from(self.fields["panel"], panel, lambda u: u.full_name or u.email)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        return data


class InterestForm(forms.Form):
    full_name = forms.CharField(
        max_length=200, label="Your name", error_messages={"required": "Enter your name."}
    )
    email = forms.EmailField(
        label="Your email address",
        error_messages={"required": "Enter your email address.", "invalid": EMAIL_INVALID},
    )
    phone = forms.CharField(max_length=40, required=False, label="Phone number (optional)")
    interest = forms.CharField(
        widget=forms.Textarea,
        max_length=3000,
        label="What interests you about peer support?",
        help_text="A few sentences is enough.",
        error_messages={"required": "Tell us a little about why you are interested."},
    )


class ApplicationForm(forms.Form):
    """One yes/no and one evidence box per eligibility criterion, then disclosures."""

    lived_experience = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        label="Your lived experience (optional)",
        help_text=(
            "Share only what you are comfortable with. "
            "Only you and the selection panel can read this."
        ),
    )
    commitment_confirmed = forms.BooleanField(
        required=False,
        label="I can commit to attending the training",
    )

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"meets_{criterion.pk}"] = forms.TypedChoiceField(
                label="Does this describe you?",
                choices=(("yes", "Yes"), ("no", "Not yet")),
                coerce=lambda v: v == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": "Choose yes or not yet."},
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=3000,
                label="Tell us about this",
            )

    def clean_commitment_confirmed(self) -> bool:
        if not self.cleaned_data.get("commitment_confirmed"):
            raise forms.ValidationError("Confirm you can commit to the training.")
        return True

    def answers(self) -> dict[int, tuple[bool, str]]:
        return {
            c.pk: (
                self.cleaned_data[f"meets_{c.pk}"],
                self.cleaned_data.get(f"evidence_{c.pk}", ""),
            )
            for c in self.criteria
        }


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(
        choices=[
            ("", "Choose a stage"),
            *[(s.value, s.label) for s in Stage if s != Stage.INTEREST],
        ],
        label="Move to",
        error_messages={"required": "Choose a stage."},
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


class BookingForm(forms.Form):
    """An information session or interview booked for one applicant."""

    kind = forms.ChoiceField(choices=SelectionBookingKind.choices, label="What")
    on = DateField(label="Date", subject="Date of the appointment", kind=PLANNED)
    at = time_field()
    place = place_field()

    def clean(self) -> dict[str, Any]:
        """The date and time as one moment, `starts_at`, for the service."""
        return future_moment(self, super().clean() or {})


class PanelNoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        label="Panel note",
        error_messages={"required": "Write the note."},
    )
    score = forms.TypedChoiceField(
        choices=[("", "No score"), *[(str(n), str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        label="Score (1 to 5)",
    )


class EnrolForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(),
        empty_label="Choose a cohort",
        error_messages={"required": "Choose the cohort to enrol them in."},
    )

    def __init__(self, *args: Any, cohorts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["cohort"], cohorts)
