"""A Wagtail page edit POST with a formset's or StreamField's count missing is a 400, not a 500."""

import pytest

from accounts.models import Profile
from curricula.models import CurriculumPage
from tests.accounts.factories import editor
from tests.curricula.conftest import admin_login, states  # noqa: F401 (a fixture)
from tests.curricula.factories import curriculum


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "fr"])
def test_edit_post_missing_the_modules_count(states, client, language):  # noqa: F811
    mx, _co = states
    page = curriculum(mx, title="Community policing")
    user = editor(mx)
    Profile.objects.filter(user=user).update(preferred_language=language)
    admin_login(client, user)
    before = page.get_latest_revision().pk if page.get_latest_revision() else None
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": "Changed", "slug": page.slug, "summary": "x"},
    )
    assert response.status_code == 400
    expected = {"es": "incompleto", "fr": "incomplet"}[language]
    assert expected in response.content.decode()
    assert CurriculumPage.objects.get(pk=page.pk).title == "Community policing"
    latest = page.get_latest_revision()
    assert (latest.pk if latest else None) == before
