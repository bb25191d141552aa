"""In a real browser: a coordinator of one state adopts another state's curriculum in the Wagtail
admin, publishes the copy in their own tree and sees its lineage on the public page."""

import pytest
from django.test import Client

from tests.accounts.factories import coordinator, state
from tests.conftest import screenshot
from tests.curricula.conftest import admin_login
from tests.curricula.factories import curriculum, module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_adopts_in_the_admin_and_sees_the_lineage(live_server, page, site_frame):
    from django.contrib.contenttypes.models import ContentType

    from curricula.models import Adoption
    from curricula.services import state_workflow_ensure

    # A transactional test recreates content types with new ids: forget the ids cached by earlier tests.
    ContentType.objects.clear_cache()

    mx, co = state("MX"), state("CO")
    for s in (mx, co):
        state_workflow_ensure(state=s)
    source = curriculum(
        mx,
        title="Cadena de custodia",
        language="es",
        version_label="2.0",
        modules=[module("Escena del crimen", "12"), module("Embalaje", "8")],
    )
    adopter = coordinator(co)
    client = Client()
    admin_login(client, adopter)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/admin/curricula/adopt/")
    page.get_by_role("button", name="Adopt “Cadena de custodia”").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    screenshot(page, "curricula-adopted-draft-in-admin")
    adoption = Adoption.objects.get()
    assert adoption.adopter_state_id == co.pk and adoption.source_revision_id == source.live_revision_id

    # The coordinator publishes the copy in Colombia's tree (coordinators publish their own state's pages).
    with page.expect_navigation():
        page.eval_on_selector('[name="action-publish"]', "button => button.click()")
    page.wait_for_load_state("networkidle")
    adoption.adopted_page.refresh_from_db()
    assert adoption.adopted_page.live

    page.goto(live_server.url + adoption.adopted_page.url)
    lineage = page.locator(".lineage")
    assert "Cadena de custodia" in lineage.inner_text()
    assert "2.0" in lineage.inner_text()
    screenshot(page, "curricula-adopted-page-lineage")

    page.goto(live_server.url + source.url)
    adoptions = page.locator(".adoptions").inner_text()
    assert "Colombia" in adoptions and "2.0" in adoptions
    screenshot(page, "curricula-source-adoptions")
    # Wagtail's user bar (shown to admin users) runs an inline script that the site's CSP blocks:
    # that belongs to the site-wide layout, not to these pages; anything else is an error of these pages.
    assert not [e for e in page.console_errors if "favicon" not in e and "Content Security Policy" not in e]
    # Leave no admin request (editing-session pings) running while the database is flushed.
    page.goto("about:blank")
    page.wait_for_timeout(500)
