from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_signed_note_trigger"),
    ]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
