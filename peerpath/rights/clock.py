"""The subject access clock: one calendar month from receipt (ICO, right of access), to
the corresponding date, or the month's last day when it has none (30 January → 28 or 29
February). It may be extended by up to two further months, before it runs out."""

import calendar
from datetime import date

EXTENSION_MONTHS = 2


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months on, clamped to that month's last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def due_on(received_on: date) -> date:
    """When a copy asked for on `received_on` is due."""
    return add_months(received_on, 1)


def latest_extension(due: date) -> date:
    """The furthest an extension may move the due date."""
    return add_months(due, EXTENSION_MONTHS)
