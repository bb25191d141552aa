"""Reads for curricula: the cross-language listing, lineage and adoptions, revision comparison."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import get_language
from wagtail.models import Revision

from accounts.api import member_states, visible_q
from lms.languages import language_name

from .models import Adoption, CurriculumPage
from .taxonomy import Discipline, Level

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass
class CurriculumFilters:
    state: str = ""
    discipline: str = ""
    level: str = ""
    language: str = ""

    @classmethod
    def from_query(cls, query) -> CurriculumFilters:
        """Unknown values are ignored rather than failing: a filter link from an old page still lists."""
        state = (query.get("state") or "").strip().upper()
        discipline = (query.get("discipline") or "").strip()
        level = (query.get("level") or "").strip()
        language = (query.get("language") or "").strip()
        return cls(
            state=state if len(state) == 2 and state.isalpha() else "",
            discipline=discipline if discipline in Discipline.values else "",
            level=level if level in Level.values else "",
            language=language if language in LANGUAGE_NAMES else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.state or self.discipline or self.level or self.language)


@dataclass
class ListedCurriculum:
    """One curriculum in a listing: the version in the reader's language where there is one, with its
    other languages."""

    page: CurriculumPage
    language: str
    in_reader_language: bool
    other_languages: list[str] = field(default_factory=list)

    @property
    def language_name(self) -> str:
        return language_name(self.language)


def curricula_listing(*, user, filters: CurriculumFilters | None = None, language: str | None = None) -> list:
    """Published curricula of every state and language that this reader may see, one entry per
    curriculum (its translations grouped by translation_key). One query, whatever the number."""
    filters = filters or CurriculumFilters()
    reader = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    pages = (
        CurriculumPage.objects.live()
        .filter(visible_q(user, state_field="state"))
        .select_related("state", "locale")
        .defer("modules", "learning_outcomes", "target_roles", "prerequisites")
        .order_by("title", "pk")
    )
    if filters.state:
        pages = pages.filter(state__code=filters.state)
    if filters.discipline:
        pages = pages.filter(discipline=filters.discipline)
    if filters.level:
        pages = pages.filter(level=filters.level)
    groups: dict = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    listing = []
    for versions in groups.values():
        languages = sorted({v.locale.language_code for v in versions})
        if filters.language and filters.language not in languages:
            continue
        preferred = filters.language or reader
        chosen = next((v for v in versions if v.locale.language_code == preferred), None)
        if chosen is None:
            chosen = next((v for v in versions if v.locale.language_code == settings.LANGUAGE_CODE), versions[0])
        code = chosen.locale.language_code
        listing.append(
            ListedCurriculum(
                page=chosen,
                language=code,
                in_reader_language=code == reader,
                other_languages=[language_name(c) for c in languages if c != code],
            )
        )
    listing.sort(key=lambda item: (item.page.title.casefold(), item.page.pk))
    return listing


def visible_curricula(user):
    """Published curricula (every language) that this reader may see: a queryset of pages, for
    other apps that link to curricula and must not link to one their reader cannot see."""
    return CurriculumPage.objects.live().filter(visible_q(user, state_field="state"))


def filter_choices() -> dict:
    states = member_states(ids=CurriculumPage.objects.live().values("state_id"))
    return {
        "states": sorted(states, key=lambda state: state.name_en),
        "disciplines": Discipline.choices,
        "levels": Level.choices,
        "languages": settings.LANGUAGES,
    }


def lineage_and_adoptions(*, page: CurriculumPage) -> tuple[Adoption | None, list[Adoption]]:
    """Where this curriculum came from, and who adopted which version of it (or of any of its
    translations), in one query. Only published copies count as adoptions: a draft copy is the
    adopting state's unpublished work and is not shown to the public."""
    rows = list(
        Adoption.objects.filter(Q(source_page__translation_key=page.translation_key) | Q(adopted_page_id=page.pk))
        .select_related("source_page", "source_page__state", "adopter_state", "adopted_by", "adopted_by__profile")
        .annotate(adopted_page_live=F("adopted_page__live"))
        .order_by("-created_at")
    )
    origin = next((a for a in rows if a.adopted_page_id == page.pk), None)
    adoptions = [a for a in rows if a.source_page.translation_key == page.translation_key and a.adopted_page_live]
    return origin, adoptions


def adaptations_by_state(*, page: CurriculumPage, state_ids) -> dict[int, Adoption]:
    """The adoptions of this curriculum (any of its translations) by these states, by state id, in
    one query: a state that adopted it is sent to its copy instead of being offered a second one."""
    if not state_ids:
        return {}
    rows = Adoption.objects.filter(
        source_key=page.translation_key, adopter_state_id__in=list(state_ids)
    ).select_related("adopted_page", "adopter_state")
    return {row.adopter_state_id: row for row in rows}


def adaptations_by_key(*, keys, state_ids) -> dict[tuple, Adoption]:
    """The adoptions by these states of the curricula with these translation keys, by (key, state id)."""
    if not keys or not state_ids:
        return {}
    rows = Adoption.objects.filter(source_key__in=list(keys), adopter_state_id__in=list(state_ids)).select_related(
        "adopted_page", "adopter_state"
    )
    return {(row.source_key, row.adopter_state_id): row for row in rows}


def translations_of(*, page: CurriculumPage) -> tuple[str, list[CurriculumPage]]:
    """The page's own language and its other published translations, in one query.

    Each version (the page itself included) gets ``out_of_date``: the original (the translation
    published first) has been published again since this one was last published, so it may say
    less or something else. ``page.translation_original`` is that original (None when alone)."""
    versions = list(
        CurriculumPage.objects.filter(translation_key=page.translation_key)
        .filter(Q(live=True) | Q(pk=page.pk))
        .select_related("locale")
        .only("pk", "title", "url_path", "live", "locale__language_code", "first_published_at", "last_published_at")
        .order_by("locale__language_code")
    )
    published = [v for v in versions if v.live and v.first_published_at]
    original = min(published, key=lambda v: (v.first_published_at, v.pk)) if len(published) > 1 else None
    for version in versions:
        version.out_of_date = bool(
            original is not None
            and version.pk != original.pk
            and version.last_published_at
            and original.last_published_at
            and version.last_published_at < original.last_published_at
        )
    own = next((v for v in versions if v.pk == page.pk), None)
    page.out_of_date = bool(own and own.out_of_date)
    page.translation_original = original if original is not None and original.pk != page.pk else None
    return (own.locale.language_code if own else ""), [v for v in versions if v.pk != page.pk]


def published_revision_ids(*, page_id: int) -> set[int]:
    """Revisions of a page that were published at some time (never a draft)."""
    from wagtail.models import PageLogEntry

    ids = set(
        PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish", revision_id__isnull=False).values_list(
            "revision_id", flat=True
        )
    )
    live = CurriculumPage.objects.filter(pk=page_id).values_list("live_revision_id", flat=True).first()
    if live:
        ids.add(live)
    ids |= set(Adoption.objects.filter(source_page_id=page_id).values_list("source_revision_id", flat=True))
    return ids


def _modules(page: CurriculumPage) -> list[dict]:
    rows = []
    for block in page.modules:
        if block.block_type != "module":
            continue
        value = block.value
        rows.append(
            {
                "title": value.get("title") or "",
                "hours": Decimal(str(value.get("hours") or 0)),
                "objectives": value.get("objectives") or "",
                "topics": ", ".join(str(t) for t in value.get("topics") or [] if t),
                "methods": value.get("methods") or "",
                "assessment": value.get("assessment") or "",
                "resources": value.get("resources") or "",
                "gender_perspective": bool(value.get("gender_perspective")),
                "human_rights": bool(value.get("human_rights")),
            }
        )
    return rows


COMPARED_FIELDS = (
    "title",
    "summary",
    "discipline",
    "level",
    "scope",
    "subregion",
    "audience",
    "target_roles",
    "total_hours",
    "learning_outcomes",
    "prerequisites",
    "licence",
    "version_label",
)


def revision_changes(*, page: CurriculumPage, from_revision: Revision, to_revision: Revision) -> dict:
    """What changed between two published revisions: the fields and the modules (by title)."""
    old, new = from_revision.as_object(), to_revision.as_object()
    fields = []
    for name in COMPARED_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if str(before) != str(after):
            label = CurriculumPage._meta.get_field(name).verbose_name
            display = getattr(new, f"get_{name}_display", None)
            before_display = getattr(old, f"get_{name}_display", None)
            fields.append(
                {
                    "label": label,
                    "before": before_display() if before_display else before,
                    "after": display() if display else after,
                }
            )
    old_modules = {m["title"]: m for m in _modules(old)}
    new_modules = {m["title"]: m for m in _modules(new)}
    modules = []
    for title, module in new_modules.items():
        previous = old_modules.get(title)
        if previous is None:
            modules.append({"title": title, "status": "added", "before": None, "after": module, "fields": []})
        elif previous != module:
            changed = [key for key in module if module[key] != previous[key]]
            modules.append(
                {"title": title, "status": "changed", "before": previous, "after": module, "fields": changed}
            )
    for title, module in old_modules.items():
        if title not in new_modules:
            modules.append({"title": title, "status": "removed", "before": module, "after": None, "fields": []})
    return {"fields": fields, "modules": modules, "old": old, "new": new}


def topic_slugs(*, limit: int | None = None) -> list[str]:
    """The slugs of the taxonomy's topics, in the topics' order (one query)."""
    from .models import Topic

    slugs = Topic.objects.values_list("slug", flat=True)
    return list(slugs[:limit] if limit is not None else slugs)


def topics():
    """Every topic of the taxonomy, in its order: a queryset, for form fields and template loops."""
    from .models import Topic

    return Topic.objects.all()


def topics_by_key(keys) -> list:
    """The topics named by these slugs or primary keys (one query)."""
    from .models import Topic

    keys = [str(key) for key in keys]
    return list(Topic.objects.filter(Q(slug__in=keys) | Q(pk__in=[int(key) for key in keys if key.isdigit()])))


def live_curriculum(curriculum_id: int) -> CurriculumPage | None:
    """The live curriculum with this id (with its state and locale), or None."""
    return CurriculumPage.objects.live().filter(pk=curriculum_id).select_related("state", "locale").first()
