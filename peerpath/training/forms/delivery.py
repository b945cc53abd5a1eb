"""Forms for running cohorts: a new cohort."""

from typing import Any

from django import forms

from peerpath.core.chooser import ChoosesPeople, people_field
from peerpath.core.dates import CALENDAR
from peerpath.core.forms import DateField, choose_from
from peerpath.training.models import Programme


class CohortForm(ChoosesPeople, forms.Form):
    chooser_searches = {"facilitators": "training:cohort-facilitator-search"}
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        empty_label="Choose a programme",
        error_messages={"required": "Choose the programme this cohort runs."},
    )
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a name for the cohort."}
    )
    starts_on = DateField(label="Starts on", subject="Start date", kind=CALENDAR)
    facilitators = people_field("Facilitators", required=False)
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
