"""The admin under the site's CSP: no inline script in the page editor (its widgets start from
static/js/admin-init.js), the strict policy unchanged, and the admin in the editor's language."""

import re

import pytest
from wagtail.users.models import UserProfile

from accounts.services import profile_update
from tests.accounts.factories import editor, state
from tests.curricula.conftest import admin_login
from tests.curricula.factories import curriculum

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"(?:application/json|text/template)\")[^>]*>", re.I)


@pytest.fixture
def edit_page(site_frame):
    mx = state("MX")
    return curriculum(mx, title="Community policing"), mx


def test_the_page_editor_has_no_inline_script_and_a_strict_policy(client, edit_page):
    page, mx = edit_page
    admin_login(client, editor(mx))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert INLINE_SCRIPT.findall(body) == []
    assert 'data-capacitas-init="datetime"' in body and "js/admin-init.js" in body
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert script_src == ["'self'"]


def test_the_admin_follows_the_profile_language(client, edit_page):
    page, mx = edit_page
    user = editor(mx)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    profile_update(user=user, preferred_language="es")
    assert UserProfile.objects.get(user=user).preferred_language == "es"
    admin_login(client, user)
    body = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="es"' in body
    assert "Guardar borrador" in body


def test_a_language_chosen_in_the_admin_becomes_the_profile_language(edit_page):
    from accounts.models import Profile

    _page, mx = edit_page
    user = editor(mx)
    profile_update(user=user, preferred_language="es")
    wagtail_profile = UserProfile.get_for_user(user)
    wagtail_profile.preferred_language = "pt"
    wagtail_profile.save()
    assert Profile.objects.get(user=user).preferred_language == "pt"
