"""Input validation for the organisation admin's pages."""

from typing import Any

from django import forms

from peerpath.core.roles import Role

from .models import Organisation, Team

ROLE_HINTS = {
    Role.ORG_ADMIN: "Manages people, teams and the audit log.",
    Role.COORDINATOR: "Runs recruitment, cohorts, placements and graduation.",
    Role.TRAINER: "Runs training sessions, marks work and signs off competences.",
    Role.SUPERVISOR: "Supervises peer support workers and trainees on placement.",
    Role.SAFEGUARDING_LEAD: "Receives and follows up safeguarding concerns.",
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
        self.fields["team"].queryset = Team.objects.for_organisation(organisation)  # type: ignore[attr-defined]

    def clean_roles(self) -> set[Role]:
        return set(self.cleaned_data["roles"])


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


class MemberSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search by name or email")
