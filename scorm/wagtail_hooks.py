"""Admin registration: SCORM packages are snippets (the lesson block chooses one), added by upload."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import selectors, services
from .forms import ScormPackageForm
from .models import ScormPackage


class ScormPackageCreateView(CreateView):
    """Stores the package the form validated (its files, once by hash) instead of a bare row."""

    def save_instance(self):
        form = self.form
        upload = form.cleaned_data["package"]
        package, _created = services.package_store(
            package=form.package,
            filename=upload.name,
            user=self.request.user,
            title=form.cleaned_data.get("title") or "",
            state=form.cleaned_data.get("state"),
        )
        log(instance=package, action="wagtail.create", user=self.request.user)
        return package


class ScormPackageViewSet(SnippetViewSet):
    model = ScormPackage
    icon = "media"
    menu_label = _("SCORM packages")
    menu_order = 310
    add_to_admin_menu = True
    add_view_class = ScormPackageCreateView
    list_display = ["title", "version", "state", "package_size", "created_at"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return selectors.packages_for_editor(request.user)

    edit_handler = ObjectList(
        [FieldPanel("package"), FieldPanel("title"), FieldPanel("state")], base_form_class=ScormPackageForm
    )


register_snippet(ScormPackageViewSet)
