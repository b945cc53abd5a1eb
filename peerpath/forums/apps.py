from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "peerpath.forums"
    label = "forums"
    verbose_name = "Forums"
