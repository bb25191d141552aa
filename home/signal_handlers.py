"""A new member state gets its pages (and their permissions) once the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.api import MemberState


@receiver(post_save, sender=MemberState, dispatch_uid="home.member_state_pages")
def member_state_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from . import services

    transaction.on_commit(lambda: services.state_pages_ensure(state=instance))
