"""Forms of urgent access: finding the person exactly, the reason, the review."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from peerpath.caseload.models import validate_nhs_number
from peerpath.core.dates import BIRTH
from peerpath.core.forms import DateField
from peerpath.core.versioning import VersionField

from .models import REASON_MIN_LENGTH, ReasonKind, ReviewOutcome

BOTH_NEEDED = "Enter their NHS number, or their full name and date of birth."


class FindForm(forms.Form):
    """An exact match only: the NHS number, or the full name and the date of birth."""

    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=20,
        help_text="10 digits, for example 943 476 5919",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label="Full name",
        required=False,
        max_length=200,
        help_text="Their whole name, as on their record. Used only with a date of birth.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    date_of_birth = DateField(label="Date of birth", required=False, kind=BIRTH)

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data.get("nhs_number", "").replace(" ", "").replace("-", "")
        if value:
            validate_nhs_number(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        name = " ".join((data.get("full_name") or "").split())
        data["full_name"] = name
        if data.get("nhs_number"):
            return data
        if name and not data.get("date_of_birth"):
            self.add_error("date_of_birth", "Enter their date of birth as well as their name.")
        elif data.get("date_of_birth") and not name:
            self.add_error("full_name", "Enter their full name as well as their date of birth.")
        elif not name:
            self.add_error("nhs_number", BOTH_NEEDED)
        return data

    @property
    def how(self) -> str:
        """How the person was looked for (for the audit; what was typed is not kept)."""
        return "NHS number" if self.cleaned_data.get("nhs_number") else "name and date of birth"


class GrantForm(forms.Form):
    reason_kind = forms.ChoiceField(
        label="What is it for?",
        choices=ReasonKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the urgent access is for."},
    )
    reason = forms.CharField(
        label="Why do you need their crisis plan now?",
        help_text=(
            "For example who called, and what is happening. The person can read this in "
            "“who has seen my record”, and a supervisor or safeguarding lead reviews it."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": (
                f"Say why you need the record now, in at least {REASON_MIN_LENGTH} characters."
            )
        },
    )

    def clean_reason(self) -> str:
        reason: str = " ".join(self.cleaned_data.get("reason", "").split())
        if len(reason) < REASON_MIN_LENGTH:
            raise ValidationError(
                f"Say why you need the record now, in at least {REASON_MIN_LENGTH} "
                "characters: for example who called and what is happening."
            )
        return reason


class ReviewForm(forms.Form):
    version = VersionField()
    outcome = forms.ChoiceField(
        label="Was the urgent access appropriate?",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the urgent access was appropriate."},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you talked about, or what happens next.",
    )


class EndForm(forms.Form):
    """The end-early button carries nothing but the token."""
