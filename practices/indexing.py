"""What the library hands to search: one document per published practice, in the language it is
written in, with its audience tier and owning state (search filters by the reader's scope, the
same rule as accounts.access). A practice that is not published yields no document, so search
removes it."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search.api import Provider, SearchDocument

from .models import Practice, Status


def practice_documents(ids: Iterable[int] | None) -> Iterable[SearchDocument]:
    qs = (
        Practice.objects.filter(status=Status.PUBLISHED)
        .select_related("state", "agency")
        .prefetch_related("topics", "measures")
        .order_by("pk")
    )
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for practice in qs.iterator(chunk_size=200):
        language = practice.language
        with translation.override(language):
            url = practice.get_absolute_url()
        yield SearchDocument(
            kind="practice",
            object_id=practice.pk,
            title=practice.title,
            url=url,
            language=language,
            audience=practice.audience,
            state_id=practice.state_id,
            state_code=practice.state.code,
            subregion=practice.state.subregion,
            summary=practice.summary,
            body="\n".join(
                [practice.context, practice.problem, practice.actions, practice.results, practice.resources]
            ),
            discipline=practice.discipline,
            topics=sorted(topic.name_in(language) for topic in practice.topics.all()),
            published_at=practice.published_at,
            facts={
                "state": practice.state.name_in(language),
                "agency": practice.agency.name if practice.agency else "",
                "measures": [m.code for m in practice.measures.all()],
                "gender_perspective": practice.gender_perspective,
                "human_rights": practice.human_rights,
            },
        )


def providers() -> list[Provider]:
    return [Provider(kind="practice", label=_("Good practice"), model=Practice, documents=practice_documents)]
