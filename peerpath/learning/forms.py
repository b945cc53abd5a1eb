"""Learning's forms: input validation only."""

import re
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from peerpath.core.dates import CALENDAR, HAPPENED, PLANNED
from peerpath.core.forms import DateField, choose_from
from peerpath.core.versioning import VersionField
from peerpath.framework.models import Statement, Unit
from peerpath.learning.models import Refresher

# Section 5: "Optional skills – using psychological approaches to support personal recovery".  # noqa: RUF003
OPTIONAL_SECTION = 5


class InductionItemForm(forms.Form):
    planned_on = DateField(
        label="Planned date (optional)", subject="Planned date", kind=CALENDAR, required=False
    )
    completed_on = DateField(
        label="Date completed (optional)",
        subject="Date completed",
        kind=HAPPENED,
        required=False,
        help_text="Leave empty until it is done. For example, 15 3 2026",
    )
    version = VersionField()


class StatementRefsField(forms.CharField):
    """Competence statements typed by their references ("2.1.3, 3.5.1"), checked against
    the framework the form is made with."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.statements: QuerySet[Statement] = Statement.objects.none()

    def clean(self, value: Any) -> list[Statement]:
        text = super().clean(value)
        refs = [r for r in re.split(r"[\s,;]+", text or "") if r]
        if not refs:
            raise forms.ValidationError(
                "Enter at least one competence statement, for example 2.1.3"
            )
        found = {s.ref: s for s in self.statements.filter(ref__in=refs)}
        unknown = [r for r in refs if r not in found]
        if unknown:
            raise forms.ValidationError(
                f"{', '.join(unknown)} {'is not' if len(unknown) == 1 else 'are not'} in the "
                "competence framework. Use references such as 2.1.3"
            )
        return list(dict.fromkeys(found[r] for r in refs))


class BookletEntryForm(forms.Form):
    happened_on = DateField(label="Date", subject="Date", kind=HAPPENED)
    what_i_did = forms.CharField(
        label="What I did",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you did"},
        help_text="Leave out anything that would identify a person you support.",
    )
    reflection = forms.CharField(
        label="Reflection",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your reflection"},
        help_text="How it went, what you noticed in yourself and in the other person.",
    )
    what_i_learnt = forms.CharField(
        label="What I learnt",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you learnt"},
    )
    statements = StatementRefsField(
        label="Competences this entry shows",
        help_text=(
            "The references of the competence statements, separated by commas, for "
            "example 2.1.3, 3.5.1. The competence framework lists them."
        ),
        required=False,
    )
    version = VersionField()

    def __init__(self, data: Any = None, *, statements: QuerySet[Statement], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        field = cast(StatementRefsField, self.fields["statements"])
        field.statements = statements


class ReviewForm(forms.Form):
    comments = forms.CharField(
        label="Comments for the worker",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Start with what went well. Needed when you send the entry back.",
    )
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=(
            ("sign", "Sign off: this entry shows these competences"),
            ("return", "Send back with my comments"),
        ),
        error_messages={"required": "Choose whether to sign the entry off or send it back"},
    )
    version = VersionField()


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the addendum"},
        help_text="A signed entry is not changed: what you add here is kept with today's date.",
    )


class PlanUnitForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Unit of the competence framework",
        queryset=Unit.objects.none(),
        empty_label="Choose a unit",
        error_messages={"required": "Choose a unit", "invalid_choice": "Choose a unit"},
    )
    what_i_want_to_learn = forms.CharField(
        label="What I want to learn",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you want to learn"},
    )
    review_by = DateField(
        label="Review by (optional)", subject="Review date", kind=PLANNED, required=False
    )

    def __init__(self, data: Any = None, *, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choose_from(
            self.fields["unit"],
            units,
            lambda u: (
                f"Unit {u.code}: {u.title}"
                + (" (optional)" if u.section.number == OPTIONAL_SECTION else "")
            ),
        )


class LearningRecordForm(forms.Form):
    activity = forms.CharField(
        label="Activity",
        max_length=300,
        help_text="For example: a course, reading, shadowing a colleague, a group I co-facilitated",
        error_messages={"required": "Enter the activity"},
    )
    happened_on = DateField(label="Date", subject="Date", kind=HAPPENED)
    what_i_learnt = forms.CharField(
        label="What I learnt",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you learnt"},
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="A certificate, a reflection, feedback. Leave out anything that would "
        "identify a person you support.",
    )


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label="Comment (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What the worker's learning shows. Start with their strengths.",
    )
    version = VersionField()


class RefresherForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example, Safeguarding",
        error_messages={"required": "Enter the refresher's name"},
    )
    unit = forms.ModelChoiceField(
        label="Unit of the competence framework it refreshes (optional)",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="None",
    )
    every_months = forms.IntegerField(
        label="Every how many months",
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many months apart it is repeated",
            "invalid": "Enter a whole number of months, like 12",
            "min_value": "Enter at least 1 month",
            "max_value": "Enter at most 60 months",
        },
    )

    def __init__(self, data: Any = None, *, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choose_from(self.fields["unit"], units, lambda u: f"Unit {u.code}: {u.title}")


class RefresherCompletionForm(forms.Form):
    refresher = forms.ModelChoiceField(
        label="Refresher",
        queryset=Refresher.objects.none(),
        empty_label="Choose a refresher",
        error_messages={
            "required": "Choose the refresher",
            "invalid_choice": "Choose the refresher",
        },
    )
    completed_on = DateField(label="Date completed", subject="Date completed", kind=HAPPENED)
    note = forms.CharField(
        label="Note (optional)", max_length=300, required=False, help_text="For example, the course"
    )

    def __init__(self, data: Any = None, *, refreshers: QuerySet[Refresher], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choose_from(self.fields["refresher"], refreshers)
