from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_invitations_for_accounts_not_set_up"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
