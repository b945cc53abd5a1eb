from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "peerpath.workspace"
    label = "workspace"
    verbose_name = "The pages that bring several apps' work together"
