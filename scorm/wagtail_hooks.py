"""Admin registration: SCORM packages are snippets (the lesson block chooses one), added by upload.

Every view finds only packages the editor's states own (and unowned ones): another state's package
is a 404 in the edit, delete, usage, history and inspect views, and the lesson block's chooser
neither lists nor accepts it (``selectors.packages_kept_q``, through lms.owned)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView

from lms.owned import OwnedSnippets

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


OWNED = OwnedSnippets(ScormPackage, kept=selectors.packages_kept_q)


class ScormPackageViewSet(OWNED.viewset()):
    model = ScormPackage
    icon = "media"
    menu_label = _("SCORM packages")
    menu_order = 310
    add_to_admin_menu = True
    add_view_class = ScormPackageCreateView
    list_display = ["title", "version", "state", "package_size", "created_at"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")

    edit_handler = ObjectList(
        [FieldPanel("package"), FieldPanel("title"), FieldPanel("state")], base_form_class=ScormPackageForm
    )


register_snippet(ScormPackageViewSet)
OWNED.register_bulk_delete()
