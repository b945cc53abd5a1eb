from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0013_add_assessment_requirement_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingsession",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
