"""Dates are kept between 1900 and 2100 (peerpath/core/dates.py): first any date already
stored outside them is brought in (emptied, or moved to the nearest end, and audited), then
the database checks every new one."""

import datetime

from django.db import migrations, models

from peerpath.core.dates import bring_dates_into_range


def bring_stored_dates_into_range(apps, schema_editor):
    bring_dates_into_range(apps, "directory.Service", ["last_checked_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("core", "0002_audit_append_only_trigger"),
    ]

    operations = [
        migrations.RunPython(bring_stored_dates_into_range, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="service",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("last_checked_on__gte", datetime.date(1900, 1, 1)),
                    ("last_checked_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="service_last_checked_on_in_range",
                violation_error_message="The date the details were last checked must be between 1900 and 2100.",
            ),
        ),
    ]
