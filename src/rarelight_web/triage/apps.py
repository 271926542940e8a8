from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "rarelight_web.triage"
    label = "triage"
    verbose_name = "Exome triage"
