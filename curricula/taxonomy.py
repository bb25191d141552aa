"""The shared training taxonomy: disciplines, levels, scopes and delivery formats.

Curricula, courses, instructor profiles, exchange offers and requests, search facets and monitoring
all use these same values (import them from ``curricula.api``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.languages import TranslatedName


class Discipline(models.TextChoices):
    POLICE = "police", _("Police")
    PRISON = "prison", _("Prison")
    FORENSIC = "forensic", _("Forensic")
    CROSS_CUTTING = "cross_cutting", _("Cross-cutting (human rights, gender, …)")


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    SPECIALISATION = "specialisation", _("Specialisation")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    SUBREGIONAL = "subregional", _("Subregional")
    REGIONAL = "regional", _("Regional (hemispheric)")


class Delivery(models.TextChoices):
    ONLINE = "online", _("Online (distance)")
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")


class TranslatedNameMixin(TranslatedName, models.Model):
    """A name in the four languages; ``name`` gives the reader's language, English otherwise."""

    name_en = models.CharField(_("name (English)"), max_length=150)
    name_es = models.CharField(_("name (Spanish)"), max_length=150, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=150, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=150, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name
