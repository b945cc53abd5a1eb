from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("caseload", "0002_add_contact_details_and_ended_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="familymember",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
