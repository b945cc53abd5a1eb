"""Form helpers shared across apps (the one date field among them), and the audit log
search form."""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.functional import lazy

from .dates import ANY, EARLIEST_YEAR, LATEST_YEAR, DateKind
from .models import AuditAction, AuditOutcome
from .selectors import (
    DEFAULT_DAYS,
    MAX_DAYS,
    TEXT_MIN_LENGTH,
    TEXT_SEARCH_MAX_DAYS,
    AuditFilter,
    default_range,
)

# The largest id the database can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects that refuses an id the database cannot hold, with the
    field's own "invalid choice" message, before it reaches the `pk__in` query (where it
    would be a server error)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            text = str(pk).strip()
            if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return super()._check_values(value)  # type: ignore[misc]


# --- dates ---------------------------------------------------------------------------------
#
# Every date on every form is typed in the NHS.UK date input: three boxes, Day, Month and
# Year, inside a fieldset whose legend is the field's label, with the design system's error
# messages ("Enter the date of contact", "Date of contact must include a month", "... must
# be a real date", "... must be today or in the past", "... must be between 1900 and 2100").
# The browser posts `<name>_day`, `<name>_month` and `<name>_year`. When none of the three
# is in the data, the single value under `<name>` is read instead, typed day/month/year or
# year-month-day (DATE_INPUT_FORMATS), so scripts and older client tests keep working.

DATE_PARTS = ("day", "month", "year")
DATE_INPUT_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d")

# The widest range a date field accepts unless it says otherwise (core/dates.py, which the
# date columns check too). Between them, slips such as a year typed 0001, 202 or 9999 get a
# plain message instead of being saved as a real date.
DEFAULT_MIN_YEAR = EARLIEST_YEAR
DEFAULT_MAX_YEAR = LATEST_YEAR

# Months may be typed as words too ("March", "mar", "Sept"), as people copy them from letters.
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


class DateParts(NamedTuple):
    """The three boxes as typed, kept as text so a form shown again keeps what was typed."""

    day: str
    month: str
    year: str


def date_example(value: date) -> str:
    """A date written the way the hint shows it: "17 11 2026"."""
    return f"{value.day} {value.month} {value.year}"


def date_hint(days_from_today: int = 0, *, before: str = "") -> str:
    """A hint with an example date that stays near today, worked out when the page is shown
    (class-level help text is built once, when the server starts)."""

    def text() -> str:
        example = date_example(timezone.localdate() + timedelta(days=days_from_today))
        return f"{before}For example, {example}"

    return lazy(text, str)()


def _split_single(text: str) -> DateParts | None:
    """A single typed date cut into its parts ("30/02/2026", "2026-02-30"), or None."""
    pieces = [p for p in re.split(r"[\s/.\-]+", text.strip()) if p]
    if len(pieces) != 3:
        return None
    if len(pieces[0]) == 4 and pieces[0].isdigit():
        year, month, day = pieces
        return DateParts(day, month, year)
    return DateParts(*pieces)


def _number(text: str, longest: int) -> int | None:
    """A box's whole number, or None; ASCII digits only (int() would take "²" or "٣")."""
    if not text.isascii() or not text.isdigit() or len(text) > longest:
        return None
    return int(text)


def _month(text: str) -> int | None:
    number = _number(text, 2)
    if number is not None:
        return number
    word = text.lower().rstrip(".")
    for index, name in enumerate(_MONTHS, start=1):
        if word in (name, name[:3]) or (word == "sept" and index == 9):
            return index
    return None


def date_parts_at_fault(code: str | None) -> tuple[str, ...]:
    """The boxes an error is about, read from its code ("missing_day_month" -> day, month).
    Empty when the error is about the date as a whole."""
    if code and code.startswith(("missing_", "invalid_")):
        return tuple(p for p in code.split("_")[1:] if p in DATE_PARTS)
    return ()


def _lower_first(text: str) -> str:
    """The text to follow "Enter the": "Date of contact" becomes "date of contact", while an
    initialism such as "NHS" keeps its capitals."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _parse_single(text: str) -> date | None:
    """A single typed date in one of DATE_INPUT_FORMATS, or None."""
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _boxes_for(value: Any) -> list[str]:
    """What the day, month and year boxes show for a value: a saved date, the parts as
    typed (even if wrong), or a single typed value cut into its parts."""
    if isinstance(value, DateParts):
        return list(value)
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    text = "" if value is None else str(value).strip()
    if not text:
        return ["", "", ""]
    parsed = _parse_single(text)
    if parsed is not None:
        return _boxes_for(parsed)
    parts = _split_single(text)
    return list(parts) if parts else [text, "", ""]


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year boxes (rendered by forms.jinja with the NHS.UK date input)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = {"inputmode": "numeric"}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            f"_{part}": forms.TextInput(attrs=box) for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        keys = [f"{name}_{part}" for part in DATE_PARTS]
        if any(key in data for key in keys):
            return DateParts(*(str(data.get(key) or "") for key in keys))
        # The single value (scripts, older clients): see the comment above DATE_PARTS.
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        keys = [name, *(f"{name}_{part}" for part in DATE_PARTS)]
        return all(key not in data for key in keys)

    def decompress(self, value: Any) -> list[str]:
        return _boxes_for(value)


class DateField(forms.DateField):
    """A date typed in the NHS.UK date input (day, month, year), with the design system's
    error messages, inside a sensible range.

    The messages name the field by `subject` (by default its label without "(optional)"):
    "Enter the date of contact", "Date of contact must be a real date". Its range comes
    from what the date means, `kind` (core/dates.py: BIRTH, HAPPENED, PLANNED, REVIEW,
    CALENDAR...), so dates of the same meaning take the same range on every form. The
    flags (`past_only`, `not_future`, `not_past`, `future_only`, `years_back`/`years_ahead`,
    `min_year`/`max_year`) can narrow a kind's range further for one field.
    """

    widget = DatePartsWidget

    def __init__(
        self,
        *,
        subject: str | None = None,
        required_message: str | None = None,
        kind: DateKind = ANY,
        past_only: bool = False,
        not_future: bool = False,
        not_past: bool = False,
        future_only: bool = False,
        min_year: int = DEFAULT_MIN_YEAR,
        max_year: int = DEFAULT_MAX_YEAR,
        years_back: int | None = None,
        years_ahead: int | None = None,
        **kwargs: Any,
    ) -> None:
        past_only = past_only or kind.before_today
        not_future = not_future or kind.not_after_today
        not_past = not_past or kind.not_before_today
        future_only = future_only or kind.after_today
        years_back = years_back if years_back is not None else kind.years_back
        years_ahead = years_ahead if years_ahead is not None else kind.years_ahead
        if not kwargs.get("help_text"):
            kwargs["help_text"] = (
                "For example, 15 3 1984"
                if past_only
                else date_hint(14 if not_past or future_only else 0)
            )
        super().__init__(**kwargs)
        self.subject, self.kind = subject, kind
        self.past_only, self.not_future, self.not_past = past_only, not_future, not_past
        self.future_only = future_only
        self.min_year, self.max_year = min_year, max_year
        self.years_back, self.years_ahead = years_back, years_ahead
        self.error_messages["required"] = required_message or f"Enter {self._what()}"

    # --- messages

    def _subject(self) -> str:
        text = str(self.subject or self.label or "Date")
        return re.sub(r"\s*\(optional\)\s*$", "", text)

    def _what(self) -> str:
        """The subject as it follows "Enter": "the date of contact"."""
        what = _lower_first(self._subject())
        return what if what.startswith("the ") else f"the {what}"

    def _error(self, says: str, code: str) -> ValidationError:
        return ValidationError(f"{self._subject()} {says}", code=code)

    # --- reading what was typed

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, DateParts):
            return self._from_parts(value)
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        if not text:
            return None
        parsed = _parse_single(text)
        if parsed is not None:
            return parsed
        parts = _split_single(text)
        if parts is None:
            raise self._error("must be a real date", "invalid")
        return self._from_parts(parts)

    def _from_parts(self, parts: DateParts) -> date | None:
        typed = [p.strip() for p in parts]
        if not any(typed):
            return None
        missing = [name for name, text in zip(DATE_PARTS, typed, strict=True) if not text]
        if missing:
            raise self._error(
                f"must include a {' and '.join(missing)}", "missing_" + "_".join(missing)
            )
        day, month = _number(typed[0], 2) or 0, _month(typed[1]) or 0
        wrong = []
        if not 1 <= day <= 31:
            wrong.append("day")
        if not 1 <= month <= 12:
            wrong.append("month")
        # One wrong box is marked; more than one, and the date as a whole is (NHS guidance).
        if wrong:
            code = f"invalid_{wrong[0]}" if len(wrong) == 1 else "invalid"
            raise self._error("must be a real date", code)
        year_text = typed[2]
        if year_text.isascii() and year_text.isdigit() and len(year_text) != 4:
            raise self._error("must include a year with 4 numbers", "invalid_year")
        year = _number(year_text, 4)
        if year is None or year < 1:
            raise self._error("must be a real date", "invalid_year")
        try:
            return date(year, month, day)
        except ValueError:
            raise self._error("must be a real date", "invalid_day") from None

    # --- range

    def year_range(self, today: date) -> tuple[int, int]:
        low = today.year - self.years_back if self.years_back is not None else self.min_year
        high = today.year + self.years_ahead if self.years_ahead is not None else self.max_year
        if self.past_only or self.not_future:
            high = min(high, today.year)
        if self.not_past or self.future_only:
            low = max(low, today.year)
        return low, high

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if self.past_only and value >= today:
            raise self._error("must be in the past", "not_in_past")
        if self.not_future and value > today:
            raise self._error("must be today or in the past", "in_future")
        if self.not_past and value < today:
            raise self._error("must be today or in the future", "in_past")
        if self.future_only and value <= today:
            raise self._error("must be after today", "not_in_future")
        low, high = self.year_range(today)
        if not low <= value.year <= high:
            raise self._error(f"must be between {low} and {high}", "out_of_range")

    # --- showing it (forms.jinja)

    def boxes(self, bound: BoundField) -> list[dict[str, Any]]:
        """The three boxes for the NHS.UK date input macro: what was typed (or the saved
        date), and error styling on the boxes the first error is about."""
        values = _boxes_for(bound.value())
        errors = bound.errors.as_data()
        at_fault = date_parts_at_fault(errors[0].code) if errors else ()
        return [
            {
                "name": f"{bound.html_name}_{part}",
                "id": f"{bound.auto_id}_{part}",
                "label": part.capitalize(),
                "value": value,
                "width": 4 if part == "year" else 2,
                "classes": "nhsuk-input--error" if part in at_fault else "",
            }
            for part, value in zip(DATE_PARTS, values, strict=True)
        ]

    def error_links(self, bound: BoundField) -> list[tuple[str, str]]:
        """Each error with the id of the first box it is about (the day box for the date as
        a whole), for the error summary."""
        links = []
        for text, error in zip(bound.errors, bound.errors.as_data(), strict=True):
            part = (date_parts_at_fault(error.code) or DATE_PARTS)[0]
            links.append((str(text), f"#{bound.auto_id}_{part}"))
        return links


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError next to the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


class AuditSearchForm(forms.Form):
    """The admin's audit search: exact filters on indexed columns, words in the two labels,
    always inside a date range (by default the last 30 days). core/selectors.py."""

    person = forms.CharField(
        required=False,
        max_length=20,
        label="Person supported",
        help_text="Their record number, for example P1234",
    )
    who = forms.CharField(
        required=False,
        max_length=254,
        label="Who did it",
        help_text="Their email address, or their user number",
    )
    object_type = forms.CharField(
        required=False,
        max_length=100,
        label="Kind of record",
        help_text="As in the download's object_type column, for example caseload.person",
    )
    object_id = forms.CharField(
        required=False,
        max_length=64,
        label="Record number",
        help_text="As in the download's object_id column",
    )
    text = forms.CharField(
        required=False,
        max_length=200,
        label="Words in a name or a record's name",
        help_text=(
            f"At least {TEXT_MIN_LENGTH} letters. A search for words covers at most "
            f"{TEXT_SEARCH_MAX_DAYS} days"
        ),
    )
    action = forms.ChoiceField(
        required=False, choices=[("", "Any action"), *AuditAction.choices], label="Action"
    )
    outcome = forms.ChoiceField(
        required=False, choices=[("", "Any outcome"), *AuditOutcome.choices], label="Outcome"
    )
    date_from = DateField(required=False, label="From", subject="The start date")
    date_to = DateField(required=False, label="To", subject="The end date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        start, end = default_range()
        self.fields["date_from"].initial = start
        self.fields["date_to"].initial = end

    def clean_person(self) -> int | None:
        value = self.cleaned_data["person"].strip()
        if not value:
            return None
        digits = value[1:] if value[:1] in ("P", "p") else value
        if not digits.isdigit() or len(digits) > 18:
            raise forms.ValidationError("Enter the record number, like P1234")
        return int(digits)

    def clean_who(self) -> int | str | None:
        value = self.cleaned_data["who"].strip()
        if not value:
            return None
        if value.isdigit() and len(value) <= 18:
            return int(value)
        if "@" in value and " " not in value:
            return value
        raise forms.ValidationError(
            "Enter an email address, like name@example.nhs.uk, or a user number"
        )

    def clean_text(self) -> str:
        value = " ".join(self.cleaned_data["text"].split())
        if value and len(value) < TEXT_MIN_LENGTH:
            raise forms.ValidationError(
                f"Enter at least {TEXT_MIN_LENGTH} letters to search for words"
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("object_id", "").strip() and not data.get("object_type", "").strip():
            self.add_error("object_type", "Enter the kind of record, as well as its number")
        if self.has_error("date_from") or self.has_error("date_to"):
            return data
        start, end = data.get("date_from"), data.get("date_to")
        # Without an end date: up to today; without a start date: the 30 days to the end.
        end = end or default_range()[1]
        start = start or end - timedelta(days=DEFAULT_DAYS - 1)
        data["date_from"], data["date_to"] = start, end
        days = (end - start).days + 1
        if start > end:
            self.add_error("date_to", "The end date must be on or after the start date.")
        elif data.get("text") and days > TEXT_SEARCH_MAX_DAYS:
            self.add_error(
                "date_from",
                f"A search for words covers at most {TEXT_SEARCH_MAX_DAYS} days: choose a "
                f"start date {TEXT_SEARCH_MAX_DAYS} days or less before the end date, or "
                "search without words",
            )
        elif days > MAX_DAYS:
            self.add_error(
                "date_from",
                "Search at most a year at a time: choose a start date a year or less "
                "before the end date",
            )
        return data

    def criteria(self) -> AuditFilter | None:
        """What to search for; the last 30 days if the form was not sent; None if the form
        has errors (the page shows them, and no entries)."""
        if not self.is_bound:
            start, end = default_range()
            return AuditFilter(date_from=start, date_to=end)
        if not self.is_valid():
            return None
        data = self.cleaned_data
        who = data.get("who")
        return AuditFilter(
            date_from=data["date_from"],
            date_to=data["date_to"],
            text=data.get("text") or "",
            action=str(data.get("action") or ""),
            outcome=str(data.get("outcome") or ""),
            person_id=data.get("person"),
            actor_id=who if isinstance(who, int) else None,
            actor_email=who if isinstance(who, str) else "",
            object_type=str(data.get("object_type") or "").strip(),
            object_id=str(data.get("object_id") or "").strip(),
        )


def choose_from(
    field: forms.Field, queryset: Any, label: Callable[[Any], str] | None = None
) -> None:
    """Give a model choice field the (scoped) choices a form was made with and, if given,
    how each choice reads: the one place a form's choices are set after it is built."""
    chooser = cast(forms.ModelChoiceField, field)
    chooser.queryset = queryset
    if label is not None:
        chooser.label_from_instance = label  # type: ignore[method-assign,assignment]


# --- a meeting at a date and time (an interview, an information session) ---------------------


def time_field() -> forms.TimeField:
    """The time of a meeting, on the 24-hour clock."""
    return forms.TimeField(
        label="Time",
        help_text="24-hour clock, for example 14:30",
        error_messages={
            "required": "Enter the time.",
            "invalid": "Enter a time on the 24-hour clock, like 14:30",
        },
    )


def place_field() -> forms.CharField:
    """Where a meeting is, or how to join it."""
    return forms.CharField(
        max_length=300,
        label="Where",
        error_messages={"required": "Enter where it is, or how to join."},
    )


def future_moment(form: forms.Form, data: dict[str, Any]) -> dict[str, Any]:
    """In a form's `clean`: its date `on` and time `at` become one moment, `starts_at`, for
    the service; a moment not in the future is an error next to the time."""
    on, at = data.pop("on", None), data.pop("at", None)
    if on and at:
        starts_at = timezone.make_aware(datetime.combine(on, at))
        if starts_at <= timezone.now():
            form.add_error("at", "Choose a date and time in the future.")
        else:
            data["starts_at"] = starts_at
    return data
