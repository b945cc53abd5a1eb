from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "peerpath.governance"
    label = "governance"
    verbose_name = "Consent, information sharing and safeguarding"
