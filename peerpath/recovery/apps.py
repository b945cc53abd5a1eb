from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "peerpath.recovery"
    label = "recovery"
    verbose_name = "Recovery goals and co-produced plans"
