"""A course's action menu in the Wagtail admin offers its editors the cartridge export."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from accounts.access import can_edit_state_content, is_secretariat
from courses.api import can_author


class CartridgeExportMenuItem(ActionMenuItem):
    name = "action-cartridge-export"
    label = _("Export as Common Cartridge")
    icon_name = "download"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and page is not None
            and page.live
            and page.specific_class.__name__ == "CoursePage"
            and can_author(context["request"].user, page.specific)
        )

    def get_url(self, context):
        return reverse("cartridges:course_export", args=[context["page"].pk])


class CurriculumCartridgeExportMenuItem(ActionMenuItem):
    name = "action-curriculum-cartridge-export"
    label = _("Export with its courses as Common Cartridge")
    icon_name = "download"

    def is_shown(self, context):
        page = context.get("page")
        if context.get("view") != "edit" or page is None or not page.live:
            return False
        if page.specific_class.__name__ != "CurriculumPage":
            return False
        user = context["request"].user
        return is_secretariat(user) or can_edit_state_content(user, page.specific.state_id)

    def get_url(self, context):
        return reverse("cartridges:curriculum_export", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def cartridge_export_menu_item():
    return CartridgeExportMenuItem(order=90)


@hooks.register("register_page_action_menu_item")
def curriculum_cartridge_export_menu_item():
    return CurriculumCartridgeExportMenuItem(order=91)
