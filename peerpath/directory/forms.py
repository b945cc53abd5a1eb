"""Input validation for directory entries."""

from typing import Any

from django import forms

from .models import Service

FIELDS = (
    "name",
    "kind",
    "remit",
    "who_for",
    "exclusions",
    "how_to_access",
    "phone",
    "email",
    "website",
    "address",
    "localities",
    "needs",
    "last_checked_on",
)


class ServiceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = forms.URLField(required=False, assume_scheme="https", max_length=200, label="Website")

    class Meta:
        model = Service
        fields = FIELDS
        labels = {
            "who_for": "Who it is for",
            "exclusions": "Who it cannot help (exclusion criteria)",
            "how_to_access": "How to access it",
            "localities": "Areas it covers",
            "needs": "Needs it helps with",
            "last_checked_on": "Details last checked on",
        }
        help_texts = {
            "localities": "Separate areas with commas, like Northfield, Riverside",
            "needs": "Separate needs with commas, like loneliness, housing, employment",
            "last_checked_on": "Year-month-day, like 2026-11-01",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        messages = {
            "name": "Enter the name of the service.",
            "kind": "Choose what kind of entry this is.",
            "remit": "Say what it offers.",
            "who_for": "Say who it is for.",
            "how_to_access": "Say how to access it.",
            "localities": "Enter the areas it covers.",
            "needs": "Enter at least one need it helps with.",
            "last_checked_on": "Enter the date the details were last checked.",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["last_checked_on"].error_messages["invalid"] = (
            "Enter a real date, like 2026-11-01"
        )
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like team@example.org"
        )
        self.fields["website"].error_messages["invalid"] = (
            "Enter a full web address, like https://example.org"
        )

    def clean_last_checked_on(self) -> Any:
        from django.utils import timezone

        value = self.cleaned_data["last_checked_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return value


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    need = forms.CharField(required=False, max_length=60, label="Need")
    locality = forms.CharField(required=False, max_length=60, label="Area")
