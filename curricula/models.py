"""Curricula: the shared taxonomy (topics and competencies), curriculum pages and adoptions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from accounts.api import AudiencePageMixin, Subregion
from home.api import InterfaceLanguageUrlMixin
from lms.search_fields import BoundedSearchField

from .blocks import ModuleBlock
from .taxonomy import Discipline, Level, Scope, TranslatedNameMixin


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


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC_BY_NC = "cc-by-nc-4.0", _("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


class CurriculumIndexPage(Page):
    """Lists the published curricula of every state and language (one index per language)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("curriculum index page")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        filters = selectors.CurriculumFilters.from_query(request.GET)
        context["filters"] = filters
        context["listing"] = selectors.curricula_listing(user=request.user, filters=filters)
        context["filter_choices"] = selectors.filter_choices()
        return context


class CurriculumPage(InterfaceLanguageUrlMixin, AudiencePageMixin, Page):
    """A member state's curriculum. Translations are Wagtail locales of the same page."""

    state = models.ForeignKey(
        "accounts.MemberState",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member state"),
        editable=False,
        help_text=_("Set from the member state page this curriculum belongs to."),
    )
    summary = models.TextField(_("summary"), blank=True)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL)
    subregion = models.CharField(
        _("subregion"),
        max_length=20,
        choices=Subregion.choices,
        blank=True,
        help_text=_("Required when the scope is subregional."),
    )
    target_roles = models.TextField(_("target roles or ranks"), blank=True, help_text=_("One per line."))
    total_hours = models.DecimalField(_("total hours"), max_digits=6, decimal_places=1)
    learning_outcomes = models.TextField(_("learning outcomes"), help_text=_("One outcome per line."))
    modules = StreamField([("module", ModuleBlock())], verbose_name=_("modules"), blank=True)
    competencies = ParentalManyToManyField(
        Competency, blank=True, related_name="curricula", verbose_name=_("competencies")
    )
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY)
    version_label = models.CharField(
        _("version"), max_length=40, default="1.0", help_text=_("For example 1.0, 2026 edition.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("discipline"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("scope"), FieldPanel("subregion")]),
                FieldRowPanel([FieldPanel("total_hours"), FieldPanel("version_label")]),
                FieldPanel("audience"),
                FieldPanel("licence"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("target_roles"),
        FieldPanel("prerequisites"),
        FieldPanel("learning_outcomes"),
        FieldPanel("competencies"),
        FieldPanel("modules"),
    ]
    search_fields = Page.search_fields + [BoundedSearchField("summary"), BoundedSearchField("learning_outcomes")]
    parent_page_types = ["home.MemberStatePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")
        indexes = [models.Index(fields=["discipline", "level"], name="curriculum_discipline_level")]

    def clean(self):
        super().clean()
        if self.scope == Scope.SUBREGIONAL and not self.subregion:
            raise ValidationError({"subregion": _("Name the subregion of a subregional curriculum.")})
        if self.scope != Scope.SUBREGIONAL:
            self.subregion = ""

    def save(self, *args, **kwargs):
        self.state_id = self._owning_state_id()
        return super().save(*args, **kwargs)

    def _owning_state_id(self):
        """The state of the member state page above this one (the page's place in the tree decides)."""
        from home.api import state_id_above

        state_id = state_id_above(self) or self.state_id
        if not state_id:
            raise ValidationError(_("A curriculum must be placed under a member state page."))
        return state_id

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    @property
    def target_role_list(self) -> list[str]:
        return [line.strip() for line in self.target_roles.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from . import access as curricula_access
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["lineage"], context["adoptions"] = selectors.lineage_and_adoptions(page=self)
        context["content_language"], context["translations"] = selectors.translations_of(page=self)
        # The state's page is the parent: its address is this one's without the last segment.
        url = context["page"].get_url(request) or ""
        context["parent_url"] = url[: url.rstrip("/").rfind("/") + 1] if url else ""
        # A state that already adopted this curriculum is sent to its copy rather than offered another.
        states = curricula_access.adopt_states(request.user, self)
        adopted = selectors.adaptations_by_state(page=self, state_ids=[s.pk for s in states])
        context["adaptations"] = [adopted[s.pk] for s in states if s.pk in adopted]
        context["adopt_states"] = [s for s in states if s.pk not in adopted]
        return context


class Adoption(models.Model):
    """A state's copy of another state's published curriculum, with the exact source revision."""

    source_page = models.ForeignKey(
        CurriculumPage, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("source curriculum")
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, related_name="+", verbose_name=_("source revision")
    )
    # The source's translation key: a state adopts a curriculum once, whichever of its translations
    # it adopted from (the constraint below keeps concurrent clicks from making a second copy).
    source_key = models.UUIDField(_("source translation key"), editable=False)
    source_version_label = models.CharField(_("source version"), max_length=40)
    adopted_page = models.OneToOneField(
        CurriculumPage, on_delete=models.CASCADE, related_name="adopted_from", verbose_name=_("adopted copy")
    )
    adopter_state = models.ForeignKey(
        "accounts.MemberState", on_delete=models.PROTECT, related_name="+", verbose_name=_("adopting state")
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("adopted by")
    )
    created_at = models.DateTimeField(_("adopted at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["source_key", "adopter_state"], name="curricula_one_adoption_per_state")
        ]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return f"{self.adopted_page_id} ← {self.source_page_id}@{self.source_revision_id}"
