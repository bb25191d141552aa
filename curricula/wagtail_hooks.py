"""Curricula in the Wagtail admin: menu items, URLs and the "Adopt" button on curriculum pages."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from accounts import access as accounts_access

from . import access, admin_views
from .models import CurriculumPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Built when the admin's URLs are included, after lms.urls has registered the `id` converter.
    admin_urlpatterns = [
        path("adopt/", admin_views.adopt_list, name="adopt_list"),
        path("adopt/<id:page_id>/", admin_views.adopt, name="adopt"),
        path("import/", admin_views.import_view, name="import"),
    ]
    return [path("curricula/", include((admin_urlpatterns, "curricula_admin")))]


class _RoleMenuItem(MenuItem):
    def is_shown(self, request):
        viewer = accounts_access.viewer_for(request.user)
        return bool(viewer.editor_states or viewer.coordinator_states or viewer.is_secretariat)


@hooks.register("register_admin_menu_item")
def adopt_menu_item():
    return _RoleMenuItem(_("Adopt a curriculum"), reverse("curricula_admin:adopt_list"), icon_name="copy", order=310)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return _RoleMenuItem(_("Import a curriculum"), reverse("curricula_admin:import"), icon_name="upload", order=320)


@hooks.register("register_page_header_buttons")
def adopt_button(page, user, view_name=None, next_url=None):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if isinstance(specific, CurriculumPage) and access.adopt_state_ids(user, specific):
        yield Button(
            _("Adopt into my state"),
            reverse("curricula_admin:adopt_list") + f"?page={page.pk}",
            icon_name="copy",
            priority=40,
        )
