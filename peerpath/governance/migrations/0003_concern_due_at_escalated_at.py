"""Due times and escalation for safeguarding concerns (hazard H2).

Adds `due_at` (nullable for now) and `escalated_at`, and gives every existing concern its
due time: raised_at + CONCERN_RESPONSE_TIMES[immediacy]. 0004 then makes `due_at` required.
The two steps are separate migrations because PostgreSQL may refuse to ALTER a table that
has pending trigger events from an UPDATE in the same transaction.
"""

from django.db import migrations, models

from peerpath.governance.models import concern_due_at


def set_due_times(apps, schema_editor):
    SafeguardingConcern = apps.get_model("governance", "SafeguardingConcern")
    concerns = list(
        SafeguardingConcern.objects.filter(due_at__isnull=True).only("pk", "raised_at", "immediacy")
    )
    for concern in concerns:
        concern.due_at = concern_due_at(concern.raised_at, concern.immediacy)
    SafeguardingConcern.objects.bulk_update(concerns, ["due_at"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0002_consent_one_in_force'),
    ]

    operations = [
        migrations.AddField(
            model_name='safeguardingconcern',
            name='due_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='safeguardingconcern',
            name='escalated_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(set_due_times, migrations.RunPython.noop),
    ]
