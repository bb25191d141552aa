"""Curricula: the shared taxonomy (topics and competencies) and, in later migrations, the pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from .taxonomy import Discipline, TranslatedNameMixin


class Topic(TranslatedNameMixin):
    """A subject of training (e.g. chain of custody, gender-based violence), shared by curricula,
    courses, instructor specialities, offers and requests."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Competency(TranslatedNameMixin):
    """A competency that a curriculum develops, from the shared framework."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")


register_snippet(Topic)
register_snippet(Competency)
