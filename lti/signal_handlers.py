"""Progress in courses goes back to the platforms that launched the learner (only hands off)."""

from django.dispatch import receiver

from courses import api as courses_api

from .models import LearnerLink


@receiver(courses_api.progress_changed, dispatch_uid="lti_progress_changed")
def progress_changed(sender, *, user_id: int, lesson_id: int, course_id: int, **kwargs):
    # Sent after the commit; a learner never launched through LTI costs one indexed query here and
    # no task.
    if LearnerLink.objects.filter(account__user_id=user_id).exists():
        from .tasks import send_progress

        send_progress.delay(user_id, lesson_id, course_id)
