from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CartridgesConfig(AppConfig):
    name = "cartridges"
    verbose_name = _("Common Cartridge")
    default_auto_field = "django.db.models.BigAutoField"
