from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "peerpath.training"
    label = "training"
    verbose_name = "Training"
