"""Demo curricula: topics and competencies, 14 curricula of 11 member states in four languages (one
translated), approved through their states' workflows where the demo has the people, three adoptions
and a newer source revision that one adopter has not taken up yet. Skips what exists.

The content is data under ``curricula/demo/``: ``curricula.json`` (each curriculum by its ``key``,
with its modules and, for one, a translation), ``adoptions.json`` (who adopts which curriculum, by
key, in which language), ``new_revision.json`` (the module a source adds after it was adopted) and
``indexes.json`` (the curricula index page of each language)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from accounts.api import Role, active_user_by_email, first_user_with_role, member_state_for_code
from home.api import home_pages_ensure, state_pages_ensure

from .models import Adoption, Competency, CurriculumIndexPage, CurriculumPage, Topic
from .services import adopters_notify, adoption_create, state_workflow_ensure, taxonomy_ensure

DATA = Path(__file__).resolve().parent / "demo"


def data(name: str):
    """One of the demo data files, parsed (trusted files of the repository)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _user(email):
    return active_user_by_email(email) if email else None


def _module(spec: dict, topics: dict[str, Topic]) -> dict:
    return {
        "title": spec["title"],
        "hours": Decimal(str(spec["hours"])),
        "objectives": "\n".join(spec["objectives"]),
        "topics": [topics[s] for s in spec["topics"]],
        "methods": spec["methods"],
        "assessment": spec["assessment"],
        "resources": "\n".join(spec["resources"]),
        "gender_perspective": spec["gender_perspective"],
        "human_rights": spec["human_rights"],
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
    titles = data("indexes")
    for code, home in homes.items():
        if CurriculumIndexPage.objects.filter(locale=home.locale).exists():
            continue
        page = CurriculumIndexPage(
            title=titles[code]["title"], slug="curricula", intro=titles[code]["intro"], locale=home.locale
        )
        home.add_child(instance=page)
        page.save_revision().publish()


def _curriculum(spec, topics, competencies) -> CurriculumPage:
    state = member_state_for_code(spec["state"])
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
    for module, text in zip(modules, spec["modules"], strict=True):
        translated.append(
            (
                "module",
                {
                    **module,
                    "title": text["title"],
                    "objectives": "\n".join(text["objectives"]),
                    "methods": text["methods"],
                    "assessment": text["assessment"],
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
    pages = {spec["key"]: _curriculum(spec, topics, competencies) for spec in data("curricula")}
    made = 0
    for spec in data("adoptions"):
        source = pages[spec["curriculum"]]
        adopter = _user(spec["adopter"])
        if adopter is None or Adoption.objects.filter(source_page=source, adopted_by=adopter).exists():
            continue
        adoption = adoption_create(user=adopter, source=source, language=spec["language"])
        copy = adoption.adopted_page
        copy.title = spec["title"]
        copy.version_label = f"{source.version_label}-{adoption.adopter_state.code}"
        if spec["publish"]:
            coordinator = first_user_with_role(role=Role.NATIONAL_COORDINATOR, state=adoption.adopter_state)
            _publish(copy, author=adopter, approver=coordinator)
        else:
            copy.save_revision(user=adopter, log_action=True)
            workflow = copy.get_workflow()
            if workflow is not None:
                workflow.start(copy, adopter)  # waiting for the coordinator's approval
        made += 1
    new = data("new_revision")
    source = pages[new["curriculum"]]
    source.refresh_from_db()
    if source.version_label != new["version"] and Adoption.objects.filter(source_page=source).exists():
        source.version_label = new["version"]
        module = _module(new["module"], topics)
        source.modules.append(("module", module))
        source.total_hours += module["hours"]
        revision = source.save_revision(user=_user(new["editor"]))
        revision.publish(user=_user(new["publisher"]))
        # The publish hands the notices to a task on commit; sending them here too is harmless (each
        # adopter hears once per revision) and keeps the demo whole if another app's handler fails.
        adopters_notify(source_page_id=source.pk, revision_id=revision.pk)
    stdout.write(
        f"Curricula: {CurriculumPage.objects.count()} pages ({CurriculumPage.objects.live().count()} published), "
        f"{Adoption.objects.count()} adoptions ({made} new), {Topic.objects.count()} topics, "
        f"{Competency.objects.count()} competencies."
    )
