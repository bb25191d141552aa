"""What search indexes of curricula: one document per published curriculum page (each translation is
its own document in its own language; ``group_key`` groups them)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.api import Provider, SearchDocument

from .models import CurriculumPage, Topic


def _module_text(page: CurriculumPage) -> tuple[str, list[int]]:
    parts, topic_ids = [], []
    for block in page.modules.raw_data:
        value = block.get("value") or {}
        parts.extend(str(value.get(key) or "") for key in ("title", "objectives", "methods", "assessment", "resources"))
        for item in value.get("topics") or []:
            topic = item.get("value") if isinstance(item, dict) else item  # ListBlock items carry ids
            if isinstance(topic, int):
                topic_ids.append(topic)
    return "\n".join(p for p in parts if p), topic_ids


def curriculum_documents(ids: Iterable[int] | None = None) -> Iterable[SearchDocument]:
    pages = CurriculumPage.objects.live().select_related("state", "locale")
    if ids is not None:
        pages = pages.filter(pk__in=list(ids))
    pages = list(pages)
    texts = {page.pk: _module_text(page) for page in pages}
    topics = Topic.objects.in_bulk({t for _text, ids_ in texts.values() for t in ids_})
    for page in pages:
        language = page.locale.language_code
        body, topic_ids = texts[page.pk]
        with translation.override(language):
            topic_names = sorted({topics[t].name for t in topic_ids if t in topics})
            yield SearchDocument(
                kind="curriculum",
                object_id=page.pk,
                title=page.title,
                url=page.url or "",
                language=language,
                audience=page.audience,
                state_id=page.state_id,
                state_code=page.state.code,
                subregion=page.state.subregion,
                summary=page.summary,
                body=strip_tags("\n".join([page.learning_outcomes, page.target_roles, page.prerequisites, body])),
                discipline=page.discipline,
                level=page.level,
                scope=page.scope,
                hours=float(page.total_hours),
                topics=topic_names,
                group_key=str(page.translation_key),
                published_at=page.last_published_at,
                facts={
                    "state": page.state.name_in(language),
                    "version": page.version_label,
                    "modules": len(page.modules.raw_data),
                    "licence": page.licence,
                },
            )


def providers() -> list[Provider]:
    return [
        Provider(
            kind="curriculum",
            label=_("Curriculum"),
            model=CurriculumPage,
            documents=curriculum_documents,
            is_page=True,
        )
    ]
