from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0007_add_appointment_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="signpost",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
