"""Demo curricula: topics and competencies, 14 curricula of 11 member states in four languages (one
translated), approved through their states' workflows where the demo has the people, three adoptions
and a newer source revision that one adopter has not taken up yet. Skips what exists."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale

from accounts.api import MemberState, Role, users_with_role
from home.api import home_pages_ensure, state_pages_ensure

from .demo_content import ADOPTIONS, CURRICULA, NEW_REVISION
from .models import Adoption, Competency, CurriculumIndexPage, CurriculumPage, Topic
from .services import adopters_notify, adoption_create, state_workflow_ensure, taxonomy_ensure

INDEX_TITLES = {
    "en": (
        "Curricula",
        "Training curricula published by the member states. Filter by state, discipline, level and language.",
    ),
    "es": (
        "Currículos",
        "Currículos de formación publicados por los Estados miembros. Filtre por Estado, disciplina, nivel e idioma.",
    ),
    "pt": (
        "Currículos",
        "Currículos de formação publicados pelos Estados membros. Filtre por Estado, disciplina, nível e idioma.",
    ),
    "fr": (
        "Programmes de formation",
        "Programmes de formation publiés par les États membres. Filtrez par État, discipline, niveau et langue.",
    ),
}


def _user(email):
    return get_user_model().objects.filter(email=email).first() if email else None


def _module(raw, topics: dict[str, Topic]) -> dict:
    title, hours, objectives, slugs, methods, assessment, resources, gender, rights = raw
    return {
        "title": title,
        "hours": Decimal(str(hours)),
        "objectives": "\n".join(objectives),
        "topics": [topics[s] for s in slugs],
        "methods": methods,
        "assessment": assessment,
        "resources": "\n".join(resources),
        "gender_perspective": gender,
        "human_rights": rights,
    }


def _publish(page, *, author, approver) -> None:
    """Through the state's workflow when the demo has its people; published directly otherwise."""
    revision = page.save_revision(user=author, log_action=True)
    workflow = page.get_workflow()
    if author is not None and approver is not None and workflow is not None:
        state = workflow.start(page, author)
        task_state = state.current_task_state
        task_state.approve(user=approver, comment="Aprobado / Approved")
        page.refresh_from_db()
        if page.live:
            return
    revision.publish(user=approver)


def _taxonomy() -> tuple[dict, dict]:
    return taxonomy_ensure()


def _indexes(homes) -> None:
    for code, home in homes.items():
        if CurriculumIndexPage.objects.filter(locale=home.locale).exists():
            continue
        title, intro = INDEX_TITLES[code]
        page = CurriculumIndexPage(title=title, slug="curricula", intro=intro, locale=home.locale)
        home.add_child(instance=page)
        page.save_revision().publish()


def _curriculum(spec, topics, competencies) -> CurriculumPage:
    state = MemberState.objects.get(code=spec["state"])
    state_workflow_ensure(state=state)
    parent = state_pages_ensure(state=state)[spec["language"]]
    existing = CurriculumPage.objects.filter(slug=spec["slug"], path__startswith=parent.path).first()
    if existing is not None:
        return existing
    modules = [_module(raw, topics) for raw in spec["modules"]]
    page = CurriculumPage(
        title=spec["title"],
        slug=spec["slug"],
        locale=parent.locale,
        live=False,
        summary=spec["summary"],
        discipline=spec["discipline"],
        level=spec["level"],
        scope=spec["scope"],
        subregion=spec.get("subregion", ""),
        audience=spec["audience"],
        target_roles="\n".join(spec["roles"]),
        total_hours=sum((m["hours"] for m in modules), Decimal(0)),
        learning_outcomes="\n".join(spec["outcomes"]),
        prerequisites=spec["prerequisites"],
        licence=spec["licence"],
        version_label=spec["version"],
        owner=_user(spec.get("author")),
    )
    page.modules = [("module", m) for m in modules]
    page.competencies = [competencies[c] for c in spec["competencies"]]
    parent.add_child(instance=page)
    _publish(page, author=_user(spec.get("author")), approver=_user(spec.get("approver")))
    translation = spec.get("translation")
    if translation:
        _translate(page, translation, modules)
    return page


def _translate(page: CurriculumPage, spec, modules) -> None:
    locale = Locale.objects.get(language_code=spec["language"])
    state_pages_ensure(state=page.state)
    if page.get_translation_or_none(locale) is not None:
        return
    copy = page.copy_for_translation(locale).specific
    copy.title = spec["title"]
    copy.summary = spec["summary"]
    copy.target_roles = "\n".join(spec["roles"])
    copy.learning_outcomes = "\n".join(spec["outcomes"])
    copy.prerequisites = spec["prerequisites"]
    translated = []
    for module, (title, objectives, methods, assessment) in zip(modules, spec["modules"], strict=True):
        translated.append(
            (
                "module",
                {
                    **module,
                    "title": title,
                    "objectives": "\n".join(objectives),
                    "methods": methods,
                    "assessment": assessment,
                },
            )
        )
    copy.modules = translated
    copy.save()
    copy.save_revision().publish()


@transaction.atomic
def load(*, stdout) -> None:
    homes = home_pages_ensure()
    _indexes(homes)
    topics, competencies = _taxonomy()
    pages = {spec["key"]: _curriculum(spec, topics, competencies) for spec in CURRICULA}
    made = 0
    for email, key, language, title, publish in ADOPTIONS:
        source = pages[key]
        adopter = _user(email)
        if adopter is None or Adoption.objects.filter(source_page=source, adopted_by=adopter).exists():
            continue
        adoption = adoption_create(user=adopter, source=source, language=language)
        copy = adoption.adopted_page
        copy.title = title
        copy.version_label = f"{source.version_label}-{adoption.adopter_state.code}"
        if publish:
            coordinator = users_with_role(role=Role.NATIONAL_COORDINATOR, state=adoption.adopter_state).first()
            _publish(copy, author=adopter, approver=coordinator)
        else:
            copy.save_revision(user=adopter, log_action=True)
            workflow = copy.get_workflow()
            if workflow is not None:
                workflow.start(copy, adopter)  # waiting for the coordinator's approval
        made += 1
    source = pages[NEW_REVISION["key"]]
    source.refresh_from_db()
    if source.version_label != NEW_REVISION["version"] and Adoption.objects.filter(source_page=source).exists():
        source.version_label = NEW_REVISION["version"]
        module = _module(NEW_REVISION["module"], topics)
        source.modules.append(("module", module))
        source.total_hours += module["hours"]
        revision = source.save_revision(user=_user("editor.mx@fgr.mx.example"))
        revision.publish(user=_user("coordinator.mx@guardia-nacional.mx.example"))
        # The publish hands the notices to a task on commit; sending them here too is harmless (each
        # adopter hears once per revision) and keeps the demo whole if another app's handler fails.
        adopters_notify(source_page_id=source.pk, revision_id=revision.pk)
    stdout.write(
        f"Curricula: {CurriculumPage.objects.count()} pages ({CurriculumPage.objects.live().count()} published), "
        f"{Adoption.objects.count()} adoptions ({made} new), {Topic.objects.count()} topics, "
        f"{Competency.objects.count()} competencies."
    )
