from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0011_add_date_range_checks"),
    ]

    operations = [
        migrations.AddField(
            model_name="module",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
