"""Signal handlers only hand off to services.

Unlike the other apps' handlers these run inside the transaction that sent the signal, not after
it commits: the profile of a new account, an official verified by the address they confirmed and a
page's view restriction are accounts' own rows that must be true when that transaction ends (a
page must never be served, even for a moment, under the tier it had before)."""

from allauth.account.signals import email_confirmed, user_signed_up
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.signals import page_published, post_page_move

from . import services


@receiver(user_signed_up, dispatch_uid="accounts.profile_on_sign_up")
def create_profile(sender, request, user, **kwargs):
    # The language of the sign-up form is the new user's language (notices, e-mails, "/").
    language = translation.get_language_from_path(request.path_info) if request is not None else None
    services.profile_get_or_create(user=user, preferred_language=language or translation.get_language())


@receiver(email_confirmed, dispatch_uid="accounts.verify_by_domain")
def verify_official_by_domain(sender, request, email_address, **kwargs):
    services.verify_by_email_domain(user=email_address.user, email=email_address.email)


@receiver(page_published, dispatch_uid="accounts.view_restriction_published")
def view_restriction_follows_publication(sender, instance, **kwargs):
    # Runs in the publishing transaction, so the live page is never served under a stale tier.
    from .audience import AudiencePageMixin, sync_live_view_restriction

    if isinstance(instance, AudiencePageMixin):
        sync_live_view_restriction(page_id=instance.pk)


@receiver(post_page_move, dispatch_uid="accounts.view_restriction_moved")
def view_restriction_follows_move(sender, instance, **kwargs):
    # A move can change the owning state (the state page above), and so the state tier's group.
    from .audience import AudiencePageMixin, sync_live_view_restriction

    if isinstance(instance.specific_deferred, AudiencePageMixin):
        sync_live_view_restriction(page_id=instance.pk)


@receiver(post_save, sender="wagtailusers.UserProfile", dispatch_uid="accounts.admin_language_to_profile")
def profile_language_follows_admin_language(sender, instance, **kwargs):
    services.profile_language_from_admin(user_id=instance.user_id, language=instance.preferred_language)


@receiver(post_save, sender="accounts.MemberState", dispatch_uid="accounts.member_state_saved")
@receiver(post_delete, sender="accounts.MemberState", dispatch_uid="accounts.member_state_deleted")
def member_state_cache_follows_changes(sender, instance, **kwargs):
    from .selectors import member_state_forget

    member_state_forget(instance.pk)
