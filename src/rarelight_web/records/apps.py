from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "rarelight_web.records"
    label = "records"
    verbose_name = "Care records"
