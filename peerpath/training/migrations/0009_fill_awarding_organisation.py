"""Awards made before the awarding organisation was kept name the organisation that made them."""

from django.db import migrations


def fill(apps, schema_editor):
    Award = apps.get_model("training", "Award")
    for award in Award.objects.filter(awarding_organisation="").select_related("organisation"):
        award.awarding_organisation = award.organisation.name
        award.save(update_fields=["awarding_organisation"])


class Migration(migrations.Migration):
    dependencies = [("training", "0008_add_sources_coursework_certificates_and_copied_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
