"""Admin registration: quizzes (chosen by the lesson's quiz block) and cohort runs are snippets.
Certificates are revoked on their verification page, with a reason (courses.views).

Uploaded videos belong to a state, like H5P content and SCORM packages: every view finds only the
videos of the editor's states (and unowned ones), so another state's video is a 404 in the edit,
delete, usage, history and inspect views, and the lesson block's chooser neither lists nor accepts
it (``selectors.videos_for_editor``); ``page_forms.LessonPageForm`` refuses it on save too."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser, snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from . import selectors
from .models import CourseRun, Quiz, Video


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "list-ul"
    menu_label = _("Quizzes")
    list_display = ["title", "pass_mark", "max_attempts", "time_limit_minutes"]
    search_fields = ["title"]
    add_to_admin_menu = True
    menu_order = 310


class CourseRunViewSet(SnippetViewSet):
    model = CourseRun
    icon = "date"
    menu_label = _("Course runs")
    list_display = ["title", "course", "starts", "ends", "capacity"]
    list_filter = ["self_paced"]
    add_to_admin_menu = True
    menu_order = 311
    panels = [
        FieldPanel("course"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("enrol_opens"), FieldPanel("enrol_closes")]),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends"), FieldPanel("capacity")]),
    ]

    def get_queryset(self, request):
        return CourseRun.objects.filter(self_paced=False).select_related("course")


def _kept(user, video) -> bool:
    return selectors.videos_for_editor(user).filter(pk=video.pk).exists()


class _Kept:
    """An object view that finds only videos the signed-in user keeps."""

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if not _kept(self.request.user, found):
            raise Http404
        return found


class VideoEditView(_Kept, snippets.EditView):
    pass


class VideoDeleteView(_Kept, snippets.DeleteView):
    pass


class VideoUsageView(_Kept, snippets.UsageView):
    pass


class VideoHistoryView(_Kept, snippets.HistoryView):
    pass


class VideoInspectView(_Kept, snippets.InspectView):
    pass


class _Usable:
    def get_object_list(self):
        return super().get_object_list().filter(pk__in=selectors.videos_for_editor(self.request.user).values("pk"))


class VideoChooseView(_Usable, chooser.ChooseView):
    pass


class VideoChooseResultsView(_Usable, chooser.ChooseResultsView):
    pass


class VideoChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        found = super().get_object(pk)
        if not _kept(self.request.user, found):
            raise ObjectDoesNotExist
        return found


class VideoChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return super().get_objects(pks).filter(pk__in=selectors.videos_for_editor(self.request.user).values("pk"))


class VideoChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView
    chosen_view_class = VideoChosenView
    chosen_multiple_view_class = VideoChosenMultipleView


class VideoViewSet(SnippetViewSet):
    """Uploaded lesson videos; each upload is checked in ``Video.clean`` (courses/video.py)."""

    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "state", "content_type", "size", "duration_seconds"]
    search_fields = ["title"]
    add_to_admin_menu = True
    menu_order = 312
    edit_view_class = VideoEditView
    delete_view_class = VideoDeleteView
    usage_view_class = VideoUsageView
    history_view_class = VideoHistoryView
    inspect_view_class = VideoInspectView
    chooser_viewset_class = VideoChooserViewSet

    def get_queryset(self, request):
        return selectors.videos_for_editor(request.user)


register_snippet(QuizViewSet)
register_snippet(VideoViewSet)
register_snippet(CourseRunViewSet)


class VideoDeleteBulkAction(DeleteBulkAction):
    """The listing's bulk delete, for videos the user keeps only: another state's ids in the query
    are left out, unnamed."""

    models = [Video]

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        kept = [found for found in objects if _kept(self.request.user, found)]
        extra["items_with_no_access"] = [
            found for found in extra.get("items_with_no_access", []) if _kept(self.request.user, found)
        ]
        return kept, extra


# After wagtail.snippets' own registration (order 0), so that this one is the videos' delete action.
hooks.register("register_bulk_action", VideoDeleteBulkAction, order=10)
