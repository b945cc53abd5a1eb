from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0012_add_module_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentrequirement",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
