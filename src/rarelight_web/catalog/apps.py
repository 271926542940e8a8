from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "rarelight_web.catalog"
    label = "catalog"
    verbose_name = "Disease catalogue"
