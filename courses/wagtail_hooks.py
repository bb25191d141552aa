"""Admin registration: quizzes (chosen by the lesson's quiz block) and cohort runs are snippets.
Certificates are revoked on their verification page, with a reason (courses.views).

Uploaded videos belong to a state, like H5P content and SCORM packages: every view finds only the
videos of the editor's states (and unowned ones), so another state's video is a 404 in the edit,
delete, usage, history and inspect views, and the lesson block's chooser neither lists nor accepts
it (``selectors.videos_kept_q``, through lms.owned); ``page_forms.LessonPageForm`` refuses it on save too."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.owned import OwnedSnippets

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


OWNED_VIDEOS = OwnedSnippets(Video, kept=selectors.videos_kept_q)


class VideoViewSet(OWNED_VIDEOS.viewset()):
    """Uploaded lesson videos; each upload is checked in ``Video.clean`` (courses/video.py)."""

    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "state", "content_type", "size", "duration_seconds"]
    search_fields = ["title"]
    add_to_admin_menu = True
    menu_order = 312

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")


register_snippet(QuizViewSet)
register_snippet(VideoViewSet)
register_snippet(CourseRunViewSet)


OWNED_VIDEOS.register_bulk_delete()
