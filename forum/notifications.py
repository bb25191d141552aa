"""Notices of the forum, in each recipient's language (through accounts.api.notify): replies in a
followed thread, new threads in a followed space, mentions, reports to the moderators. Nobody is
told of what they may not read."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.api import notify

from . import access
from .models import Post, PostReport, Space, Subscription


def post_url(post: Post) -> str:
    from .selectors import page_of

    url = reverse("forum:thread", kwargs={"pk": post.thread_id})
    page = page_of(post.number)
    return (f"{url}?page={page}" if page > 1 else url) + f"#post-{post.number}"


def post_created(*, post_id: int, new_thread: bool, mentioned: list[int]) -> None:
    post = Post.objects.select_related("thread", "thread__space", "author").filter(pk=post_id).first()
    if post is None or post.hidden or post.thread.hidden:
        return
    thread, space = post.thread, post.thread.space
    author = post.author.get_full_name() or post.author.username
    url = post_url(post)
    users = get_user_model().objects.filter(is_active=True)
    mentioned_users = [u for u in users.filter(pk__in=mentioned) if access.can_read_space(u, space)]
    if mentioned_users:
        notify(
            recipients=mentioned_users,
            kind="forum.mention",
            subject=lambda: _("%(author)s mentioned you in “%(thread)s”") % {"author": author, "thread": thread.title},
            url=url,
            dedupe_key=f"forum.mention:{post.pk}",
        )
    skip = {post.author_id, *mentioned}
    subscriptions = Subscription.objects.filter(thread=thread).exclude(user_id__in=skip).select_related("user")
    if new_thread:
        subscriptions = Subscription.objects.filter(space=space).exclude(user_id__in=skip).select_related("user")
    by_email: dict[bool, list] = {True: [], False: []}
    for subscription in subscriptions:
        if access.can_read_space(subscription.user, space):
            by_email[subscription.email].append(subscription.user)
    for email, recipients in by_email.items():
        if not recipients:
            continue
        if new_thread:
            notify(
                recipients=recipients,
                kind="forum.thread",
                subject=lambda: (
                    _("New thread in %(space)s: %(thread)s") % {"space": space.title, "thread": thread.title}
                ),
                body=lambda: _("Started by %(author)s.") % {"author": author},
                url=url,
                dedupe_key=f"forum.thread:{thread.pk}",
                email=email,
            )
        else:
            notify(
                recipients=recipients,
                kind="forum.reply",
                subject=lambda: _("%(author)s replied in “%(thread)s”") % {"author": author, "thread": thread.title},
                url=url,
                dedupe_key=f"forum.reply:{post.pk}",
                email=email,
            )


def post_reported(*, report_id: int) -> None:
    from accounts.api import Role, users_with_role, users_with_secretariat_powers

    report = (
        PostReport.objects.select_related("post", "post__thread", "post__thread__space").filter(pk=report_id).first()
    )
    if report is None:
        return
    space: Space = report.post.thread.space
    recipients = list(users_with_secretariat_powers())
    if space.state_id:
        recipients += list(users_with_role(role=Role.NATIONAL_COORDINATOR, state=space.state))
    notify(
        recipients=[u for u in {u.pk: u for u in recipients}.values() if access.can_moderate_space(u, space)],
        kind="forum.report",
        subject=lambda: _("A post was reported in %(space)s") % {"space": space.title},
        body=lambda: report.reason,
        url=reverse("forum:reports"),
        dedupe_key=f"forum.report:{report.pk}",
    )
