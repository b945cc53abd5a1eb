"""Dates are kept between 1900 and 2100 (peerpath/core/dates.py): first any date already
stored outside them is brought in (emptied, or moved to the nearest end, and audited), then
the database checks every new one."""

import datetime

from django.db import migrations, models

from peerpath.core.dates import bring_dates_into_range


def bring_stored_dates_into_range(apps, schema_editor):
    bring_dates_into_range(apps, "caseload.Person", ["date_of_birth"])
    bring_dates_into_range(
        apps,
        "caseload.PeerRelationship",
        [
            "referred_on",
            "offered_on",
            "choice_recorded_on",
            "first_met_on",
            "planned_end_on",
            "ended_on",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("caseload", "0002_add_contact_details_and_ended_at"),
        ("core", "0002_audit_append_only_trigger"),
    ]

    operations = [
        migrations.RunPython(bring_stored_dates_into_range, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="peerrelationship",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("referred_on__gte", datetime.date(1900, 1, 1)),
                    ("referred_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="relationship_referred_on_in_range",
                violation_error_message="The date of referral must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="peerrelationship",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("offered_on__gte", datetime.date(1900, 1, 1)),
                    ("offered_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="relationship_offered_on_in_range",
                violation_error_message="The date peer support was offered must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="peerrelationship",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("choice_recorded_on__gte", datetime.date(1900, 1, 1)),
                    ("choice_recorded_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="relationship_choice_recorded_on_in_range",
                violation_error_message="The date they decided must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="peerrelationship",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("first_met_on__gte", datetime.date(1900, 1, 1)),
                    ("first_met_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="relationship_first_met_on_in_range",
                violation_error_message="The date of the first meeting must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="peerrelationship",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("planned_end_on__gte", datetime.date(1900, 1, 1)),
                    ("planned_end_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="relationship_planned_end_on_in_range",
                violation_error_message="The planned end date must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="peerrelationship",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ended_on__gte", datetime.date(1900, 1, 1)),
                    ("ended_on__lte", datetime.date(2100, 12, 31)),
                ),
                name="relationship_ended_on_in_range",
                violation_error_message="The date it ended must be between 1900 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("date_of_birth__gte", datetime.date(1900, 1, 1)),
                    ("date_of_birth__lte", datetime.date(2100, 12, 31)),
                ),
                name="person_date_of_birth_in_range",
                violation_error_message="The date of birth must be between 1900 and 2100.",
            ),
        ),
    ]
