"""Input validation for contact records, appointments and signposting."""

from datetime import date, datetime, time
from typing import Any, cast

from django import forms
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.dates import CALENDAR, HAPPENED, PLANNED
from peerpath.core.forms import DateField, IdMultipleChoiceField, choose_from, date_hint
from peerpath.core.versioning import VersionField
from peerpath.recovery.models import Goal

from .models import ContactKind, RequestKind, SignpostOutcome, WithholdingReason


class GoalChoices(IdMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.in_own_words)


class GoalChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.in_own_words)


class ContactNoteForm(forms.Form):
    contact_on = DateField(label="Date of contact", kind=HAPPENED)
    kind = forms.ChoiceField(
        label="Type of contact",
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of contact."},
    )
    place = forms.CharField(
        label="Place (optional)",
        required=False,
        max_length=200,
        help_text="For example: a café in town, their home, the college",
    )
    duration_minutes = forms.IntegerField(
        label="Duration in minutes",
        help_text="From 1 to 720 minutes (12 hours)",
        error_messages={
            "required": "Enter how long the contact lasted, in minutes.",
            "invalid": "Enter the duration as a whole number of minutes, like 45.",
        },
    )
    goals = GoalChoices(
        queryset=Goal.objects.none(),
        required=False,
        label="Goals worked on (optional)",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from this person's own goals."},
    )
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        help_text=(
            "What happened and what was said, in plain words, starting from the person's "
            "strengths and what matters to them."
        ),
        error_messages={
            "required": "Write the note.",
            "max_length": "The note is longer than 20,000 characters. Please shorten it.",
        },
    )
    version = VersionField()

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["goals"], goals)

    def clean_duration_minutes(self) -> int:
        value: int = self.cleaned_data["duration_minutes"]
        if value < 1:
            raise forms.ValidationError("The duration must be at least 1 minute.")
        if value > 720:
            raise forms.ValidationError("The duration must be 720 minutes (12 hours) or less.")
        return value


class VersionForm(forms.Form):
    version = VersionField()


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label="Amended text",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        help_text="The note as it should read. The signed note stays as it was, above.",
        error_messages={
            "required": "Write the amended text.",
            "max_length": "The text is longer than 20,000 characters. Please shorten it.",
        },
    )
    reason = forms.CharField(
        label="Reason for the amendment",
        max_length=300,
        help_text="For example: the wrong date, a missed topic, a name spelt wrongly",
        error_messages={"required": "Give the reason for the amendment."},
    )


class AppointmentForm(forms.Form):
    what = forms.CharField(
        label="What is it?",
        max_length=200,
        help_text="For example: GP review, housing meeting, art class",
        error_messages={"required": "Say what the appointment, meeting or activity is."},
    )
    on = DateField(label="Date", kind=CALENDAR)
    at = forms.TimeField(
        label="Time",
        help_text="24-hour clock, for example 14:30",
        error_messages={
            "required": "Enter the time.",
            "invalid": "Enter a time on the 24-hour clock, like 14:30",
        },
    )
    place = forms.CharField(
        label="Where",
        max_length=200,
        error_messages={"required": "Enter where it is."},
    )
    goal = GoalChoice(
        queryset=Goal.objects.none(),
        required=False,
        label="Which of their goals is it linked to? (optional)",
        empty_label="Not linked to a goal",
        error_messages={"invalid_choice": "Choose one of this person's own goals."},
    )

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["goal"], goals)

    def starts_at(self) -> datetime:
        on: date = self.cleaned_data["on"]
        at: time = self.cleaned_data["at"]
        return timezone.make_aware(datetime.combine(on, at))


class HowItWentForm(forms.Form):
    how_it_went = forms.CharField(
        label="How did it go?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="In the person's words where you can: what went well, and what next",
        error_messages={"required": "Say how it went."},
    )
    version = VersionField()


class ServiceSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Name or words")
    need = forms.CharField(required=False, max_length=60, label="Need")
    locality = forms.CharField(required=False, max_length=60, label="Area")


WILLING_YES = "yes"


class SignpostForm(forms.Form):
    willing_and_able = forms.ChoiceField(
        label="Is the person willing and able to go?",
        choices=((WILLING_YES, "Yes"), ("no", "No, or not yet")),
        widget=forms.RadioSelect,
        help_text=(
            "Ask them. Think about travel, cost, timing and anything that could get in the way."
        ),
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: what the person hopes to get from it, or what you agreed",
    )
    follow_up_on = DateField(
        label="When will you follow up?",
        subject="Follow-up date",
        kind=PLANNED,
        help_text=date_hint(14, before="Today or later. "),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = person.display_name
        self.fields["willing_and_able"].label = f"Is {name} willing and able to go?"
        self.fields["willing_and_able"].error_messages["required"] = (
            f"Say whether {name} is willing and able to go."
        )
        self.not_willing_message = (
            f"Signpost only when {name} is willing and able to go. Nothing has been saved. "
            f"You could talk with {name} about what would help: what might make going easier, "
            "or whether something else would suit them better."
        )

    def clean_willing_and_able(self) -> bool:
        if self.cleaned_data["willing_and_able"] != WILLING_YES:
            raise forms.ValidationError(self.not_willing_message)
        return True


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=SignpostOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened."},
    )
    outcome_note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: how it went, what got in the way, or what might suit them better",
    )
    version = VersionField()


# Held back from the person, and the person's own view


class WithholdForm(forms.Form):
    reason_kind = forms.ChoiceField(
        label="Why is it held back?",
        choices=WithholdingReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the note is held back."},
    )
    reason = forms.CharField(
        label="The reason, in a sentence or two",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2_000,
        help_text=(
            "Staff who open this note will read it. For example: it repeats what a "
            "neighbour told us in confidence."
        ),
        error_messages={"required": "Give the reason the note is held back."},
    )


class LiftForm(forms.Form):
    lift_reason = forms.CharField(
        label="Why can it be shown now?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2_000,
        error_messages={"required": "Give the reason the note can be shown now."},
    )


class MyViewForm(forms.Form):
    text = forms.CharField(
        label="Add your view",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5_000,
        help_text=(
            "Say it in your own words: what you remember, what matters to you, or anything "
            "you see differently. It is kept with the note and staff cannot change it."
        ),
        error_messages={
            "required": "Write your view.",
            "max_length": "Your view is longer than 5,000 characters. Please shorten it.",
        },
    )


# The person asks about an appointment; the PSW answers


class AppointmentRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like?",
        choices=(
            (RequestKind.CHANGE, "Change it (a different day, time or place)"),
            (RequestKind.CANCEL, "Cancel it"),
        ),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to change or cancel it."},
    )
    message = forms.CharField(
        label="Anything you would like to say (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2_000,
        help_text="For example: a day or time that suits you better",
    )


ANSWER_DONE = "done"
ANSWER_NOT_DONE = "not_done"


class RequestAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your answer",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your answer."},
    )
    answer = forms.CharField(
        label="Message to them",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2_000,
        help_text="They read this on their appointments page.",
    )
    version = VersionField()

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = cast(forms.ChoiceField, self.fields["decision"])
        decision.choices = (
            (
                (ANSWER_DONE, "Cancel the appointment"),
                (ANSWER_NOT_DONE, "Do not cancel it (say why)"),
            )
            if kind == RequestKind.CANCEL
            else (
                (ANSWER_DONE, "I have changed it as they asked"),
                (ANSWER_NOT_DONE, "It cannot be changed (say why)"),
            )
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == ANSWER_NOT_DONE and not data.get("answer", "").strip():
            self.add_error("answer", "Say why, so they know where things stand.")
        return data


# What the person says came of a signpost, in their words, onto the outcome values
MY_OUTCOMES = (
    (SignpostOutcome.WENT, "I went"),
    (SignpostOutcome.DID_NOT_GO, "I didn't go"),
    (SignpostOutcome.NEEDS_DIFFERENT, "It's not for me"),
)


class MyOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Did you go?",
        choices=MY_OUTCOMES,
        error_messages={
            "required": "Choose what happened.",
            "invalid_choice": "Choose what happened.",
        },
    )
    version = VersionField()
