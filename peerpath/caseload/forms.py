"""Input validation for people, referrals and the steps of the peer relationship."""

from typing import Any

from django import forms

from peerpath.accounts.models import User
from peerpath.core.dates import BIRTH, HAPPENED, PLANNED
from peerpath.core.forms import DateField, choose_from
from peerpath.core.versioning import VersionField
from peerpath.organisations.models import Team

from .models import AgreedHow, FamilyMember, PeerRelationship, Person, WorkerProfile

PERSON_FIELDS: tuple[str, ...] = (
    "full_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "nhs_number",
    "phone",
    "email",
    "address",
    "contact_preferences",
    "communication_needs",
    "what_matters",
)
PERSON_LABELS = {
    "full_name": "Full name",
    "preferred_name": "Preferred name",
    "pronouns": "Pronouns",
    "nhs_number": "NHS number (optional)",
    "phone": "Phone number (optional)",
    "email": "Email address (optional)",
    "address": "Address (optional)",
    "contact_preferences": "Contact preferences",
    "communication_needs": "Communication needs and reasonable adjustments",
    "what_matters": "Cultural, spiritual or personal beliefs that matter to them",
}
PERSON_HELP = {
    "preferred_name": "What they like to be called",
    "pronouns": "For example: she/her, they/them",
    "nhs_number": "10 digits, for example 943 476 5919",
    "contact_preferences": "How and when they would like to be contacted, and how not",
}
REFERRAL_FIELDS = ("source", "referrer", "reason", "experience_wanted", "referred_on")


class PersonFields(forms.ModelForm):
    date_of_birth = DateField(label="Date of birth", required=False, kind=BIRTH)

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        labels = PERSON_LABELS
        help_texts = PERSON_HELP
        widgets = {
            "nhs_number": forms.TextInput(attrs={"inputmode": "numeric"}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "full_name": {"required": "Enter the person's full name."},
            "email": {"invalid": "Enter an email address, like name@example.com."},
        }

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data.get("nhs_number", "")
        return value.replace(" ", "").replace("-", "")


# The details form of a person already known also records a date of death (retention).
PERSON_EDIT_FIELDS = (*PERSON_FIELDS, "died_on")


class PersonForm(PersonFields):
    died_on = DateField(
        label="Date of death (only if they have died)",
        required=False,
        kind=HAPPENED,
        help_text="Their record is kept for a set number of years after this date.",
    )
    version = VersionField()

    class Meta(PersonFields.Meta):
        fields = PERSON_EDIT_FIELDS


class ReferralFields(forms.Form):
    """The referral itself: for someone new (with their details) or someone known again."""

    source = forms.ChoiceField(
        label="Who made the referral",
        choices=PeerRelationship._meta.get_field("source").choices,  # type: ignore[arg-type]
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who made the referral."},
    )
    referrer = forms.CharField(
        label="Referrer's name and contact details",
        required=False,
        max_length=200,
        help_text="Leave empty for a self-referral",
    )
    reason = forms.CharField(
        label="Reason for referral",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for the referral."},
    )
    experience_wanted = forms.CharField(
        label="Shared experience the person asks for (optional)",
        required=False,
        max_length=300,
        help_text="For example: psychosis, being a carer. Used to suggest a peer support worker.",
    )
    referred_on = DateField(label="Date of referral", kind=HAPPENED)
    team: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="Team",
        empty_label=None,
        error_messages={
            "required": "Choose the team.",
            "invalid_choice": "Choose one of your teams.",
        },
    )
    allocate_to_me = forms.BooleanField(
        label="I will be this person's peer support worker",
        required=False,
        help_text="Leave unticked for a supervisor to match them with a peer support worker",
    )

    def __init__(self, *args: Any, teams: Any, can_take: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["team"], teams)
        if not can_take:
            del self.fields["allocate_to_me"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") in ("team", "professional") and not data.get("referrer"):
            self.add_error("referrer", "Enter who made the referral and how to reach them.")
        return data


class ReferralForm(ReferralFields, PersonFields):
    """A new person and their referral, on one page."""


class FamilyMemberForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = FamilyMember
        fields = ("name", "relationship", "is_carer", "phone", "email", "may_be_told")
        error_messages = {
            "name": {"required": "Enter their name."},
            "relationship": {
                "required": "Enter how they are related to the person, or who they are."
            },
        }

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]  # a new entry has no version to check yet


class VersionForm(forms.Form):
    version = VersionField()


class ChoiceForm(VersionForm):
    wants_peer_support = forms.TypedChoiceField(
        label="Would the person like to work with a peer support worker?",
        choices=(("yes", "Yes"), ("no", "No, not now")),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the person decided."},
    )
    on = DateField(label="Date they decided", kind=HAPPENED)
    note = forms.CharField(
        label="Anything they want us to know (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FirstMeetingForm(VersionForm):
    first_met_on = DateField(label="Date of the first meeting", kind=HAPPENED)
    purpose_discussed = forms.BooleanField(
        label="We talked about the purpose of peer support",
        error_messages={"required": "Talk about the purpose of peer support before going on."},
    )
    boundaries_discussed = forms.BooleanField(
        label="We talked about boundaries",
        error_messages={"required": "Talk about boundaries before going on."},
    )
    confidentiality_discussed = forms.BooleanField(
        label="We talked about the limits of confidentiality and information sharing",
        error_messages={"required": "Talk about the limits of confidentiality before going on."},
    )
    consent_to_proceed = forms.BooleanField(
        label="The person consents to go on with peer support",
        error_messages={"required": "Peer support goes on only with the person's consent."},
    )
    meeting_place = forms.CharField(
        label="Where the person prefers to meet",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter where the person prefers to meet."},
    )
    away_from_services = forms.BooleanField(
        label="This is a place not associated with services (a café, a park, their home)",
        required=False,
    )
    safety_check = forms.CharField(
        label="Personal-safety check",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Needed when meeting away from services: who knows where you are, how to get help"
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("away_from_services") and not data.get("safety_check", "").strip():
            self.add_error(
                "safety_check", "Record the personal-safety check for meeting away from services."
            )
        return data


class EndingForm(VersionForm):
    planned_end_on = DateField(label="Planned end date", kind=PLANNED)
    next_wanted = forms.CharField(
        label="What the person wants next",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the person wants next, in their words."},
    )
    transition_to = forms.CharField(
        label="Where the person is going (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: another team, a recovery college course, a community group",
    )
    continuity_plan = forms.CharField(
        label="What continuity is planned (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EndForm(VersionForm):
    ended_on = DateField(label="Date it ended", kind=HAPPENED)
    ending_summary = forms.CharField(
        label="Summary of the peer relationship",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the person achieved, their strengths, and what comes next",
        error_messages={"required": "Write a summary of the peer relationship."},
    )


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label="Anything the person said about it (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WorkerChoiceForm(VersionForm):
    worker: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Peer support worker",
        error_messages={
            "required": "Choose a peer support worker.",
            "invalid_choice": "Choose one of the peer support workers listed.",
        },
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["worker"], workers)


class TransferForm(WorkerChoiceForm):
    team: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="Team",
        empty_label=None,
        error_messages={
            "required": "Choose the team.",
            "invalid_choice": "Choose one of the teams listed.",
        },
    )
    transition_to = forms.CharField(
        label="Where the person is going",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter where the person is going."},
    )
    continuity_plan = forms.CharField(
        label="What continuity is planned",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a joint handover meeting, the same group continues",
        error_messages={"required": "Enter what continuity is planned."},
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["team"], teams)


class WorkerProfileForm(forms.ModelForm):
    """The worker's own matching profile. Their caseload capacity is not here: it is agreed
    with their supervisor, who records it (CapacityForm)."""

    version = VersionField()

    class Meta:
        model = WorkerProfile
        fields = ("shared_experiences",)
        labels = {"shared_experiences": "Experience you are willing to share"}
        help_texts = {
            "shared_experiences": (
                "Comma-separated, for example: psychosis, being a carer, hearing voices. "
                "Used only to suggest matches; you choose what you share."
            ),
        }


MAX_CAPACITY = 40


class CapacityForm(forms.Form):
    """The caseload capacity a supervisor and a worker agreed together."""

    version = VersionField()
    capacity = forms.IntegerField(
        label="How many people they can support at once",
        min_value=0,
        max_value=MAX_CAPACITY,
        error_messages={
            "required": "Enter the number of people you agreed.",
            "invalid": f"Enter a whole number from 0 to {MAX_CAPACITY}.",
            "min_value": f"Enter a whole number from 0 to {MAX_CAPACITY}.",
            "max_value": f"Enter a whole number from 0 to {MAX_CAPACITY}.",
        },
    )
    agreed = forms.BooleanField(
        error_messages={"required": "Confirm that you agreed this number together."},
    )

    def __init__(self, *args: Any, worker_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreed"].label = f"{worker_name} and I agreed this number together"
        self.fields["capacity"].help_text = (
            "Think about their hours, experience and wellbeing. No one is matched with "
            "them past this number."
        )


class PortalAccessForm(forms.Form):
    """The person's agreement to sign in to PeerPath, and the address to invite."""

    email = forms.EmailField(
        label="Their email address",
        help_text="We will send an invitation to this address. The link lasts 7 days.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
        },
    )
    agreed_on = DateField(
        label="When did they agree?", subject="The date they agreed", kind=HAPPENED
    )
    how = forms.ChoiceField(
        choices=AgreedHow.choices,
        widget=forms.RadioSelect,
        label="How did they agree?",
        error_messages={"required": "Choose how they agreed"},
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label="Anything to note (optional)",
        help_text="For example, what you talked through with them about using PeerPath.",
    )
