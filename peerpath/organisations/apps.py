from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "peerpath.organisations"
    label = "organisations"
    verbose_name = "Organisations"
