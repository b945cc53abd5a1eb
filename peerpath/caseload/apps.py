from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    name = "peerpath.caseload"
    label = "caseload"
    verbose_name = "People supported and peer relationships"
