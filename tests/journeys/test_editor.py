"""The curriculum editor's journey in each interface language, on a desktop and on a phone: author
a curriculum in the admin, translate it into the editor's language, submit the translation to the
state's approval workflow. Every step: page language, no console error, no failed request, axe-core
WCAG 2.1 A/AA clean (tests/journeys/conftest.py)."""

import pytest

from .conftest import LANGUAGES, leave, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = {
    "en": "Community policing for patrol officers, revised.",
    "es": "Policía comunitaria para patrullas, revisado.",
    "pt": "Policiamento comunitário para patrulhas, revisado.",
    "fr": "Police de proximité pour les patrouilles, révisé.",
}


@pytest.fixture
def world(site_frame):
    from django.contrib.contenttypes.models import ContentType

    from curricula.services import state_workflow_ensure
    from tests.accounts.factories import state

    # A transactional test recreates content types with new ids: forget the ids cached by earlier tests.
    ContentType.objects.clear_cache()
    mx = state("MX")
    state_workflow_ensure(state=mx)
    return mx


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_authors_translates_and_submits(journey, world, language, viewport):  # noqa: F811
    from wagtail.models import Locale, WorkflowState

    from accounts.services import profile_update
    from curricula.models import CurriculumPage
    from tests.accounts.factories import editor
    from tests.curricula.factories import curriculum

    source_language = "es" if language == "en" else "en"
    source = curriculum(world, language=source_language, title="Community policing")
    user = editor(world, username=f"editor-{language}-{viewport}")
    profile_update(user=user, preferred_language=language)
    run = journey(language=language, viewport=viewport, name="editor")
    page = run.page
    sign_in(run, user)

    # Author: change the summary and save a draft.
    run.goto(f"/admin/pages/{source.pk}/edit/")
    page.fill("#id_summary", SUMMARY[language])
    # Let Wagtail's autosave (half a second after a change) finish first: a save racing it is refused.
    page.wait_for_timeout(1500)
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.eval_on_selector("button.action-save", "button => button.click()")
    page.wait_for_load_state("networkidle")
    assert CurriculumPage.objects.get(pk=source.pk).get_latest_revision().content["summary"] == SUMMARY[language]
    run.check("author")

    # Translate into the editor's language.
    locale = Locale.objects.get(language_code=language)
    run.goto(f"/admin/translation/submit/page/{source.pk}/")
    page.wait_for_load_state("networkidle")
    run.check("translate-form")
    page.check(f"input[name=locales][value='{locale.pk}']")
    with page.expect_navigation():
        page.eval_on_selector("form input[type=submit]", "button => button.click()")
    page.wait_for_load_state("networkidle")
    translation = CurriculumPage.objects.get(translation_key=source.translation_key, locale=locale)
    assert f"/admin/pages/{translation.pk}/edit/" in page.url
    run.check("translated")

    # Submit the translation to Mexico's approval workflow.
    with page.expect_navigation():
        page.eval_on_selector('[name="action-submit"]', "button => button.click()")
    page.wait_for_load_state("networkidle")
    state = WorkflowState.objects.filter(object_id=str(translation.pk)).first()
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    run.check("submitted")
    leave(run)
