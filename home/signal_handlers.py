"""A new member state gets its pages (and their permissions) once the transaction commits; any change
to the page tree empties the public page cache once it commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from accounts.api import MemberState


@receiver(post_save, sender=MemberState, dispatch_uid="home.member_state_pages")
def member_state_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from . import services

    transaction.on_commit(lambda: services.state_pages_ensure(state=instance))


def _pages_changed(**kwargs):
    from .pagecache import invalidate

    transaction.on_commit(invalidate)


def _page_saved_or_deleted(sender, instance=None, raw=False, **kwargs):
    # Saving a page covers publishing (the live copy is saved), draft saves and direct updates.
    if raw or not isinstance(instance, Page):
        return
    _pages_changed()


post_save.connect(_page_saved_or_deleted, dispatch_uid="home.pagecache.page_saved")
post_delete.connect(_page_saved_or_deleted, dispatch_uid="home.pagecache.page_deleted")
post_save.connect(_pages_changed, sender=PageViewRestriction, dispatch_uid="home.pagecache.restriction_saved")
post_delete.connect(_pages_changed, sender=PageViewRestriction, dispatch_uid="home.pagecache.restriction_deleted")
page_unpublished.connect(_pages_changed, dispatch_uid="home.pagecache.unpublished")
post_page_move.connect(_pages_changed, dispatch_uid="home.pagecache.moved")
