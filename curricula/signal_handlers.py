"""Signal handlers only hand off to tasks once the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from accounts.api import MemberState

from .models import CurriculumPage


@receiver(page_published, sender=CurriculumPage, dispatch_uid="curricula.published")
def curriculum_published(sender, instance, revision=None, **kwargs):
    if revision is None:
        return
    from .tasks import source_published

    page_id, revision_id = instance.pk, revision.pk
    transaction.on_commit(lambda: source_published.delay(page_id, revision_id))


@receiver(post_save, sender=MemberState, dispatch_uid="curricula.member_state_workflow")
def member_state_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from .tasks import state_workflow

    state_id = instance.pk
    transaction.on_commit(lambda: state_workflow.delay(state_id))
