"""Admin registration: H5P contents are snippets (the lesson block chooses one), added by upload.

Every view is scoped by h5p.access, through lms.owned: the listing, edit, delete, usage, history and inspect views
show an editor only the content their state keeps (another state's is a 404, as if it did not
exist); the lesson block's chooser lists, and accepts, only content the editor may read."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets

from lms.owned import OwnedSnippets

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


OWNED = OwnedSnippets(
    H5PContent, kept=access.keepable_q, usable=lambda user: access.keepable_q(user) | access.usable_q(user)
)


class H5PContentCopyView(OWNED.kept_mixin(), generic.CopyViewMixin, H5PContentCreateView):
    """A copy is a new upload (the form asks for the package again), stored like any upload."""


class H5PContentViewSet(OWNED.viewset()):
    model = H5PContent
    icon = "media"
    menu_label = _("H5P contents")
    menu_order = 300
    add_to_admin_menu = True
    add_view_class = H5PContentCreateView
    copy_view_class = H5PContentCopyView
    list_display = ["title", "state", "audience", "main_library", "package_size", "created_at"]
    list_filter = ["audience"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("main_library", "state")

    edit_handler = ObjectList(
        [FieldPanel("package"), FieldPanel("title"), FieldPanel("state"), FieldPanel("audience")],
        base_form_class=H5PContentForm,
    )


register_snippet(H5PContentViewSet)


OWNED.register_bulk_delete()
