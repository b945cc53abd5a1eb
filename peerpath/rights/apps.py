from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "peerpath.rights"
    label = "rights"
    verbose_name = "A person's rights over their record"
