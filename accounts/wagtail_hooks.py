"""The admin for the secretariat: member states and agencies (with their verified e-mail domains).

Only people with the model permissions see these menus; the Secretariat group has them
(``accounts.services.state_groups_ensure``). Editors and coordinators never do."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, MemberState


class MemberStateViewSet(SnippetViewSet):
    model = MemberState
    icon = "globe"
    menu_label = _("Member states")
    list_display = ["code", "name_en", "name_es", "subregion"]
    list_filter = ["subregion"]
    search_fields = ["code", "name_en", "name_es", "name_pt", "name_fr"]
    ordering = ["name_en"]
    panels = [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("iso3"), FieldPanel("subregion")], heading=_("Codes")),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("name_es"), FieldPanel("name_pt"), FieldPanel("name_fr")],
            heading=_("Names"),
        ),
    ]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    list_display = ["name", "state", "kind"]
    list_filter = ["kind", "state"]
    search_fields = ["name"]
    panels = [
        FieldPanel("state"),
        FieldPanel("name"),
        FieldPanel("kind"),
        InlinePanel("domains", heading=_("Verified e-mail domains"), label=_("domain")),
    ]


class AccountsViewSetGroup(SnippetViewSetGroup):
    items = (MemberStateViewSet, AgencyViewSet)
    menu_icon = "globe"
    menu_label = _("States and agencies")
    menu_name = "states-and-agencies"


register_snippet(AccountsViewSetGroup)


def _hidden_state_tier_pages(pages, request):
    """Leave out other states' state-tier pages: their titles are not for editors of another state.

    Public and law-enforcement pages of every state stay, so adoption and linking still work."""
    from django.apps import apps
    from django.db.models import Q
    from wagtail.models import Page

    from . import access
    from .audience import AudiencePageMixin
    from .models import MemberState

    user = request.user
    if user.is_superuser or access.is_secretariat(user):
        return pages
    allowed = [
        pk
        for pk in MemberState.objects.values_list("pk", flat=True)
        if access.can_edit_state_content(user, pk) or access.can_view(user, audience="state", state_id=pk)
    ]
    # Pages without a state of their own belong to the member state's page above them (none: the
    # secretariat's alone).
    state_page_model = apps.get_model("home", "MemberStatePage")
    under_allowed = Q(pk__in=[])
    for path in state_page_model.objects.filter(state_id__in=allowed).values_list("path", flat=True):
        under_allowed |= Q(path__startswith=path)
    for model in apps.get_models():
        if not issubclass(model, Page) or not issubclass(model, AudiencePageMixin):
            continue
        state_tier = model.objects.filter(audience="state")
        if any(field.name == "state" for field in model._meta.concrete_fields):
            hidden = state_tier.exclude(state_id__in=allowed)
        else:
            hidden = state_tier.exclude(under_allowed)
        pages = pages.exclude(pk__in=list(hidden.values_list("pk", flat=True)))
    return pages


@hooks.register("construct_explorer_page_queryset")
def explorer_hides_other_states_state_pages(parent_page, pages, request):
    return _hidden_state_tier_pages(pages, request)


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_other_states_state_pages(pages, request):
    return _hidden_state_tier_pages(pages, request)


#: Words of an admin page search that are searched for; the rest are ignored.
MAX_ADMIN_SEARCH_WORDS = 32


def page_search_view(results_only: bool = False):
    """The admin page search, leaving out the same pages as the explorer and the chooser (Wagtail's
    search view calls neither hook)."""
    from wagtail.admin.auth import require_admin_access
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.admin.viewsets.pages import base_page_viewset

    class StateAwareSearchView(SearchView):
        @property
        def search_query(self):
            # Wagtail's database backend nests one expression a word: thousands of words in ``q``
            # were a RecursionError (a 500). No one searches for more than a few dozen words.
            query = super().search_query
            return " ".join(query.split()[:MAX_ADMIN_SEARCH_WORDS]) if isinstance(query, str) else query

        def annotate_queryset(self, pages):
            self.all_pages = _hidden_state_tier_pages(self.all_pages, self.request)
            return _hidden_state_tier_pages(super().annotate_queryset(pages), self.request)

    return require_admin_access(base_page_viewset.construct_view(StateAwareSearchView, results_only=results_only))
