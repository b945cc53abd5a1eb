from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "peerpath.workforce"
    label = "workforce"
    verbose_name = "Workforce"
