"""Training names the application an enrolment came from by id, so that training does not
import recruitment, which sits above it (ADR-016). Only Django's picture of the model
changes: the column, its foreign key to the application and its uniqueness stay in the
database, so an enrolment still cannot point at an application that does not exist and an
application cannot be deleted from under its enrolment."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0016_move_recruitment_to_its_own_app"),
        ("recruitment", "0002_name_the_answers_to_a_criterion"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name="enrolment", name="application"),
                migrations.AddField(
                    model_name="enrolment",
                    name="application_id",
                    field=models.BigIntegerField(blank=True, null=True, unique=True),
                ),
            ],
        ),
    ]
