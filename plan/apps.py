from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = _("Plan of Action")

    def ready(self) -> None:
        from lms import measures

        from .selectors import measure_catalogue

        measures.register(measure_catalogue)
