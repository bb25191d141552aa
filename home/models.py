"""The site's frame: a home page per language and a page per member state.

Each member state's curricula and courses live under its MemberStatePage, so that page permissions,
the approval workflow and the state's public listing all follow the state (docs/architecture.md)."""

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from accounts import access
from accounts.api import AudiencePageMixin
from lms.languages import in_interface_language


class HomePage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """The interface language is not the content language: ``/en/colombia/derechos-humanos/``
        serves the Spanish page with the English interface when the English tree has no page at
        that address, so switching the interface language never leads to a 404. The tree of the
        interface language always wins; the others are tried in the order of ``LANGUAGES``."""
        found = _route_by_url_path(self, request, path_components)
        if found is not None:
            return found
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
        order = {code: n for n, (code, _name) in enumerate(settings.LANGUAGES)}
        others = sorted(
            HomePage.objects.live()
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .select_related("locale"),
            key=lambda home: order.get(home.locale.language_code, len(order)),
        )
        for home in others:
            found = _route_by_url_path(home, request, path_components)
            if found is not None:
                return found
            try:
                return Page.route(home, request, path_components)
            except Http404:
                continue
        raise Http404

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["states_by_subregion"] = selectors.state_pages_by_subregion(locale=self.locale)
        return context


@functools.cache
def _walk_needed() -> bool:
    """Whether some page model routes its own sub-paths (a routable page): then a page's address
    alone does not say which page serves it, and Wagtail's walk down the tree decides."""
    from wagtail.models import get_page_models

    return any(model.route is not Page.route for model in get_page_models() if not issubclass(model, HomePage))


def _route_by_url_path(home, request, components):
    """Wagtail walks the tree one query per level (and one more for each page's specific class);
    every page's full address is stored in ``url_path``, so the page and its parent come in one
    query and its specific class in one more, whatever the depth. Returns None (the walk and the
    language fallback then run as usual) when the address names no page, the page is not live, or
    a page model routes sub-paths itself."""
    if not components or _walk_needed():
        return None
    target = home.url_path + "/".join(components) + "/"
    parent_path = home.url_path + "/".join(components[:-1]) + ("/" if len(components) > 1 else "")
    pages = {
        page.url_path: page
        for page in Page.objects.filter(path__startswith=home.path, url_path__in=(target, parent_path))
    }
    page = pages.get(target)
    if page is None or not page.live:
        return None
    specific = page.specific
    parent = pages.get(parent_path)
    if parent is not None and parent.depth == page.depth - 1:
        specific._cached_parent_obj = parent
    return specific.route(request, [])


class InterfaceLanguageUrlMixin:
    """Links to a page keep the reader's interface language: read with the English interface, a
    Spanish-only course links to ``/en/…/its-slug/`` (served by ``HomePage.route``), so going from
    the course to its lessons does not switch the interface to Spanish. Without a request (search
    documents, e-mails, sitemaps) the page's own address in its language is returned."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if request is None or parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, in_interface_language(page_path, (translation.get_language() or "")[:2])


_LOCALE_CODES: dict[int, str] = {}


def content_language_of(page) -> str:
    """The language a page is written in (its locale's code); locale codes are kept once read."""
    locale_id = getattr(page, "locale_id", None)
    if not locale_id:
        return settings.LANGUAGE_CODE
    if locale_id not in _LOCALE_CODES:
        from wagtail.models import Locale

        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALE_CODES.get(locale_id, settings.LANGUAGE_CODE)


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
