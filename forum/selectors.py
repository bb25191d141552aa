"""Reads of the forum, each a fixed number of queries whatever the number of spaces, threads or posts."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q

from . import access
from .models import (
    ApproachText,
    Attachment,
    NationalApproach,
    Post,
    PostReport,
    Reaction,
    ReactionKind,
    ReadMarker,
    Space,
    Subscription,
    Thread,
)

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 25


def _read_q(user):
    """An Exists() that is true when the reader has seen a thread's last post."""
    return Exists(
        ReadMarker.objects.filter(
            user_id=user.pk, thread_id=OuterRef("pk"), last_read_post_id__gte=OuterRef("last_post_id")
        )
    )


def spaces_for(user) -> list[Space]:
    """The spaces this user reads, each with ``thread_count``, ``last_activity`` and ``unread``
    (threads with posts the reader has not seen), in two queries."""
    spaces = list(
        Space.objects.filter(access.readable_spaces_q(user))
        .select_related("state")
        .annotate(
            thread_count=Count("threads", filter=Q(threads__hidden=False)),
            last_activity=Max("threads__last_post_at", filter=Q(threads__hidden=False)),
        )
        .order_by("order", "slug")
    )
    unread: dict[int, int] = {}
    if getattr(user, "is_authenticated", False) and spaces:
        unread = dict(
            Thread.objects.filter(space__in=[s.pk for s in spaces], hidden=False)
            .exclude(_read_q(user))
            .values("space")
            .annotate(n=Count("pk"))
            .values_list("space", "n")
        )
    for space in spaces:
        space.unread = unread.get(space.pk, 0)
    return spaces


def threads_page(
    user,
    space: Space,
    *,
    page: int = 1,
    per_page: int = THREADS_PER_PAGE,
    measure_id: int | None = None,
    discipline: str = "",
):
    """A page of a space's threads, newest activity first, each with ``is_read``; optionally only
    those about one measure of the plan or one discipline."""
    qs = Thread.objects.filter(space=space).select_related("author").order_by("-last_post_at", "-pk")
    if measure_id:
        qs = qs.filter(measure_id=measure_id)
    if discipline:
        qs = qs.filter(discipline=discipline)
    if not access.can_moderate_space(user, space):
        qs = qs.filter(hidden=False)
    if getattr(user, "is_authenticated", False):
        qs = qs.annotate(is_read=_read_q(user))
    paginator = Paginator(qs, per_page)
    return paginator.get_page(page)


@dataclass
class ThreadPage:
    thread: Thread
    posts: list[Post]
    number: int
    pages: int
    first_unread: int | None = None  # the number of the first post the reader has not seen
    subscribed: bool = False
    reaction_kinds: list = field(default_factory=list)
    per_page: int = POSTS_PER_PAGE
    marker: int | None = None  # the reader's last read post id before this page

    @property
    def first_unread_page(self) -> int | None:
        return page_of(self.first_unread, self.per_page) if self.first_unread else None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def page_range(self) -> list[int]:
        return (
            list(range(1, self.pages + 1))
            if self.pages <= 12
            else sorted(
                {
                    1,
                    2,
                    self.pages - 1,
                    self.pages,
                    *range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1),
                }
            )
        )

    @property
    def last_post_id(self) -> int | None:
        return self.posts[-1].pk if self.posts else None


def page_of(number: int, per_page: int = POSTS_PER_PAGE) -> int:
    return max(1, math.ceil(number / per_page))


def thread_page(user, thread: Thread, *, page: int = 1, per_page: int = POSTS_PER_PAGE) -> ThreadPage:
    """One page of a thread: posts ``(page-1)*per_page+1 … page*per_page`` by number (an index
    range, the same cost on page 1 and page 200), with authors, quotes, attachments, reaction counts
    and the reader's own reactions."""
    pages = max(1, math.ceil(thread.post_count / per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    posts = list(
        Post.objects.filter(thread=thread, number__gt=start, number__lte=start + per_page)
        .select_related("author", "quote", "quote__author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("number")
    )
    ids = [p.pk for p in posts]
    counts: dict[int, dict[str, int]] = {}
    mine: set[tuple[int, str]] = set()
    if ids:
        # Counts and the reader's own reactions in one aggregate query.
        reader_id = user.pk if getattr(user, "is_authenticated", False) else None
        rows = (
            Reaction.objects.filter(post_id__in=ids)
            .values("post_id", "kind")
            .annotate(n=Count("pk"), mine=Count("pk", filter=Q(user_id=reader_id)))
            .values_list("post_id", "kind", "n", "mine")
        )
        for post_id, kind, n, own in rows:
            counts.setdefault(post_id, {})[kind] = n
            if own:
                mine.add((post_id, kind))
    result = ThreadPage(
        thread=thread, posts=posts, number=page, pages=pages, reaction_kinds=ReactionKind.choices, per_page=per_page
    )
    if getattr(user, "is_authenticated", False):
        marker = (
            ReadMarker.objects.filter(user_id=user.pk, thread=thread)
            .values_list("last_read_post_id", flat=True)
            .first()
        )
        result.marker = marker
        if marker is not None:
            # One query whether or not there is anything new, so a page costs the same either way.
            result.first_unread = (
                Post.objects.filter(thread=thread, pk__gt=marker)
                .order_by("number")
                .values_list("number", flat=True)
                .first()
            )
        else:
            result.first_unread = 1
        result.subscribed = Subscription.objects.filter(user_id=user.pk, thread=thread).exists()
    for post in posts:
        post.reaction_counts = [
            (kind, label, counts.get(post.pk, {}).get(kind, 0), (post.pk, kind) in mine)
            for kind, label in ReactionKind.choices
        ]
        post.is_answer = thread.answer_post_id == post.pk
        post.is_unread = result.first_unread is not None and post.number >= result.first_unread
    return result


def revisions_of(post: Post) -> list:
    return list(post.revisions.select_related("edited_by"))


def open_reports_for(user) -> list[PostReport]:
    q = access.moderated_spaces_q(user)
    if q is None:
        return []
    spaces = Space.objects.filter(q).values("pk")
    return list(
        PostReport.objects.filter(resolved_at__isnull=True, post__thread__space__in=spaces)
        .select_related("post", "post__thread", "post__thread__space", "post__author", "reporter")
        .order_by("-created_at")[:200]
    )


def subscriptions_of(user) -> list[Subscription]:
    return list(
        Subscription.objects.filter(user_id=user.pk)
        .select_related("thread", "thread__space", "space")
        .order_by("-created_at")
    )


def moderated_spaces(user) -> list[Space]:
    q = access.moderated_spaces_q(user)
    return [] if q is None else list(Space.objects.filter(q).order_by("order", "slug"))


# --- National approaches ------------------------------------------------------------------------


@dataclass
class ApproachRow:
    state: object
    approach: NationalApproach | None


def approaches_overview(*, work_plan_id: int) -> tuple[list[ApproachRow], int]:
    """Every member state with its approach for the period, or None; and how many presented."""
    from accounts.api import member_states

    approaches = {
        a.state_id: a
        for a in NationalApproach.objects.filter(work_plan_id=work_plan_id)
        .select_related("thread", "published_by")
        .prefetch_related(Prefetch("texts", queryset=ApproachText.objects.only("pk", "approach_id", "language")))
    }
    rows = [ApproachRow(state=s, approach=approaches.get(s.pk)) for s in member_states().order_by("name_en")]
    return rows, len(approaches)


def approach_detail(pk: int) -> NationalApproach | None:
    return (
        NationalApproach.objects.filter(pk=pk)
        .select_related("state", "thread", "published_by")
        .prefetch_related("texts", "measures")
        .first()
    )
