"""What search indexes of the forum: one document per visible thread of a space with a tier
(public, officials of every state, officials of one state), with the text of its visible posts.

The coordinators' space is not a tier of accounts.access and is not indexed: its threads are found
in the forum itself. A hidden thread yields no document, so search removes it; a hidden post's
text leaves the thread's document when the thread is re-indexed (every new post, edit or moderation
saves the thread, and the thread's save re-indexes it)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search.api import Provider, SearchDocument

from .access import AUDIENCE_OF_KIND
from .models import Post, SpaceKind, Thread
from .richtext import plain

BODY_LIMIT = 100_000  # characters of post text per thread document


def thread_documents(ids: Iterable[int] | None) -> Iterable[SearchDocument]:
    threads = (
        Thread.objects.filter(hidden=False)
        .exclude(space__kind=SpaceKind.COORDINATORS)
        .select_related("space", "space__state", "author")
        .order_by("pk")
    )
    if ids is not None:
        threads = threads.filter(pk__in=list(ids))
    for thread in threads.iterator(chunk_size=200):
        space = thread.space
        parts, size, summary = [], 0, ""
        for body, number in (
            Post.objects.filter(thread=thread, hidden=False).order_by("number").values_list("body", "number").iterator()
        ):
            text = plain(body)
            if number == 1:
                summary = text[:300]
            parts.append(text)
            size += len(text)
            if size >= BODY_LIMIT:
                break
        with translation.override(thread.language):
            url = thread.get_absolute_url()
            yield SearchDocument(
                kind="forum_thread",
                object_id=thread.pk,
                title=thread.title,
                url=url,
                language=thread.language,
                audience=AUDIENCE_OF_KIND[space.kind],
                state_id=space.state_id,
                state_code=space.state.code if space.state else "",
                subregion=space.state.subregion if space.state else "",
                summary=summary,
                body="\n".join(parts)[:BODY_LIMIT],
                discipline=thread.discipline,
                topics=[thread.topic] if thread.topic else [],
                group_key=f"forum_thread:{thread.pk}",
                published_at=thread.created_at,
                facts={"space": space.title, "posts": thread.post_count},
            )


def providers() -> list[Provider]:
    return [Provider(kind="forum_thread", label=_("Forum thread"), model=Thread, documents=thread_documents)]
