from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("caseload", "0004_add_family_member_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="workerprofile",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
