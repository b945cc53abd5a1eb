"""Forms for graduate outcomes and the public certificate checker."""

from typing import Any

from django import forms

from peerpath.core.dates import HAPPENED
from peerpath.core.forms import DateField, choose_from
from peerpath.organisations.models import Team
from peerpath.training.models import OutcomeKind


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


# Employment is not typed: it is an appointment to a post, which makes an employment
# record (peerpath/workforce), and the dashboard counts those. Outcomes recorded as
# "Employed" before then are kept and still shown.
TYPED_OUTCOMES = [(k, label) for k, label in OutcomeKind.choices if k != OutcomeKind.EMPLOYED]


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        choices=TYPED_OUTCOMES,
        label="What happened",
        help_text=(
            "A job with us is recorded when the graduate is appointed to a post, "
            "not here: jobs go through the same application and interview process."
        ),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what happened.",
            "invalid_choice": "Choose what happened.",
        },
    )
    team = TeamChoiceField(
        queryset=Team.objects.none(),
        required=False,
        empty_label="Not in one of our teams",
        label="Team (if with one of our teams)",
    )
    detail = forms.CharField(
        max_length=300,
        required=False,
        label="Details (optional)",
        help_text="For example, the post or the organisation",
    )
    on = DateField(label="Date", kind=HAPPENED)

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["team"], teams)


class VerifyForm(forms.Form):
    number = forms.CharField(
        max_length=40,
        label="Certificate number",
        help_text="For example, PP-AB2CD-EF3GH",
        error_messages={"required": "Enter the certificate number."},
    )
