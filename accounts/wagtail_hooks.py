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
    for model in apps.get_models():
        if not issubclass(model, Page) or not issubclass(model, AudiencePageMixin):
            continue
        if not any(field.name == "state" for field in model._meta.concrete_fields):
            continue
        hidden = list(model.objects.filter(audience="state").exclude(state_id__in=allowed).values_list("pk", flat=True))
        pages = pages.exclude(pk__in=hidden)
    return pages


@hooks.register("construct_explorer_page_queryset")
def explorer_hides_other_states_state_pages(parent_page, pages, request):
    return _hidden_state_tier_pages(pages, request)


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_other_states_state_pages(pages, request):
    return _hidden_state_tier_pages(pages, request)
