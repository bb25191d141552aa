from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Agency sign-in")

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401
