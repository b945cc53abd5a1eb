"""Input validation for programme and module editing, and for a new cohort."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator

from peerpath.core.forms import IdMultipleChoiceField, choose_from
from peerpath.core.versioning import VersionField
from peerpath.framework.models import Framework, Statement, Unit
from peerpath.training.models import DeliveryMode, Programme

User = get_user_model()


class ProgrammeForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Programme
        fields = (
            "title",
            "provider",
            "accreditation",
            "summary",
            "delivery_mode",
            "delivery",
            "weeks",
            "days_per_week",
            "total_days",
            "day_starts",
            "day_ends",
            "modules_per_day",
            "attendance_threshold",
            "attendance_rule",
            "placement_required",
            "placement_days_required",
            "placement_description",
            "requires_portfolio_sign_off",
        )
        labels = {
            "attendance_threshold": "Minimum attendance to graduate (%)",
            "placement_required": "Work experience is required to graduate",
            "placement_days_required": "Work experience days required",
            "requires_portfolio_sign_off": "Every competence in the portfolio must be signed off",
            "delivery": "How it is delivered",
            "day_starts": "Training days start at",
            "day_ends": "Training days end at",
        }
        help_texts = {
            "attendance_threshold": "Leave empty if the programme has no minimum",
            "day_starts": "For example, 10:00",
            "day_ends": "For example, 16:00",
        }
        widgets = {"delivery_mode": forms.Select(choices=[("", "Not set"), *DeliveryMode.choices])}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter the programme's title."
        self.fields["placement_days_required"].required = False
        self.fields["attendance_threshold"].validators.append(
            MaxValueValidator(100, message="Enter a percentage from 0 to 100.")
        )

    def clean_placement_days_required(self) -> int:
        return self.cleaned_data.get("placement_days_required") or 0

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("day_starts"), data.get("day_ends")
        if starts and ends and ends <= starts:
            self.add_error("day_ends", "The day must end after it starts.")
        if data.get("placement_required") and not data.get("placement_days_required"):
            self.add_error(
                "placement_days_required", "Enter how many work experience days are required."
            )
        return data


class ModuleForm(forms.Form):
    title = forms.CharField(
        max_length=300,
        required=False,
        help_text="Leave empty if the module has no name yet: it is then shown by its number.",
    )
    aims = forms.CharField(widget=forms.Textarea, required=False)
    prep_hours = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        label="Pre-course preparation (hours)",
        error_messages={"invalid": "Enter a number of hours, like 1 or 2.5"},
    )
    teaching_hours = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
        label="Teaching (hours)",
        error_messages={"invalid": "Enter a number of hours, like 1 or 2.5"},
    )
    units = IdMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Whole units this module covers",
    )
    statements = IdMultipleChoiceField(
        queryset=Statement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Single statements it covers (from other units)",
    )
    version = VersionField()

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(
            self.fields["units"],
            Unit.objects.filter(framework=framework).order_by("order"),
            lambda u: f"{u.code} {u.title}",
        )
        choose_from(
            self.fields["statements"],
            Statement.objects.filter(framework=framework)
            .select_related("unit")
            .order_by("unit__order", "number"),
            lambda s: f"{s.ref} {s.text}",
        )


class CopiedTextForm(forms.Form):
    """One copied text, kept or reworded; `expected` is the text the copier saw."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        label="Wording for your organisation",
    )
    expected = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
