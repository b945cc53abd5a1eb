"""Learning's forms: input validation only."""

from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from peerpath.core.dates import CALENDAR, HAPPENED, PLANNED
from peerpath.core.forms import DateField, IdMultipleChoiceField, choose_from
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


@dataclass
class UnitChoices:
    """One unit of the framework in the statement picker, with its statements as checkbox
    items (for the NHS.UK checkboxes macro)."""

    code: str
    title: str
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def chosen(self) -> int:
        return sum(1 for item in self.items if item["checked"])


@dataclass
class SectionChoices:
    number: int
    title: str
    units: list[UnitChoices] = field(default_factory=list)


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
    statements = IdMultipleChoiceField(
        label="Competences this entry shows",
        help_text=(
            "Open a unit of the competence framework and tick each statement this entry "
            "shows. The statements are grouped by section and unit."
        ),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one competence statement this entry shows",
            "invalid_choice": "Choose competence statements from the framework",
            "invalid_pk_value": "Choose competence statements from the framework",
        },
    )
    version = VersionField()

    def __init__(self, data: Any = None, *, statements: QuerySet[Statement], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choose_from(
            self.fields["statements"],
            statements.select_related("unit__section").order_by("unit__order", "number"),
            lambda s: f"{s.ref} {s.text}",
        )

    def statement_groups(self) -> list[SectionChoices]:
        """The framework's statements grouped by section and unit, each a checkbox item
        ticked as posted (or as saved), with ids in one run so the error links to the
        first (one query)."""
        bound = self["statements"]
        value = bound.value() or []
        chosen = {str(v) for v in ([value] if isinstance(value, str | int) else value)}
        picker = cast(IdMultipleChoiceField, self.fields["statements"])
        sections: list[SectionChoices] = []
        units: dict[int, UnitChoices] = {}
        for index, statement in enumerate(cast(QuerySet[Statement], picker.queryset)):
            unit = statement.unit
            if unit.pk not in units:
                section = unit.section
                if not sections or sections[-1].number != section.number:
                    sections.append(SectionChoices(section.number, section.title))
                units[unit.pk] = UnitChoices(unit.code, unit.title)
                sections[-1].units.append(units[unit.pk])
            units[unit.pk].items.append(
                {
                    "value": str(statement.pk),
                    "text": f"{statement.ref} {statement.text}",
                    "id": f"{bound.auto_id}_{index}",
                    "checked": str(statement.pk) in chosen,
                }
            )
        return sections


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
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=2000,
        help_text="What it covers and where workers can do it",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data: Any = None, *, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choose_from(self.fields["unit"], units, lambda u: f"Unit {u.code}: {u.title}")


class RefresherEditForm(RefresherForm):
    version = VersionField()


class RefresherRetireForm(forms.Form):
    version = VersionField()


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
