"""Recruitment's models moved to the recruitment app (its migration 0001). Their tables
stay as they are, with their data: this only removes the models from training's model
state and points an enrolment's application at `recruitment.Application`."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0001_initial"),
        ("training", "0015_add_application_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="criterionanswer",
                    name="application",
                ),
                migrations.AlterField(
                    model_name="enrolment",
                    name="application",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="enrolment",
                        to="recruitment.application",
                    ),
                ),
                migrations.RemoveField(
                    model_name="appointment",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="stagechange",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="panelnote",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="appointment",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="criterionanswer",
                    name="criterion",
                ),
                migrations.RemoveField(
                    model_name="criterionanswer",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="intake",
                    name="cohort",
                ),
                migrations.RemoveField(
                    model_name="intake",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="intake",
                    name="panel",
                ),
                migrations.RemoveField(
                    model_name="intake",
                    name="programme",
                ),
                migrations.RemoveField(
                    model_name="panelnote",
                    name="author",
                ),
                migrations.RemoveField(
                    model_name="panelnote",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="stagechange",
                    name="by",
                ),
                migrations.RemoveField(
                    model_name="stagechange",
                    name="organisation",
                ),
                migrations.DeleteModel(
                    name="Application",
                ),
                migrations.DeleteModel(
                    name="Appointment",
                ),
                migrations.DeleteModel(
                    name="CriterionAnswer",
                ),
                migrations.DeleteModel(
                    name="Intake",
                ),
                migrations.DeleteModel(
                    name="PanelNote",
                ),
                migrations.DeleteModel(
                    name="StageChange",
                ),
            ],
        ),
    ]
