from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "rarelight_web.diagnosis"
    label = "diagnosis"
    verbose_name = "Could it be…?"
