"""The national coordinator's journey in each interface language, on a desktop and on a phone: sign
in with a password and an authenticator code, approve a curriculum an editor submitted, read the
state's monitoring, export it. Every step: page language, no console error, no failed request,
axe-core WCAG 2.1 A/AA clean (tests/journeys/conftest.py)."""

import datetime

import pytest

from .conftest import LANGUAGES, leave, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(site_frame):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from curricula.services import state_workflow_ensure
    from monitoring.models import Fact, FactRefresh
    from tests.accounts.factories import editor, state
    from tests.curricula.factories import curriculum

    # A transactional test recreates content types with new ids: forget the ids cached by earlier tests.
    ContentType.objects.clear_cache()
    mx = state("MX")
    state_workflow_ensure(state=mx)
    author = editor(mx, username="mx-editor")
    draft = curriculum(mx, title="Community policing", publish=False)
    draft.save_revision(user=author)
    draft.get_workflow().start(draft, author)
    for gender, value in (("female", 30), ("male", 24)):
        Fact.objects.create(
            measure="completions",
            state=mx,
            quarter=datetime.date(2026, 1, 1),
            discipline="police",
            level="basic",
            agency_kind="police",
            gender=gender,
            value=value,
        )
    FactRefresh.objects.create(finished_at=timezone.now(), rows=2)
    return mx, draft


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_approves_reads_monitoring_and_exports(journey, world, language, viewport):  # noqa: F811
    from accounts.services import profile_update
    from curricula.models import CurriculumPage
    from tests.accounts.factories import coordinator

    mx, draft = world
    user = coordinator(mx, username=f"coordinator-{language}-{viewport}")
    profile_update(user=user, preferred_language=language)
    run = journey(language=language, viewport=viewport, name="coordinator")
    page = run.page
    sign_in(run, user)

    # Approve from the dashboard's "Awaiting your review": "Approve" (without a comment) publishes it.
    run.goto("/admin/")
    page.wait_for_load_state("networkidle")
    run.check("review")
    page.locator("main [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal]):visible").first.click()
    page.wait_for_load_state("networkidle")
    assert CurriculumPage.objects.get(pk=draft.pk).live
    run.check("approved")

    # The state's monitoring, then its export.
    run.goto(f"/{language}/monitoring/state/MX/?period=2026-S1")
    page.wait_for_load_state("networkidle")
    assert "54" in page.locator("main").inner_text()
    run.check("monitoring")
    with page.expect_download() as download:
        page.locator(".exports a[href*='format=csv']").first.click()
    path = download.value.path()
    from pathlib import Path

    text = Path(path).read_text(encoding="utf-8-sig")
    assert "54" in text or ("30" in text and "24" in text)
    run.check("exported")
    leave(run)
