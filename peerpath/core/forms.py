"""Form helpers shared across apps, and the audit log search form."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .models import AuditAction, AuditOutcome
from .selectors import AuditFilter

# The largest id the database can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects that refuses an id the database cannot hold, with the
    field's own "invalid choice" message, before it reaches the `pk__in` query (where it
    would be a server error)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            text = str(pk).strip()
            if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return super()._check_values(value)  # type: ignore[misc]


# Dates are typed the British way, day first; the ISO form (what a browser's date picker
# sends) is understood too, so nothing anyone types in good faith is refused.
DATE_INPUT_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d")
DATE_EXAMPLE = "17/11/2026"


class DateField(forms.DateField):
    """A date typed as day/month/year, with a plain-English hint and error."""

    widget = forms.DateInput(format="%d/%m/%Y", attrs={"autocomplete": "off"})

    def __init__(self, *, required_message: str = "Enter the date.", **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("help_text", f"For example, {DATE_EXAMPLE}")
        super().__init__(**kwargs)
        self.error_messages["required"] = required_message
        self.error_messages["invalid"] = f"Enter a real date, like {DATE_EXAMPLE}"


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


class AuditSearchForm(forms.Form):
    text = forms.CharField(
        required=False,
        max_length=200,
        label="Who or what",
        help_text="A name, an email address, a record or a page address",
    )
    action = forms.ChoiceField(
        required=False, choices=[("", "Any action"), *AuditAction.choices], label="Action"
    )
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any outcome"), *AuditOutcome.choices], label="Outcome"
    )
    date_from = forms.DateField(
        required=False,
        label="From",
        help_text="Year-month-day",
        error_messages={"invalid": "Enter the date as year-month-day, like 2026-11-01"},
    )
    date_to = forms.DateField(
        required=False,
        label="To",
        help_text="Year-month-day",
        error_messages={"invalid": "Enter the date as year-month-day, like 2026-11-30"},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return data

    def criteria(self) -> AuditFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilter(
            text=str(data.get("text") or "").strip(),
            action=str(data.get("action") or ""),
            outcome=str(data.get("outcome") or ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
