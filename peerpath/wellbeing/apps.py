from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "peerpath.wellbeing"
    label = "wellbeing"
    verbose_name = "Wellbeing"
