"""The years PeerPath keeps dates in, for forms, models and migrations alike.

1900 is earlier than the birth of anyone PeerPath supports and than any record it keeps;
2100 is later than any plan, review or course anyone schedules now. Every form's date field
(core.forms.DateField) refuses years outside them with a plain message, and every date
column carries `date_in_range`, so a date outside them cannot be stored by any path (a
service, a bulk update, a script).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
EARLIEST = date(EARLIEST_YEAR, 1, 1)
LATEST = date(LATEST_YEAR, 12, 31)


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
