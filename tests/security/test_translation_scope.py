"""State editors translate their own state's pages with Wagtail's Translate action, never another
state's: the action copies without checking the destination (skip_permission_checks), so the scope
rests on the source check (can the user edit the page) and on which groups hold the permission."""

import pytest
from wagtail.models import Locale, Page

from curricula.models import CurriculumPage
from tests.accounts.factories import UserFactory, coordinator, editor, official
from tests.curricula.conftest import admin_login
from tests.curricula.factories import curriculum

pytestmark = pytest.mark.django_db


def submit_url(page) -> str:
    return f"/admin/translation/submit/page/{page.pk}/"


@pytest.fixture
def states(site_frame):
    from accounts.models import MemberState
    from curricula.services import state_workflow_ensure
    from tests.accounts.factories import state

    mx, co = state("MX"), state("CO")
    for s in (mx, co):
        state_workflow_ensure(state=s)
    return MemberState.objects.get(pk=mx.pk), MemberState.objects.get(pk=co.pk)


@pytest.fixture
def mx_page(states):
    mx, _co = states
    return curriculum(mx, title="Community policing")


def test_an_editor_translates_their_own_states_page_as_a_draft(client, states, mx_page):
    mx, _co = states
    admin_login(client, editor(mx))
    assert client.get(submit_url(mx_page)).status_code == 200
    es = Locale.objects.get(language_code="es")
    response = client.post(submit_url(mx_page), {"locales": [es.pk]})
    assert response.status_code == 302
    copy = CurriculumPage.objects.get(translation_key=mx_page.translation_key, locale=es)
    assert not copy.live and copy.state_id == mx.pk
    assert copy.get_parent().specific.state_id == mx.pk


@pytest.mark.parametrize("who", ["other_editor", "other_coordinator", "official"])
def test_nobody_else_translates_a_states_page(client, states, mx_page, who):
    mx, co = states
    user = {
        "other_editor": lambda: editor(co),
        "other_coordinator": lambda: coordinator(co),
        "official": lambda: official(mx),
    }[who]()
    admin_login(client, user)
    before = Page.objects.count()
    es = Locale.objects.get(language_code="es")
    assert client.get(submit_url(mx_page)).status_code in (302, 403)
    response = client.post(submit_url(mx_page), {"locales": [es.pk]})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        # Wagtail refuses by sending to the admin's dashboard, or to the login page without admin access.
        assert response["Location"] == "/admin/" or response["Location"].startswith("/en/accounts/login/")
    assert Page.objects.count() == before
    assert not CurriculumPage.objects.filter(translation_key=mx_page.translation_key, locale=es).exists()


def test_an_editor_cannot_translate_the_home_page(client, states, site_frame):
    mx, _co = states
    admin_login(client, editor(mx))
    home = site_frame["en"]
    pt = Locale.objects.get(language_code="pt")
    before = Page.objects.count()
    assert client.post(submit_url(home), {"locales": [pt.pk]}).status_code in (302, 403)
    assert Page.objects.count() == before


def test_only_editors_and_coordinators_hold_the_translate_permission(states):
    mx, _co = states
    assert editor(mx).has_perm("simple_translation.submit_translation")
    assert coordinator(mx).has_perm("simple_translation.submit_translation")
    assert not official(mx).has_perm("simple_translation.submit_translation")
    assert not UserFactory().has_perm("simple_translation.submit_translation")
