from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_add_date_range_checks"),
    ]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
