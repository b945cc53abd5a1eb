"""Input validation for consent, safeguarding concerns and disclosures."""

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone

from peerpath.caseload.models import FamilyMember, Person
from peerpath.core.dates import HAPPENED
from peerpath.core.forms import DateField, choose_from
from peerpath.core.versioning import VersionField

from .models import ConcernActionKind, Disclosure, SafeguardingConcern, ShareScope

SCOPE_HINTS = {
    ShareScope.GOALS: "Their goals in their own words, the steps and the successes",
    ShareScope.RECOVERY_PLAN: "The current version of their recovery plan",
    ShareScope.CRISIS_PLAN: "The current version of their crisis plan",
    ShareScope.ADVANCE_STATEMENT: "The current version of their advance statement",
    ShareScope.APPOINTMENTS: "Date, what and where of upcoming appointments",
}


class RecipientChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.relationship})"


class ConsentGrantForm(forms.Form):
    recipient = RecipientChoiceField(
        queryset=FamilyMember.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Who does the person want to share with?",
        error_messages={
            "required": "Choose who the person wants to share with",
            "invalid_choice": "Choose one of the family members or carers listed",
        },
    )
    scopes = forms.MultipleChoiceField(
        choices=ShareScope.choices,
        widget=forms.CheckboxSelectMultiple,
        label="What does the person want to share with them?",
        help_text="Select all that apply. The person can change their mind at any time.",
        error_messages={"required": "Choose at least one thing to share"},
    )
    person_agreed = forms.BooleanField(required=True)

    def __init__(self, *args: Any, person: Person, family: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["recipient"], family)
        name = person.display_name
        self.fields["person_agreed"].label = f"{name} has agreed to share this"
        self.fields["person_agreed"].error_messages["required"] = (
            f"Confirm that {name} has agreed to share this"
        )


class ConcernForm(forms.ModelForm):
    class Meta:
        model = SafeguardingConcern
        fields = ("abuse_type", "who_is_at_risk", "immediacy", "what_was_said", "actions_taken")
        widgets = {
            "abuse_type": forms.RadioSelect,
            "immediacy": forms.RadioSelect,
        }
        labels = {
            "abuse_type": "Type of abuse or neglect",
            "who_is_at_risk": "Who is at risk?",
            "immediacy": "How soon is action needed?",
            "what_was_said": "What was said",
            "actions_taken": "What have you done so far?",
        }
        help_texts = {
            "who_is_at_risk": "The person, a child, another adult. Say if a child is involved.",
            "what_was_said": "In the person's own words where possible, and who said it",
            "actions_taken": "For example: called 999, talked it through with the person",
        }
        error_messages = {
            "abuse_type": {"required": "Choose the type of abuse or neglect"},
            "who_is_at_risk": {"required": "Say who is at risk"},
            "immediacy": {"required": "Choose how soon action is needed"},
            "what_was_said": {"required": "Enter what was said"},
            "actions_taken": {"required": "Enter what you have done so far, or say nothing yet"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No "-------" option on the radios.
        for name in ("abuse_type", "immediacy"):
            field = cast(forms.ChoiceField, self.fields[name])
            choices = cast(list[tuple[str, str]], field.choices)
            field.choices = [c for c in choices if c[0] != ""]


class ConcernCloseForm(forms.Form):
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Outcome",
        help_text="What was decided and done, and who was told",
        max_length=5000,
        error_messages={"required": "Enter the outcome before closing the concern"},
    )


class ConcernChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_abuse_type_display()}, raised {obj.raised_at:%-d %B %Y}"


MIN_JUSTIFICATION_WORDS = 6


class DisclosureForm(forms.ModelForm):
    concern = ConcernChoiceField(
        queryset=SafeguardingConcern.objects.none(),
        required=False,
        empty_label="Not linked to a concern",
        label="Safeguarding concern this relates to (optional)",
    )

    class Meta:
        model = Disclosure
        fields = ("told_whom", "what_was_shared", "justification", "person_told", "concern")
        labels = {
            "told_whom": "Who was told?",
            "what_was_shared": "What was shared?",
            "justification": "Why was it necessary to share without consent?",
            "person_told": "Was the person told? If so, how; if not, why not",
        }
        help_texts = {
            "told_whom": "A name, role and organisation, like: duty social worker, Riverside "
            "adult social care",
            "what_was_shared": "Only what was needed",
            "justification": "The serious harm it was meant to prevent, and why asking for "
            "consent was not possible or not safe",
        }
        error_messages = {
            "told_whom": {"required": "Enter who was told"},
            "what_was_shared": {"required": "Enter what was shared"},
            "justification": {"required": "Enter why it was necessary to share without consent"},
        }

    def __init__(self, *args: Any, concerns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["concern"], concerns)

    def clean_justification(self) -> str:
        value: str = self.cleaned_data["justification"].strip()
        if len(value.split()) < MIN_JUSTIFICATION_WORDS:
            raise forms.ValidationError(
                "Explain in at least a sentence why it was necessary to share without consent"
            )
        return value


# A timeline entry may be recorded a little ahead of the server's clock (a slow watch).
FUTURE_LEEWAY = timedelta(minutes=5)


class ConcernActionForm(forms.Form):
    """One entry on a concern's timeline: what was done, when, with whom."""

    kind = forms.ChoiceField(
        choices=ConcernActionKind.choices,
        widget=forms.RadioSelect,
        label="What kind of action or contact was it?",
        error_messages={"required": "Choose what kind of action or contact it was"},
    )
    happened_on = DateField(
        label="Date it happened", required_message="Enter the date it happened", kind=HAPPENED
    )
    happened_time = forms.TimeField(
        label="Time it happened",
        help_text="Use the 24-hour clock, for example 14:30",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the time it happened, for example 14:30",
            "invalid": "Enter the time in the 24-hour clock, for example 14:30",
        },
    )
    with_whom = forms.CharField(
        label="Who was contacted or told (optional)",
        help_text="A name, role and organisation, for example: duty social worker, Riverside "
        "adult social care",
        max_length=300,
        required=False,
    )
    what = forms.CharField(
        label="What was done",
        help_text="What was said or agreed, and anything still to do",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter what was done"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, at = data.get("happened_on"), data.get("happened_time")
        if on is not None and at is not None:
            when = timezone.make_aware(datetime.combine(on, at))
            if when > timezone.now() + FUTURE_LEEWAY:
                self.add_error("happened_on", "The date and time cannot be in the future")
            else:
                data["happened_at"] = when
        return data

    def entry(self) -> dict[str, Any]:
        """The cleaned data as the service takes it."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "happened_at": data["happened_at"],
            "with_whom": data["with_whom"],
            "what": data["what"],
        }


class CarerInviteForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="We will email them a link to choose a password. Nothing about the person "
        "is in the email.",
        max_length=254,
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address, like name@example.com",
        },
    )


# --- the person's own sharing, and carers ------------------------------------------------


class MyShareForm(forms.Form):
    """The person chooses what more to share with one of their family or carers."""

    scopes = forms.MultipleChoiceField(
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        label="What would you like to share with them?",
        help_text="Select all that you want to share. You can stop sharing at any time.",
        error_messages={"required": "Choose at least one thing to share"},
    )

    def __init__(self, *args: Any, not_shared: list[ShareScope], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["scopes"]).choices = [
            (scope.value, scope.label) for scope in not_shared
        ]


class DisclosureWithholdForm(forms.Form):
    version = VersionField()
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        label="Why should the person not see this disclosure on their own page?",
        help_text=(
            "For example, telling them would put someone at risk of serious harm. Leave it "
            "empty to show the disclosure to them again."
        ),
    )


class CarerMessageForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
        label="Your message",
        help_text=(
            "Their peer support worker will read it when they are next at work. This is not "
            "for emergencies."
        ),
        error_messages={
            "required": "Write your message",
            "max_length": "Your message must be 2000 characters or fewer",
        },
    )
