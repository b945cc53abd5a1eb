"""Forums' forms: input only."""

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from peerpath.core.dates import CALENDAR
from peerpath.core.forms import DateField, choose_from
from peerpath.core.versioning import VersionField

from .models import Attendance, ForumInvitation, ForumKind

NOTES_GUIDANCE = (
    "Write the themes and what was learned together, so peer workers who could not be "
    "there can share it. Write about practice, not people: no names, initials, places or "
    "stories that could identify someone supported, or a colleague."
)


class ForumForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of session",
        choices=ForumKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of session it is."},
    )
    on = DateField(label="Date", kind=CALENDAR, subject="the date")
    at = forms.TimeField(
        label="Start time",
        help_text="For example, 14:00",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={
            "required": "Enter the start time.",
            "invalid": "Enter the start time as hours and minutes, like 14:00.",
        },
    )
    place = forms.CharField(
        label="Where",
        max_length=200,
        help_text="For example: Recovery College, room 2, or a video call link",
        error_messages={"required": "Enter where it takes place."},
    )
    theme = forms.CharField(
        label="Theme",
        max_length=200,
        help_text="For example: Using our own story safely",
        error_messages={"required": "Enter a theme."},
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=4000,
        help_text="What the session is for, and anything to bring or read beforehand",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def starts_at(self) -> datetime:
        on = self.cleaned_data["on"]
        at: time = self.cleaned_data["at"]
        return timezone.make_aware(datetime.combine(on, at))


class ForumEditForm(ForumForm):
    """The session's details, with the version it was opened at. The kind stays as it was
    scheduled."""

    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        self.fields["theme"].label = "Title or theme"


class CancelForm(forms.Form):
    version = VersionField()
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text=(
            "Everyone invited is told by email, with this reason. It is kept with the session."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the session is cancelled."},
    )


class InviteOneForm(forms.Form):
    """One named person: a peer support worker or a graduate not yet employed (the scoped
    queryset the view gives)."""

    invitee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Who to invite",
        queryset=None,
        empty_label="Choose a person",
        error_messages={
            "required": "Choose who to invite.",
            "invalid_choice": "Choose a peer support worker or a graduate from the list.",
        },
    )

    def __init__(self, *args: Any, people: Any, invited: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(
            self.fields["invitee"],
            people,
            lambda u: f"{u.display_name} (already invited)" if u.pk in invited else u.display_name,
        )


class InviteForm(forms.Form):
    peer_workers = forms.BooleanField(label="Invite every peer support worker", required=False)
    graduates = forms.BooleanField(
        label="Invite graduates not yet employed as peer workers", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("peer_workers") and not data.get("graduates"):
            raise forms.ValidationError("Choose who to invite.")
        return data


class AttendanceForm(forms.Form):
    """One set of radios per invitee: neutral words, and "not recorded" until known."""

    version = VersionField()

    def __init__(self, *args: Any, invitations: list[ForumInvitation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for invitation in invitations:
            name = f"attendance_{invitation.pk}"
            self.fields[name] = forms.ChoiceField(
                label=invitation.invitee.display_name,
                choices=[*Attendance.choices, ("", "Not recorded yet")],
                widget=forms.RadioSelect,
                required=False,
            )
            self.initial.setdefault(name, invitation.attendance)

    def entries(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"attendance_{i.pk}"] for i in self.invitations}

    def rows(self) -> list[forms.BoundField]:
        return [self[f"attendance_{i.pk}"] for i in self.invitations]


class NotesForm(forms.Form):
    version = VersionField()
    theme = forms.CharField(
        label="Theme", max_length=200, error_messages={"required": "Enter a theme."}
    )
    learning_notes = forms.CharField(
        label="Shared learning notes",
        help_text=NOTES_GUIDANCE,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write the shared learning notes."},
    )
    notes_have_no_personal_details = forms.BooleanField(
        label="These notes include no personal details of people supported",
        required=False,
    )
