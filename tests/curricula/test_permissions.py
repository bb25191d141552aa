"""Editors author only their own state's tree, through the Wagtail admin itself."""

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import nested_form_data, streamfield

from curricula.models import CurriculumPage
from home.api import state_pages_ensure
from tests.accounts.factories import editor
from tests.curricula.conftest import admin_login
from tests.curricula.factories import curriculum

pytestmark = pytest.mark.django_db


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["curricula", "curriculumpage", parent.pk])


def form(title: str, **extra) -> dict:
    data = {
        "title": title,
        "slug": slugify(title),
        "summary": "Summary",
        "discipline": "police",
        "level": "basic",
        "scope": "national",
        "subregion": "",
        "total_hours": "12",
        "version_label": "1.0",
        "audience": "public",
        "licence": "cc-by-4.0",
        "target_roles": "Patrol officers",
        "prerequisites": "",
        "learning_outcomes": "Explain the law",
        "modules": streamfield([]),
    }
    data.update(extra)
    return nested_form_data(data)


def test_editor_adds_in_own_state_tree(states, client):
    mx, _co = states
    user = editor(mx)
    admin_login(client, user)
    parent = state_pages_ensure(state=mx)["en"]
    assert client.get(add_url(parent)).status_code == 200
    response = client.post(add_url(parent), form("Own curriculum"))
    assert response.status_code == 302, response.context["form"].errors
    page = CurriculumPage.objects.get(title="Own curriculum")
    assert page.state_id == mx.pk and not page.live


def test_editor_cannot_create_in_another_state_tree(states, client):
    mx, co = states
    admin_login(client, editor(mx))
    parent = state_pages_ensure(state=co)["en"]
    response = client.get(add_url(parent))
    assert response.status_code in (302, 403)
    client.post(add_url(parent), form("Intruding curriculum"))
    client.post(add_url(parent), form("Intruding and published", **{"action-publish": "publish"}))
    assert not CurriculumPage.objects.filter(title__startswith="Intruding").exists()


def test_editor_cannot_edit_or_publish_in_another_state_tree(states, client):
    mx, co = states
    page = curriculum(co, title="Colombian curriculum", publish=False)
    admin_login(client, editor(mx))
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url).status_code in (302, 403)
    client.post(edit_url, form("Rewritten by another state", slug=page.slug))
    client.post(edit_url, form("Published by another state", slug=page.slug, **{"action-publish": "publish"}))
    page.refresh_from_db()
    assert page.title == "Colombian curriculum"
    assert not page.live
    assert page.revisions.count() == 1
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])).status_code in (302, 403)
