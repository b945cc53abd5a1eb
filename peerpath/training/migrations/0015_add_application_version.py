from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0014_add_training_session_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
