from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "peerpath.groups"
    label = "groups"
    verbose_name = "Peer groups"
