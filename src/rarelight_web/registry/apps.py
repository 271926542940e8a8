from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "rarelight_web.registry"
    label = "registry"
    verbose_name = "Registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the record-deletion receiver
