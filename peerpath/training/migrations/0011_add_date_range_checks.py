"""Dates are kept between 1900 and 2100 (peerpath/core/dates.py): first any date already
stored outside them is brought in (emptied, or moved to the nearest end, and audited), then
the database checks every new one."""

import datetime

from django.db import migrations, models

from peerpath.core.dates import bring_dates_into_range


def bring_stored_dates_into_range(apps, schema_editor):
    # Awards are never changed and their dates are always the day of the award: they are not
    # brought into range.
    bring_dates_into_range(apps, "training.Cohort", ["starts_on"])
    bring_dates_into_range(apps, "training.Intake", ["opens_on", "closes_on"])
    bring_dates_into_range(apps, "training.TrainingSession", ["date"])
    bring_dates_into_range(apps, "training.PlacementDay", ["date"])
    bring_dates_into_range(apps, "training.GraduateOutcome", ["recorded_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0010_awards_unalterable"),
        ("core", "0002_audit_append_only_trigger"),
    ]

    operations = [
        migrations.RunPython(bring_stored_dates_into_range, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="award",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("awarded_on__gte", datetime.date(1900, 1, 1)),
                    ("awarded_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="award_awarded_on_in_range",
                violation_error_message="The award date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="cohort",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("starts_on__gte", datetime.date(1900, 1, 1)),
                    ("starts_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="cohort_starts_on_in_range",
                violation_error_message="The start date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="graduateoutcome",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("recorded_on__gte", datetime.date(1900, 1, 1)),
                    ("recorded_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="outcome_recorded_on_in_range",
                violation_error_message="The date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="intake",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("opens_on__gte", datetime.date(1900, 1, 1)),
                    ("opens_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="intake_opens_on_in_range",
                violation_error_message="The opening date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="intake",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("closes_on__gte", datetime.date(1900, 1, 1)),
                    ("closes_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="intake_closes_on_in_range",
                violation_error_message="The closing date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="placementday",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("date__gte", datetime.date(1900, 1, 1)),
                    ("date__lte", datetime.date(2100, 12, 31)),
                ),
                name="placement_day_date_in_range",
                violation_error_message="The date of the day must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="trainingsession",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("date__gte", datetime.date(1900, 1, 1)),
                    ("date__lte", datetime.date(2100, 12, 31)),
                ),
                name="session_date_in_range",
                violation_error_message="The session's date must be between 1900 and 2100.",
            ),
        ),
    ]
