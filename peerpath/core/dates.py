"""Which dates make sense, by what a date means; one place for forms, models and migrations.

Two layers:

- The years PeerPath keeps any date in: 1900 is earlier than the birth of anyone PeerPath
  supports and than any record it keeps; 2100 is later than any plan, review or course
  anyone schedules now. Every date column carries `date_in_range`, a CheckConstraint with
  these fixed bounds (the database cannot know "today"), so a date outside them cannot be
  stored by any path (a form, a service, a bulk update, a script).
- What a date means (`DateKind`): a birth date is in the past; something that happened is
  not in the future and not long ago; a planned date is within a few years from today; a
  review comes after the plan's date (today, when the plan is written). Each form's date
  field names its kind (`core.forms.DateField(kind=PLANNED)`), so every date of the same
  meaning takes the same range and the same message, whichever form it is on.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
EARLIEST = date(EARLIEST_YEAR, 1, 1)
LATEST = date(LATEST_YEAR, 12, 31)


@dataclass(frozen=True)
class DateKind:
    """What a date means, so which dates make sense for it, counted from the day it is
    typed. Years outside EARLIEST_YEAR..LATEST_YEAR never do."""

    name: str
    before_today: bool = False
    not_after_today: bool = False
    not_before_today: bool = False
    after_today: bool = False
    years_back: int | None = None  # no earlier than this many years before this year
    years_ahead: int | None = None  # no later than this many years after this year


# Any date PeerPath keeps (a search filter, a step's "by when").
ANY = DateKind("any date")
# A date of birth: in the past, from 1900.
BIRTH = DateKind("date of birth", before_today=True)
# Something that happened and is being recorded: today or earlier, in the last ten years.
HAPPENED = DateKind("something that happened", not_after_today=True, years_back=10)
# Part of someone's history (when they started an activity): today or earlier, from 1900.
HISTORY = DateKind("part of someone's history", not_after_today=True)
# Something planned: today or later, within five years.
PLANNED = DateKind("something planned", not_before_today=True, years_ahead=5)
# A review of a plan written today: after today, within five years.
REVIEW = DateKind("a review", after_today=True, years_ahead=5)
# A date in a course or group's calendar (a cohort's start, an intake, a session): within
# a few years of today either way, as sessions are recorded after they happen too.
CALENDAR = DateKind("a date in a calendar", years_back=2, years_ahead=3)


def date_in_range(
    field: str, *, name: str, label: str, unless: models.Q | None = None
) -> models.CheckConstraint:
    """A CheckConstraint keeping `field` between 1 January 1900 and 31 December 2100 (an
    empty value passes, as in SQL). `label` names the date in the message that
    `full_clean()` gives. `unless` exempts rows the database keeps unchanged whatever
    they hold (signed notes), which a migration could not bring into range."""
    condition = models.Q(**{f"{field}__gte": EARLIEST, f"{field}__lte": LATEST})
    return models.CheckConstraint(
        condition=condition | unless if unless is not None else condition,
        name=name,
        violation_error_message=f"{label} must be between {EARLIEST_YEAR} and {LATEST_YEAR}.",
    )


def bring_dates_into_range(
    apps: Any,
    model_label: str,
    fields: Iterable[str],
    *,
    clamp: Iterable[str] = (),
    exclude: models.Q | None = None,
) -> int:
    """For a data migration that runs before `date_in_range` checks are added: a date
    outside the range is emptied where the column may be empty (unless it is in `clamp`,
    for a date another check needs), else moved to the nearest end of the range, and each
    change is written to the audit log with the date as it was, so nothing is lost
    silently. Rows in `exclude` (records the database refuses to change, like signed notes)
    are left alone. Returns how many rows changed."""
    model = apps.get_model(model_label)
    audit_event = apps.get_model("core", "AuditEvent")
    from django.utils import timezone

    clamp = set(clamp)
    changed = 0
    events = []
    for field_name in fields:
        field = model._meta.get_field(field_name)
        outside = models.Q(**{f"{field_name}__lt": EARLIEST}) | models.Q(
            **{f"{field_name}__gt": LATEST}
        )
        rows = model.objects.filter(outside)
        if exclude is not None:
            rows = rows.exclude(exclude)
        for row in rows:
            was = getattr(row, field_name)
            nearest = EARLIEST if was < EARLIEST else LATEST
            now = None if field.null and field_name not in clamp else nearest
            setattr(row, field_name, now)
            row.save(update_fields=[field_name])
            changed += 1
            events.append(
                audit_event(
                    at=timezone.now(),
                    organisation_id=getattr(row, "organisation_id", None),
                    action="update",
                    outcome="allowed",
                    object_type=model._meta.label_lower,
                    object_id=str(row.pk),
                    person_id=getattr(row, "person_id", None),
                    reason=(
                        f"{field.verbose_name} was {was.isoformat()}, outside the years "
                        f"{EARLIEST_YEAR} to {LATEST_YEAR} that dates are now kept in; "
                        f"{'emptied' if now is None else f'moved to {now.isoformat()}'}"
                    ),
                )
            )
    audit_event.objects.bulk_create(events)
    return changed
