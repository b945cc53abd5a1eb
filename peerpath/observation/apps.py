from django.apps import AppConfig


class ObservationConfig(AppConfig):
    name = "peerpath.observation"
    label = "observation"
    verbose_name = "Observation"
