from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "peerpath.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"
