"""Admin registration: quizzes (chosen by the lesson's quiz block) and cohort runs are snippets.
Certificates are revoked on their verification page, with a reason (courses.views)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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


class VideoViewSet(SnippetViewSet):
    """Uploaded lesson videos; each upload is checked in ``Video.clean`` (courses/video.py)."""

    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "content_type", "size", "duration_seconds"]
    search_fields = ["title"]
    add_to_admin_menu = True
    menu_order = 312


register_snippet(QuizViewSet)
register_snippet(VideoViewSet)
register_snippet(CourseRunViewSet)
