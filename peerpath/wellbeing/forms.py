"""The wellbeing plan's and check-ins' forms: input only."""

from typing import Any

from django import forms

from peerpath.core.dates import HAPPENED
from peerpath.core.forms import DateField
from peerpath.core.versioning import VersionField

from .parts import PARTS

SHARE_LABEL = "Share this part with my supervisor"
SHARE_HINT = "Off unless you choose. Your supervisor sees only the parts you share."


class PlanForm(forms.Form):
    """One box per part, each with its own "share" choice, off by default."""

    based_on = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part in PARTS:
            self.fields[part.key] = forms.CharField(
                label=part.heading,
                help_text=part.hint,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"share_{part.key}"] = forms.BooleanField(
                label=SHARE_LABEL, help_text=SHARE_HINT, required=False
            )

    def content(self) -> dict[str, str]:
        return {part.key: self.cleaned_data[part.key] for part in PARTS}

    def shared(self) -> list[str]:
        return [part.key for part in PARTS if self.cleaned_data[f"share_{part.key}"]]

    def part_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[part.key], self[f"share_{part.key}"]) for part in PARTS]


class CheckInForm(forms.Form):
    on = DateField(label="Date", kind=HAPPENED, subject="the date")
    how_i_am = forms.CharField(
        label="How I am",
        help_text="In your own words. Only you see this unless you choose to share it.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write how you are, in your own words."},
    )
    what_would_help = forms.CharField(
        label="What would help (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shared = forms.BooleanField(
        label="Share this check-in with my supervisor",
        help_text=SHARE_HINT,
        required=False,
    )


class ShareForm(forms.Form):
    shared = forms.TypedChoiceField(
        choices=(("yes", "Share"), ("no", "Stop sharing")),
        coerce=lambda value: value == "yes",
        error_messages={"required": "Choose whether to share this check-in."},
    )
