from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "peerpath.framework"
    label = "framework"
    verbose_name = "Competence framework"
