"""Dates as a person types them into the NHS.UK date input: day, month and year boxes."""

from datetime import date


def date_parts(value: date | str) -> tuple[str, str, str]:
    """The day, month and year as typed into the three boxes.

    A date gives its numbers; a string is typed as it is, cut at "/" or "-" (year first
    when it starts with four digits, like "2026-02-30"), so a date that does not exist, or
    a box left empty ("17//2026"), can be tried.
    """
    if isinstance(value, date):
        return str(value.day), str(value.month), str(value.year)
    pieces = value.replace("-", "/").split("/")
    if len(pieces) != 3:
        raise ValueError(f"Cannot cut {value!r} into day, month and year")
    if len(pieces[0]) == 4:
        pieces.reverse()
    day, month, year = pieces
    return day, month, year


def date_boxes(name: str, value: date | str) -> dict[str, str]:
    """What the browser posts for the date field `name`: `<name>_day`, `_month`, `_year`."""
    day, month, year = date_parts(value)
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
