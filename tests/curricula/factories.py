"""Factories for curricula: topics, competencies and curriculum pages under a state's page."""

from decimal import Decimal

import factory
from wagtail.models import Locale

from curricula.models import Competency, CurriculumPage, Topic
from home.api import state_pages_ensure


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name_es = factory.Sequence(lambda n: f"Tema {n}")
    discipline = "police"


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C-{n:03d}")
    name_en = factory.Sequence(lambda n: f"Competency {n}")
    discipline = "police"


def module(title="Use of force", hours="8", topics=(), **extra) -> dict:
    value = {
        "title": title,
        "hours": Decimal(hours),
        "objectives": "Apply the principles of legality and necessity\nDocument every use of force",
        "topics": list(topics),
        "methods": "Case studies and role play",
        "assessment": "Scenario-based practical test",
        "resources": "UN Basic Principles on the Use of Force and Firearms",
        "gender_perspective": False,
        "human_rights": True,
    }
    value.update(extra)
    return value


def curriculum(
    state,
    *,
    language: str = "en",
    title: str = "Community policing",
    publish: bool = True,
    modules: list | None = None,
    competencies=(),
    user=None,
    **fields,
) -> CurriculumPage:
    """A curriculum under the state's page in that language (published unless publish=False)."""
    parent = state_pages_ensure(state=state)[language]
    values = {
        "summary": "A basic course for patrol officers.",
        "discipline": "police",
        "level": "basic",
        "scope": "national",
        "audience": "public",
        "target_roles": "Patrol officers\nSergeants",
        "total_hours": Decimal("40"),
        "learning_outcomes": "Explain the legal framework\nPlan a community meeting",
        "prerequisites": "Basic police training",
        "licence": "cc-by-4.0",
        "version_label": "1.0",
    }
    values.update(fields)
    page = CurriculumPage(title=title, locale=Locale.objects.get(language_code=language), live=False, **values)
    page.modules = [("module", m) for m in (modules if modules is not None else [module()])]
    parent.add_child(instance=page)
    if competencies:
        page.competencies = list(competencies)
        page.save()
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page
