"""The job queue's records keep their organisation's id without a foreign key, so the jobs
app sits below organisations (ADR-016). The column and its values stay; only the
constraint goes."""

import django.db.models.deletion
from django.db import migrations, models


def _plain_id(
    model: str, *, null: bool, index: str = ""
) -> migrations.SeparateDatabaseAndState:
    """The state loses the foreign key and gains a plain id on the same column; an index
    over the column (`index`, by name) is the same index before and after."""
    before, after = [], []
    if index:
        before = [migrations.RemoveIndex(model_name=model, name=index)]
        after = [
            migrations.AddIndex(
                model_name=model,
                index=models.Index(fields=["organisation_id", "-started_at"], name=index),
            )
        ]
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            # Drops the constraint; the column organisation_id and its index stay.
            migrations.AlterField(
                model_name=model,
                name="organisation",
                field=models.ForeignKey(
                    blank=null,
                    null=null,
                    db_constraint=False,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    to="organisations.organisation",
                ),
            ),
        ],
        state_operations=[
            *before,
            migrations.RemoveField(model_name=model, name="organisation"),
            migrations.AddField(
                model_name=model,
                name="organisation_id",
                field=models.BigIntegerField(blank=null, null=null, db_index=True),
            ),
            *after,
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_jobs_runs_schedule_heartbeats_reminders"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        _plain_id("jobrun", null=True, index="jobrun_org_started"),
        _plain_id("remindersent", null=False),
    ]
