from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rarelight_web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
