from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rarelight_web.community"
    label = "community"
    verbose_name = "Community"
