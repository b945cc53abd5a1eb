from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "peerpath.oversight"
    label = "oversight"
    verbose_name = "Oversight of access to a record"
