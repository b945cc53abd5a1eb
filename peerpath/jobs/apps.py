from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "peerpath.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
