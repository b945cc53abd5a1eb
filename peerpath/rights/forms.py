"""Input for rights: asking for a copy, reviewing it, corrections and retention."""

from typing import Any

from django import forms

from peerpath.core import dates
from peerpath.core.forms import DateField
from peerpath.core.versioning import VersionField

from .models import About, AccessPackItem, Decision, OnBehalf, RetentionDecision
from .sar_registry import SOURCES


class VersionForm(forms.Form):
    version = VersionField()


class StaffRequestForm(forms.Form):
    received_on = DateField(
        label="Date the request was received",
        kind=dates.HAPPENED,
        help_text="The one-month clock starts on this day.",
        error_messages={"required": "Enter the date the request was received."},
    )
    on_behalf = forms.ChoiceField(
        label="Who asked",
        choices=[c for c in OnBehalf.choices if c[0] != OnBehalf.PERSON],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who asked."},
    )
    identity_checked = forms.BooleanField(
        label="I have checked the identity of whoever asked, and their authority",
        error_messages={"required": "Check the identity and authority of whoever asked first."},
    )


class ExtendForm(VersionForm):
    # Its own ids: it shares the reviewer's page with the refusal, which also has a reason.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_extend_%s")
        super().__init__(*args, **kwargs)

    extend_to = DateField(
        label="New due date",
        kind=dates.PLANNED,
        help_text="No more than two months after the due date. Tell the person why.",
        error_messages={"required": "Enter the new due date."},
    )
    reason = forms.CharField(
        label="Why more time is needed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why more time is needed."},
    )


class RefuseForm(VersionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_refuse_%s")
        super().__init__(*args, **kwargs)

    reason = forms.CharField(
        label="Why the copy is not being provided",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the copy is not being provided."},
    )


class DecideForm(VersionForm):
    decision = forms.ChoiceField(
        label="What to do with this record",
        choices=[c for c in Decision.choices if c[0] != Decision.PENDING],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with this record."},
    )
    parts = forms.MultipleChoiceField(
        label="Parts to remove",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only when releasing with a part removed.",
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to remove a part or withhold the record. Kept with the decision.",
    )

    def __init__(self, data: Any = None, *, item: AccessPackItem, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": item.version})
        super().__init__(data, **kwargs)
        flagged = SOURCES[item.source].flagged_fields if item.source in SOURCES else ()
        names = list(flagged) + [k for k in item.content if k not in flagged]
        parts: Any = self.fields["parts"]
        parts.choices = [(k, k) for k in names if k in item.content]
        self.auto_id = f"id_item{item.pk}_%s"


class CorrectionForm(forms.Form):
    about = forms.ChoiceField(
        label="What is it about?",
        choices=About.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it is about."},
    )
    what_is_wrong = forms.CharField(
        label="What is wrong?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In your own words.",
        max_length=4000,
        error_messages={"required": "Say what is wrong."},
    )
    should_say = forms.CharField(
        label="What should it say?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Say what it should say."},
    )


class AnswerForm(VersionForm):
    status = forms.ChoiceField(
        label="Your answer",
        choices=[("amended", "I have corrected it"), ("not_changed", "It stays as it is")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your answer."},
    )
    answer = forms.CharField(
        label="What you changed, or why it stays as it is",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The person reads this. A clinical opinion that has since changed is not "
        "wrong: it stays, with their view beside it.",
        error_messages={"required": "Say what you changed, or why it stays as it is."},
    )
    amend_note = forms.CharField(
        label="Amendment to add to the signed note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only for a signed note: the note stays as it is and this is added below it.",
    )


class RetentionReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=RetentionDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose keep or destroy."},
    )
    keep_until = DateField(
        label="Keep until",
        kind=dates.REVIEW,
        required=False,
        help_text="Only to keep it: the record is reviewed again after this date.",
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for the decision."},
    )
