"""Dates are kept between 1900 and 2100 (peerpath/core/dates.py): first any date already
stored outside them is brought in (emptied, or moved to the nearest end, and audited), then
the database checks every new one."""

import datetime

from django.db import migrations, models
from django.db.models import Q

from peerpath.core.dates import bring_dates_into_range


def bring_stored_dates_into_range(apps, schema_editor):
    # Signed notes are never changed: the check exempts them. An outcome needs its date, so
    # that one is moved, not emptied.
    bring_dates_into_range(
        apps, "contacts.ContactNote", ["contact_on"], exclude=Q(signed_at__isnull=False)
    )
    bring_dates_into_range(
        apps,
        "contacts.Signpost",
        ["follow_up_on", "outcome_recorded_on"],
        clamp=["outcome_recorded_on"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0005_signed_notes_and_amendments_kept"),
        ("core", "0002_audit_append_only_trigger"),
    ]

    operations = [
        migrations.RunPython(bring_stored_dates_into_range, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="contactnote",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("contact_on__gte", datetime.date(1900, 1, 1)),
                        ("contact_on__lte", datetime.date(2100, 12, 31)),
                    ),
                    ("signed_at__isnull", False),
                    _connector="OR",
                ),
                name="contact_on_in_range",
                violation_error_message="The date of contact must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="signpost",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("follow_up_on__gte", datetime.date(1900, 1, 1)),
                    ("follow_up_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="signpost_follow_up_on_in_range",
                violation_error_message="The follow-up date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="signpost",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("outcome_recorded_on__gte", datetime.date(1900, 1, 1)),
                    ("outcome_recorded_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="signpost_outcome_recorded_on_in_range",
                violation_error_message="The date of the outcome must be between 1900 and 2100.",
            ),
        ),
    ]
