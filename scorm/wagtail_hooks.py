"""Admin registration: SCORM packages are snippets (the lesson block chooses one), added by upload.

Every view finds only packages the editor's states own (and unowned ones): another state's package
is a 404 in the edit, delete, usage, history and inspect views, and the lesson block's chooser
neither lists nor accepts it (``selectors.packages_for_editor``)."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser, snippets
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


def _kept(user, package) -> bool:
    return selectors.packages_for_editor(user).filter(pk=package.pk).exists()


class _Kept:
    """An object view that finds only packages the signed-in user keeps."""

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if not _kept(self.request.user, found):
            raise Http404
        return found


class ScormPackageEditView(_Kept, snippets.EditView):
    pass


class ScormPackageDeleteView(_Kept, snippets.DeleteView):
    pass


class ScormPackageUsageView(_Kept, snippets.UsageView):
    pass


class ScormPackageHistoryView(_Kept, snippets.HistoryView):
    pass


class ScormPackageInspectView(_Kept, snippets.InspectView):
    pass


class _Usable:
    def get_object_list(self):
        return super().get_object_list().filter(pk__in=selectors.packages_for_editor(self.request.user).values("pk"))


class ScormChooseView(_Usable, chooser.ChooseView):
    pass


class ScormChooseResultsView(_Usable, chooser.ChooseResultsView):
    pass


class ScormChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        found = super().get_object(pk)
        if not _kept(self.request.user, found):
            raise ObjectDoesNotExist
        return found


class ScormChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return super().get_objects(pks).filter(pk__in=selectors.packages_for_editor(self.request.user).values("pk"))


class ScormChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ScormChooseView
    choose_results_view_class = ScormChooseResultsView
    chosen_view_class = ScormChosenView
    chosen_multiple_view_class = ScormChosenMultipleView


class ScormPackageViewSet(SnippetViewSet):
    model = ScormPackage
    icon = "media"
    menu_label = _("SCORM packages")
    menu_order = 310
    add_to_admin_menu = True
    add_view_class = ScormPackageCreateView
    edit_view_class = ScormPackageEditView
    delete_view_class = ScormPackageDeleteView
    usage_view_class = ScormPackageUsageView
    history_view_class = ScormPackageHistoryView
    inspect_view_class = ScormPackageInspectView
    chooser_viewset_class = ScormChooserViewSet
    list_display = ["title", "version", "state", "package_size", "created_at"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return selectors.packages_for_editor(request.user)

    edit_handler = ObjectList(
        [FieldPanel("package"), FieldPanel("title"), FieldPanel("state")], base_form_class=ScormPackageForm
    )


register_snippet(ScormPackageViewSet)
