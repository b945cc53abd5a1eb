"""Dates are kept between 1900 and 2100 (peerpath/core/dates.py): first any date already
stored outside them is brought in (emptied, or moved to the nearest end, and audited), then
the database checks every new one."""

import datetime

from django.db import migrations, models

from peerpath.core.dates import bring_dates_into_range


def bring_stored_dates_into_range(apps, schema_editor):
    # Plan versions are history and never changed; each one's review date was copied to its
    # plan, which is checked.
    bring_dates_into_range(apps, "recovery.GoalStep", ["due_on", "done_on"])
    bring_dates_into_range(apps, "recovery.GoalUpdate", ["on"])
    bring_dates_into_range(apps, "recovery.Document", ["review_on"])
    bring_dates_into_range(apps, "recovery.MeaningfulActivity", ["started_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("recovery", "0004_document_version_created_at_given"),
        ("core", "0002_audit_append_only_trigger"),
    ]

    operations = [
        migrations.RunPython(bring_stored_dates_into_range, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("review_on__gte", datetime.date(1900, 1, 1)),
                    ("review_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="document_review_on_in_range",
                violation_error_message="The review date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalstep",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("due_on__gte", datetime.date(1900, 1, 1)),
                    ("due_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="goal_step_due_on_in_range",
                violation_error_message="The date for the step must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalstep",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("done_on__gte", datetime.date(1900, 1, 1)),
                    ("done_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="goal_step_done_on_in_range",
                violation_error_message="The date the step was done must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="goalupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("on__gte", datetime.date(1900, 1, 1)), ("on__lte", datetime.date(2100, 12, 31))
                ),
                name="goal_update_on_in_range",
                violation_error_message="The date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="meaningfulactivity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("started_on__gte", datetime.date(1900, 1, 1)),
                    ("started_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="activity_started_on_in_range",
                violation_error_message="The date they started must be between 1900 and 2100.",
            ),
        ),
    ]
