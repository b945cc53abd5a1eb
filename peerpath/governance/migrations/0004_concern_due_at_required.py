"""Every concern now has a due time (0003): make it required, and index the search of the
escalation command."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0003_concern_due_at_escalated_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='safeguardingconcern',
            name='due_at',
            field=models.DateTimeField(),
        ),
        migrations.AddIndex(
            model_name='safeguardingconcern',
            index=models.Index(fields=['status', 'escalated_at', 'due_at'], name='concern_to_escalate'),
        ),
    ]
