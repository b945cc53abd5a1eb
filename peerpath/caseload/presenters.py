"""How a person is named on pages that list or act on people.

A preferred name alone ("Jo") is not enough to tell two people apart, so every list where
a person is chosen or acted on shows a second identifier beside it, from this one place:
their full name (when they go by another name) and their date of birth (when known).
Templates use it through `Person.second_identifier` and the `person_name` macro in
`caseload/_person.jinja`.
"""

from typing import Any


def long_date(value: Any) -> str:
    return f"{value:%-d %B %Y}"


def second_identifier(person: Any) -> str:
    """'Jo Bloggs, born 3 May 1990'; '' when the name shown is already the full name and
    no date of birth is recorded."""
    parts = []
    if person.preferred_name and person.preferred_name != person.full_name:
        parts.append(person.full_name)
    if person.date_of_birth:
        parts.append(f"born {long_date(person.date_of_birth)}")
    return ", ".join(parts)


def nhs_number(value: str) -> str:
    """An NHS number as people read it: '943 476 5919'."""
    digits = value.replace(" ", "")
    if len(digits) != 10:
        return value
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
