from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("caseload", "0003_add_date_range_checks"),
    ]

    operations = [
        migrations.AddField(
            model_name="familymember",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
