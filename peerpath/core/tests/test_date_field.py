"""The one date field: the NHS.UK date input (day, month, year), its messages and ranges,
the single typed value still understood, and how it renders."""

import importlib
import pkgutil
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django import forms
from django.template import engines
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from peerpath.core.forms import AuditSearchForm, DateField
from peerpath.tests.dates import date_boxes

# A Saturday in December 2026: the ranges below are worked out from it.
TODAY = date(2026, 12, 5)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(date(2026, 12, 5), tick=False):
        yield


class ContactForm(forms.Form):
    contact_on = DateField(label="Date of contact", not_future=True)


class AnyDateForm(forms.Form):
    on = DateField(label="Date", required=False)


class BirthForm(forms.Form):
    date_of_birth = DateField(label="Date of birth", required=False, past_only=True)


class PlanForm(forms.Form):
    review_on = DateField(label="Review date (optional)", required=False, not_past=True)


class CohortForm(forms.Form):
    starts_on = DateField(label="Starts on", subject="Start date", years_back=2, years_ahead=3)


def errors_of(form_class: type[forms.Form], data: dict[str, str]) -> dict[str, list[str]]:
    form = form_class(data)
    form.is_valid()
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def cleaned(form_class: type[forms.Form], data: dict[str, str], name: str) -> Any:
    form = form_class(data)
    assert form.is_valid(), form.errors
    return form.cleaned_data[name]


# --- reading the three boxes


def test_the_three_boxes_make_a_date() -> None:
    data = {"contact_on_day": "3", "contact_on_month": "11", "contact_on_year": "2026"}
    assert cleaned(ContactForm, data, "contact_on") == date(2026, 11, 3)


def test_leading_zeros_spaces_and_month_names_are_understood() -> None:
    for month in ("03", "March", "mar", "MAR.", " 3 "):
        data = {"on_day": " 07", "on_month": month, "on_year": "2026 "}
        assert cleaned(AnyDateForm, data, "on") == date(2026, 3, 7), month
    assert cleaned(AnyDateForm, date_boxes("on", "1/sept/2026"), "on") == date(2026, 9, 1)


def test_nothing_typed_asks_for_the_date_named_by_its_label() -> None:
    empty = {"contact_on_day": "", "contact_on_month": "", "contact_on_year": ""}
    assert errors_of(ContactForm, empty) == {"contact_on": ["Enter the date of contact"]}
    assert errors_of(ContactForm, {}) == {"contact_on": ["Enter the date of contact"]}
    assert cleaned(AnyDateForm, {"on_day": "", "on_month": "", "on_year": ""}, "on") is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("17", "", "2026"), "Date of contact must include a month"),
        (("", "11", "2026"), "Date of contact must include a day"),
        (("17", "11", ""), "Date of contact must include a year"),
        (("", "", "2026"), "Date of contact must include a day and month"),
        (("17", "", ""), "Date of contact must include a month and year"),
    ],
)
def test_a_missing_part_is_named(typed: tuple[str, str, str], message: str) -> None:
    day, month, year = typed
    data = {"contact_on_day": day, "contact_on_month": month, "contact_on_year": year}
    assert errors_of(ContactForm, data) == {"contact_on": [message]}


@pytest.mark.parametrize(
    "typed",
    [
        "30/2/2026",  # no 30 February
        "29/2/2025",  # not a leap year
        "32/1/2026",
        "1/13/2026",
        "0/0/2026",
        "x/1/2026",
        "1/Smarch/2026",
        "1/1/2o26",
        "²/1/2026",  # a digit to str.isdigit(), not to a person
        "1/1/0000",
    ],
)
def test_a_date_that_cannot_be_is_not_a_real_date(typed: str) -> None:
    data = date_boxes("contact_on", typed)
    assert errors_of(ContactForm, data) == {"contact_on": ["Date of contact must be a real date"]}


def test_a_year_must_have_four_numbers() -> None:
    for year in ("26", "202", "20266"):
        data = {"on_day": "1", "on_month": "2", "on_year": year}
        assert errors_of(AnyDateForm, data) == {"on": ["Date must include a year with 4 numbers"]}


# --- ranges


@pytest.mark.parametrize("typed", ["1/1/0001", "31/12/9999", "31/12/1899", "1/1/2101"])
def test_no_year_0001_or_9999_gets_through_any_date_field(typed: str) -> None:
    assert errors_of(AnyDateForm, date_boxes("on", typed)) == {
        "on": ["Date must be between 1900 and 2100"]
    }
    assert cleaned(AnyDateForm, date_boxes("on", "1/1/1900"), "on") == date(1900, 1, 1)
    assert cleaned(AnyDateForm, date_boxes("on", "31/12/2100"), "on") == date(2100, 12, 31)


def test_a_date_of_birth_must_be_in_the_past() -> None:
    assert errors_of(BirthForm, date_boxes("date_of_birth", TODAY)) == {
        "date_of_birth": ["Date of birth must be in the past"]
    }
    assert errors_of(BirthForm, date_boxes("date_of_birth", "1/1/1850")) == {
        "date_of_birth": ["Date of birth must be between 1900 and 2026"]
    }
    yesterday = TODAY - timedelta(days=1)
    assert cleaned(BirthForm, date_boxes("date_of_birth", yesterday), "date_of_birth") == yesterday


def test_a_record_of_what_happened_is_today_or_earlier() -> None:
    tomorrow = TODAY + timedelta(days=1)
    assert errors_of(ContactForm, date_boxes("contact_on", tomorrow)) == {
        "contact_on": ["Date of contact must be today or in the past"]
    }
    assert cleaned(ContactForm, date_boxes("contact_on", TODAY), "contact_on") == TODAY


def test_a_plan_is_today_or_later_and_optional_is_left_out_of_the_message() -> None:
    yesterday = TODAY - timedelta(days=1)
    assert errors_of(PlanForm, date_boxes("review_on", yesterday)) == {
        "review_on": ["Review date must be today or in the future"]
    }
    assert cleaned(PlanForm, date_boxes("review_on", TODAY), "review_on") == TODAY


def test_a_window_around_this_year() -> None:
    assert errors_of(CohortForm, date_boxes("starts_on", "1/9/2023")) == {
        "starts_on": ["Start date must be between 2024 and 2029"]
    }
    assert cleaned(CohortForm, date_boxes("starts_on", "1/1/2024"), "starts_on") == date(2024, 1, 1)
    assert cleaned(CohortForm, date_boxes("starts_on", "31/12/2029"), "starts_on") == date(
        2029, 12, 31
    )
    assert errors_of(CohortForm, date_boxes("starts_on", "1/1/2030")) == {
        "starts_on": ["Start date must be between 2024 and 2029"]
    }


# --- the single value still understood (scripts, older clients)


@pytest.mark.parametrize(
    "typed", ["17/11/2026", "17/11/26", "17-11-2026", "17.11.2026", "2026-11-17"]
)
def test_a_single_typed_value_is_still_understood(typed: str) -> None:
    assert cleaned(ContactForm, {"contact_on": typed}, "contact_on") == date(2026, 11, 17)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "Date of contact must be a real date"),
        ("yesterday", "Date of contact must be a real date"),
        ("0001-01-01", "Date of contact must be between 1900 and 2026"),
        ("2099-01-01", "Date of contact must be today or in the past"),
        ("", "Enter the date of contact"),
    ],
)
def test_a_single_typed_value_gets_the_same_messages(typed: str, message: str) -> None:
    assert errors_of(ContactForm, {"contact_on": typed}) == {"contact_on": [message]}


def test_the_boxes_win_over_a_single_value() -> None:
    data = {"contact_on": "1/1/2020", **date_boxes("contact_on", "2/2/2022")}
    assert cleaned(ContactForm, data, "contact_on") == date(2022, 2, 2)


def test_messages_are_the_same_on_the_audit_search() -> None:
    form = AuditSearchForm({**date_boxes("date_from", "1/13/2026"), "date_to_year": "2026"})
    assert not form.is_valid()
    assert form.errors == {
        "date_from": ["The start date must be a real date"],
        "date_to": ["The end date must include a day and month"],
    }


# --- rendering


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], position: int) -> None:
        self.tag, self.attrs, self.position, self.text = tag, attrs, position, ""


class Page(HTMLParser):
    """The elements of a rendered fragment, in order, with their own text."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, len(self.elements))
        self.elements.append(element)
        if tag not in ("input", "br", "img", "meta", "link"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.find(tag, **attrs)
        assert len(found) == 1, (tag, attrs, len(found))
        return found[0]


def render(form: forms.Form, name: str) -> Page:
    template = engines["jinja2"].env.from_string(  # type: ignore[attr-defined]
        '{% from "components/forms.jinja" import field, error_summary %}'
        "{{ error_summary(form) }}{{ field(form[name]) }}"
    )
    return Page(template.render(form=form, name=name))


def text_of(element: Element) -> str:
    return " ".join(element.text.split())


def has_error_style(element: Element) -> bool:
    return "nhsuk-input--error" in element.attrs["class"].split()


def test_it_renders_as_the_nhs_date_input_with_a_saved_date_in_the_boxes() -> None:
    page = render(ContactForm(initial={"contact_on": date(2026, 3, 4)}), "contact_on")
    fieldset = page.one("fieldset")
    assert fieldset.attrs["role"] == "group"
    assert fieldset.attrs["aria-describedby"] == "id_contact_on-hint"
    assert text_of(page.one("legend")) == "Date of contact"
    assert text_of(page.one("div", id="id_contact_on-hint")) == "For example, 5 12 2026"
    for part, label, value, width in (
        ("day", "Day", "4", "2"),
        ("month", "Month", "3", "2"),
        ("year", "Year", "2026", "4"),
    ):
        box = page.one("input", id=f"id_contact_on_{part}")
        assert box.attrs["name"] == f"contact_on_{part}"
        assert box.attrs["inputmode"] == "numeric"
        assert box.attrs["value"] == value
        assert f"nhsuk-input--width-{width}" in box.attrs["class"]
        assert not has_error_style(box)
        assert text_of(page.one("label", for_=f"id_contact_on_{part}")) == label
    assert not page.find("div", class_="nhsuk-error-summary")


def test_a_missing_month_marks_only_the_month_box_and_the_summary_links_to_it() -> None:
    form = ContactForm(date_boxes("contact_on", "17//2o26"))
    assert not form.is_valid()
    page = render(form, "contact_on")
    message = page.one("span", id="id_contact_on-error")
    assert text_of(message) == "Error: Date of contact must include a month"
    boxes = [page.one("input", id=f"id_contact_on_{part}") for part in ("day", "month", "year")]
    assert message.position < boxes[0].position  # the error is above the boxes
    assert [has_error_style(box) for box in boxes] == [False, True, False]
    # What was typed stays, even though it is wrong.
    assert [box.attrs["value"] for box in boxes] == ["17", "", "2o26"]
    link = page.one("a", href="#id_contact_on_month")
    assert text_of(link) == "Date of contact must include a month"
    assert (
        page.one("fieldset").attrs["aria-describedby"] == "id_contact_on-hint id_contact_on-error"
    )


def test_an_error_about_the_whole_date_marks_every_box_and_links_to_the_day() -> None:
    tomorrow = TODAY + timedelta(days=1)
    form = ContactForm(date_boxes("contact_on", tomorrow))
    assert not form.is_valid()
    page = render(form, "contact_on")
    boxes = [page.one("input", id=f"id_contact_on_{part}") for part in ("day", "month", "year")]
    assert all(has_error_style(box) for box in boxes)
    assert text_of(page.one("a", href="#id_contact_on_day")) == (
        "Date of contact must be today or in the past"
    )


def test_a_wrong_day_marks_the_day_and_a_short_year_the_year() -> None:
    page = render(ContactForm(date_boxes("contact_on", "31/4/2026")), "contact_on")
    marked = [
        has_error_style(page.one("input", id=f"id_contact_on_{p}"))
        for p in ("day", "month", "year")
    ]
    assert marked == [True, False, False]
    page = render(ContactForm(date_boxes("contact_on", "1/4/26")), "contact_on")
    assert text_of(page.one("a", href="#id_contact_on_year")) == (
        "Date of contact must include a year with 4 numbers"
    )


def test_an_error_added_by_the_form_links_to_the_day_box() -> None:
    form = ContactForm(date_boxes("contact_on", "1/4/2026"))
    assert form.is_valid()
    form.add_error("contact_on", "Someone has already recorded this contact.")
    page = render(form, "contact_on")
    assert text_of(page.one("a", href="#id_contact_on_day")) == (
        "Someone has already recorded this contact."
    )


def test_a_single_value_is_shown_back_in_the_three_boxes() -> None:
    page = render(ContactForm({"contact_on": "2026-02-30"}), "contact_on")
    values = [
        page.one("input", id=f"id_contact_on_{p}").attrs["value"] for p in ("day", "month", "year")
    ]
    assert values == ["30", "02", "2026"]


def test_the_example_in_the_hint_follows_today() -> None:
    with time_machine.travel(date(2027, 6, 1), tick=False):
        page = render(AnyDateForm(), "on")
        assert text_of(page.one("div", id="id_on-hint")) == "For example, 1 6 2027"
    assert timezone.localdate() == TODAY


# --- anything typed


typed = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)


@settings(max_examples=150, deadline=None)
@given(day=typed, month=typed, year=typed, single=typed)
def test_whatever_is_typed_gives_a_date_in_range_or_a_message(
    day: str, month: str, year: str, single: str
) -> None:
    for data in ({"on_day": day, "on_month": month, "on_year": year}, {"on": single}):
        form = AnyDateForm(data)
        if form.is_valid():
            value = form.cleaned_data["on"]
            assert value is None or 1900 <= value.year <= 2100
        else:
            (message,) = form.errors["on"]
            assert str(message).startswith("Date must ")
        render(form, "on")  # and it can be shown again


# --- every form


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class PeerPath defines (they live in modules named *form* or *view*)."""
    import peerpath

    for module in pkgutil.walk_packages(peerpath.__path__, "peerpath."):
        skip = any(part in module.name for part in (".tests", ".migrations", ".config"))
        if not skip and ("form" in module.name or "view" in module.name):
            importlib.import_module(module.name)

    def below(cls: type[forms.BaseForm]) -> list[type[forms.BaseForm]]:
        subclasses: list[type[forms.BaseForm]] = cls.__subclasses__()
        return [s for sub in subclasses for s in (sub, *below(sub))]

    return [c for c in below(forms.BaseForm) if c.__module__.startswith("peerpath.")]


def test_every_date_on_every_form_is_typed_in_the_one_date_field() -> None:
    classes = _form_classes()
    found = {
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField))
        and not isinstance(field, DateField)
    }
    assert found == set(), "use peerpath.core.forms.DateField (and a TimeField for a time)"
    # The check looks where the forms are: it sees the date fields of peer support and training.
    assert {"ContactNoteForm", "IntakeForm", "AuditSearchForm"} <= {c.__name__ for c in classes}


def test_no_template_types_a_date_by_hand() -> None:
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.jinja")
        if re.search(r"""type=["']date""", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
