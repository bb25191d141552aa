"""Admin registration: H5P contents are snippets (the lesson block chooses one), added by upload."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import services
from .forms import H5PContentForm
from .models import H5PContent


class H5PContentCreateView(CreateView):
    """Stores the package the form validated (libraries shared, content by hash) instead of a bare row."""

    def save_instance(self):
        form = self.form
        upload = form.cleaned_data["package"]
        content, _created = services.package_store(
            package=form.package,
            filename=upload.name,
            user=self.request.user,
            title=form.cleaned_data.get("title") or "",
        )
        log(instance=content, action="wagtail.create", user=self.request.user)
        return content


class H5PContentViewSet(SnippetViewSet):
    model = H5PContent
    icon = "media"
    menu_label = _("H5P contents")
    menu_order = 300
    add_to_admin_menu = True
    add_view_class = H5PContentCreateView
    list_display = ["title", "main_library", "package_size", "created_at"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return H5PContent.objects.select_related("main_library")

    edit_handler = ObjectList([FieldPanel("package"), FieldPanel("title")], base_form_class=H5PContentForm)


register_snippet(H5PContentViewSet)
