from django.apps import AppConfig


class NonprodConfig(AppConfig):
    name = "peerpath.nonprod"
    label = "nonprod"
    verbose_name = "Demo data (not for production)"
