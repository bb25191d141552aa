"""The admin for the secretariat: member states and agencies (with their verified e-mail domains).

Only people with the model permissions see these menus; the Secretariat group has them
(``accounts.services.state_groups_ensure``). Editors and coordinators never do."""

from django.utils.translation import gettext_lazy as _
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
