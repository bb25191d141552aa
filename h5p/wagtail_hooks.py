"""Admin registration: H5P contents are snippets (the lesson block chooses one), added by upload.

Every view is scoped by h5p.access: the listing, edit, delete, usage, history and inspect views
show an editor only the content their state keeps (another state's is a 404, as if it did not
exist); the lesson block's chooser lists, and accepts, only content the editor may read."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser, snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access, services
from .forms import H5PContentForm
from .models import H5PContent


class H5PContentCreateView(snippets.CreateView):
    """Stores the package the form validated (libraries shared, content by hash) instead of a bare row."""

    def save_instance(self):
        form = self.form
        upload = form.cleaned_data["package"]
        content, _created = services.package_store(
            package=form.package,
            filename=upload.name,
            user=self.request.user,
            title=form.cleaned_data.get("title") or "",
            state=form.cleaned_data.get("state"),
            audience=form.cleaned_data.get("audience") or H5PContent._meta.get_field("audience").default,
        )
        log(instance=content, action="wagtail.create", user=self.request.user)
        return content


class _Kept:
    """An object view that finds only content the signed-in user keeps."""

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if not access.can_keep(self.request.user, found):
            raise Http404
        return found


class H5PContentEditView(_Kept, snippets.EditView):
    pass


class H5PContentDeleteView(_Kept, snippets.DeleteView):
    pass


class H5PContentUsageView(_Kept, snippets.UsageView):
    pass


class H5PContentHistoryView(_Kept, snippets.HistoryView):
    pass


class H5PContentInspectView(_Kept, snippets.InspectView):
    pass


class H5PContentCopyView(_Kept, generic.CopyViewMixin, H5PContentCreateView):
    """A copy is a new upload (the form asks for the package again), stored like any upload."""


class _Usable:
    def get_object_list(self):
        return super().get_object_list().filter(access.usable_q(self.request.user))


class H5PChooseView(_Usable, chooser.ChooseView):
    pass


class H5PChooseResultsView(_Usable, chooser.ChooseResultsView):
    pass


class H5PChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        found = super().get_object(pk)
        if not access.can_use(self.request.user, found):
            raise ObjectDoesNotExist
        return found


class H5PChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return super().get_objects(pks).filter(access.usable_q(self.request.user))


class H5PChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = H5PChooseView
    choose_results_view_class = H5PChooseResultsView
    chosen_view_class = H5PChosenView
    chosen_multiple_view_class = H5PChosenMultipleView


class H5PContentViewSet(SnippetViewSet):
    model = H5PContent
    icon = "media"
    menu_label = _("H5P contents")
    menu_order = 300
    add_to_admin_menu = True
    add_view_class = H5PContentCreateView
    edit_view_class = H5PContentEditView
    delete_view_class = H5PContentDeleteView
    usage_view_class = H5PContentUsageView
    history_view_class = H5PContentHistoryView
    inspect_view_class = H5PContentInspectView
    copy_view_class = H5PContentCopyView
    chooser_viewset_class = H5PChooserViewSet
    list_display = ["title", "state", "audience", "main_library", "package_size", "created_at"]
    list_filter = ["audience"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return H5PContent.objects.filter(access.keepable_q(request.user)).select_related("main_library", "state")

    edit_handler = ObjectList(
        [FieldPanel("package"), FieldPanel("title"), FieldPanel("state"), FieldPanel("audience")],
        base_form_class=H5PContentForm,
    )


register_snippet(H5PContentViewSet)


class H5PDeleteBulkAction(DeleteBulkAction):
    """The listing's bulk delete, for content the user keeps only: another state's ids in the
    query are left out, unnamed."""

    models = [H5PContent]

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        kept = [found for found in objects if access.can_keep(self.request.user, found)]
        extra["items_with_no_access"] = [
            found for found in extra.get("items_with_no_access", []) if access.can_keep(self.request.user, found)
        ]
        return kept, extra


# After wagtail.snippets' own registration (order 0), so that this one is the H5P delete action.
hooks.register("register_bulk_action", H5PDeleteBulkAction, order=10)
