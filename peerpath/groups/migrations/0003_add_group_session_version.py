from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_add_group_version_and_attendance_recorder"),
    ]

    operations = [
        migrations.AddField(
            model_name="groupsession",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
