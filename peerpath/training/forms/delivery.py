"""Forms for running cohorts: a new cohort."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from peerpath.core.dates import CALENDAR
from peerpath.core.forms import DateField, IdMultipleChoiceField, choose_from
from peerpath.training.models import Programme

User = get_user_model()


class CohortForm(forms.Form):
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        empty_label="Choose a programme",
        error_messages={"required": "Choose the programme this cohort runs."},
    )
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a name for the cohort."}
    )
    starts_on = DateField(label="Starts on", subject="Start date", kind=CALENDAR)
    facilitators = IdMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place = forms.CharField(
        max_length=300,
        required=False,
        label="Where sessions take place",
        help_text="For example, the venue and room. Leave empty for an online programme: "
        "its sessions say “Online”.",
    )

    def __init__(self, *args: Any, programmes: Any, facilitators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["programme"], programmes)
        choose_from(self.fields["facilitators"], facilitators, lambda u: u.full_name or u.email)
