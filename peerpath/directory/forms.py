"""Input validation for directory entries."""

from typing import Any

from django import forms

from peerpath.core.dates import HAPPENED
from peerpath.core.forms import DateField
from peerpath.core.versioning import VersionField

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
    version = VersionField()
    website = forms.URLField(required=False, assume_scheme="https", max_length=200, label="Website")
    last_checked_on = DateField(
        label="Details last checked on",
        subject="The date the details were last checked",
        kind=HAPPENED,
    )

    class Meta:
        model = Service
        fields = FIELDS
        labels = {
            "who_for": "Who it is for",
            "exclusions": "Who it cannot help (exclusion criteria)",
            "how_to_access": "How to access it",
            "localities": "Areas it covers",
            "needs": "Needs it helps with",
        }
        help_texts = {
            "localities": "Separate areas with commas, like Northfield, Riverside",
            "needs": "Separate needs with commas, like loneliness, housing, employment",
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
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like team@example.org"
        )
        self.fields["website"].error_messages["invalid"] = (
            "Enter a full web address, like https://example.org"
        )


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    need = forms.CharField(required=False, max_length=60, label="Need")
    locality = forms.CharField(required=False, max_length=60, label="Area")
