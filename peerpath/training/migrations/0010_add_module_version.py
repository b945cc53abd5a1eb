from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0009_fill_awarding_organisation"),
    ]

    operations = [
        migrations.AddField(
            model_name="module",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
