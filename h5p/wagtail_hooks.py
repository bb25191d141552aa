"""Admin registration: H5P contents are snippets (the lesson block chooses one)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import H5PContent


class H5PContentViewSet(SnippetViewSet):
    model = H5PContent
    icon = "media"
    menu_label = _("H5P contents")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "main_library", "created_at"]
    search_fields = ["title"]


register_snippet(H5PContentViewSet)
