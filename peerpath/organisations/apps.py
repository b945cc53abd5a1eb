from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "peerpath.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the password-reset receiver
