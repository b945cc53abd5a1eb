"""Input validation for the organisation admin's pages."""

from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation

from peerpath.core.roles import Role
from peerpath.core.versioning import VersionField

from .models import Organisation, Team

ROLE_HINTS = {
    Role.ORG_ADMIN: "Manages people, teams and the audit log.",
    Role.COORDINATOR: "Runs recruitment, cohorts, placements and graduation.",
    Role.TRAINER: "Runs training sessions, marks work and signs off competences.",
    Role.SUPERVISOR: "Supervises peer support workers and trainees on placement.",
    Role.SAFEGUARDING_LEAD: "Receives and follows up safeguarding concerns.",
    Role.ON_CALL: "On call or in a crisis team: may open a crisis plan urgently, giving a reason.",
    Role.PSW: "Supports people in their personal recovery.",
    Role.TRAINEE: "Is training to become a peer support worker.",
    Role.PERSON: "Is supported by a peer support worker, and may see their own plans.",
    Role.CARER: "Supports a person, and sees only what that person agrees to share.",
}


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        return obj.name


class MemberRolesForm(forms.Form):
    roles = forms.TypedMultipleChoiceField(
        choices=Role.choices,
        coerce=Role,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one role."},
        label="Roles",
    )
    team = TeamChoiceField(
        queryset=Team.objects.none(), required=False, empty_label="No team", label="Team"
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = Team.objects.for_organisation(organisation)

    def clean_roles(self) -> set[Role]:
        return set(self.cleaned_data["roles"])


class MemberEditForm(MemberRolesForm):
    # The roles and team the page showed: the version check of a record kept in many rows.
    expected = forms.CharField(widget=forms.HiddenInput, required=False)


class InviteForm(MemberRolesForm):
    full_name = forms.CharField(
        max_length=200,
        label="Full name",
        error_messages={"required": "Enter the person's full name."},
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the person's email address.",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    field_order = ("full_name", "email", "roles", "team")

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class TeamForm(forms.Form):
    name = forms.CharField(
        max_length=200, label="Team name", error_messages={"required": "Enter a name for the team."}
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if Team.objects.for_organisation(self.organisation).filter(name__iexact=name).exists():
            raise forms.ValidationError("There is already a team with this name.")
        return name


def _retention_years(label: str, hint: str) -> forms.IntegerField:
    message = "Enter a number of years from 8 to 100."
    return forms.IntegerField(
        label=label,
        min_value=8,
        max_value=100,
        help_text=hint,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class OrganisationSettingsForm(forms.Form):
    publishes_framework = forms.TypedChoiceField(
        label="Publish the competence framework",
        choices=(
            ("yes", "Yes, anyone can read it at a public address, without signing in"),
            ("no", "No, only people with a PeerPath account here can read it"),
        ),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to publish the framework."},
    )
    retention_years_after_care = _retention_years(
        "Years to keep a person's record after their care ended",
        "The Records Management Code of Practice 2021 says 20 years for mental health records.",
    )
    retention_years_after_death = _retention_years(
        "Years to keep a person's record after their death",
        "The Records Management Code of Practice 2021 says 10 years for mental health records.",
    )
    version = VersionField()


class MemberSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search by name or email")


class InvitationPasswordForm(forms.Form):
    """The password a newly invited person chooses, checked by Django's validators."""

    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput,
        help_text=(
            "Use at least 12 characters. Three or four random words together are easy to "
            "remember and hard to guess. Do not use your name or email address."
        ),
        error_messages={"required": "Create a password."},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Type the password again."},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password1(self) -> str:
        password = str(self.cleaned_data["password1"])
        password_validation.validate_password(password, self.user)
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2", "The passwords do not match. Type the same password in both boxes."
            )
        return data


class InvitationRequestForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address your invitation was sent to",
        error_messages={
            "required": "Enter the email address your invitation was sent to.",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()
