"""The site's frame: a home page per language and a page per member state.

Each member state's curricula and courses live under its MemberStatePage, so that page permissions,
the approval workflow and the state's public listing all follow the state (docs/architecture.md)."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from accounts import access
from accounts.api import AudiencePageMixin


class HomePage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["states_by_subregion"] = selectors.state_pages_by_subregion(locale=self.locale)
        return context


class MemberStatePage(Page):
    """A member state's part of the page tree, in every language."""

    state = models.ForeignKey(
        "accounts.MemberState", on_delete=models.PROTECT, related_name="+", verbose_name=_("member state")
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("state"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("member state page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().specific().order_by("title")
        visible = [
            child for child in children if not hasattr(child, "audience") or access.can_view_object(request.user, child)
        ]
        groups: dict[str, list] = {}
        for child in visible:
            groups.setdefault(str(child._meta.verbose_name_plural).capitalize(), []).append(child)
        context["children_by_type"] = sorted(groups.items())
        return context


class StandardPage(AudiencePageMixin, Page):
    """A plain page: about, terms, privacy, or guidance meant for officials only.

    Its audience tier works like any content's; a page under a member state's page belongs to that
    state (for the ``state`` tier), one elsewhere to no state (so ``state`` means the secretariat only)."""

    body = RichTextField(_("body"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("body")]
    settings_panels = Page.settings_panels + [FieldPanel("audience")]

    class Meta:
        verbose_name = _("standard page")

    @property
    def audience_state_id(self) -> int | None:
        owner = MemberStatePage.objects.ancestor_of(self).values_list("state_id", flat=True).first()
        return owner

    def serve(self, request, *args, **kwargs):
        if not access.can_view_object(request.user, self):
            # Wagtail's view restriction says the same; this guards previews and direct calls too.
            raise PermissionDenied(_("This page is for verified law-enforcement officials."))
        return super().serve(request, *args, **kwargs)
