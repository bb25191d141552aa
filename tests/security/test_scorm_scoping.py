"""SCORM packages belong to a state. An editor of Mexico cannot open, change or delete Colombia's
package through the admin's own URLs (a 404), the lesson block's chooser neither lists nor accepts
it, and a hand-made lesson POST that names it is refused."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.api import Audience
from scorm.services import package_import
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.scorm.conftest import sample

pytestmark = pytest.mark.django_db
SNIPPETS = "wagtailsnippets_scorm_scormpackage"
CHOOSER = "wagtailsnippetchoosers_scorm_scormpackage"


@pytest.fixture
def world(site_frame, settings, tmp_path):
    from home.services import state_pages_ensure

    settings.MEDIA_ROOT = str(tmp_path / "media")
    mx, co = f.state("MX"), f.state("CO")
    for state in (mx, co):
        state_pages_ensure(state=state)
    theirs, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"), state=co, title="Colombian drill")
    mine, _ = package_import(
        data=sample("valid/ContentPackagingSingleSCO_SCORM12.zip"), state=mx, title="Mexican course"
    )
    attacker = f.editor(mx)
    attacker.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_scormpackage", "change_scormpackage", "delete_scormpackage", "view_scormpackage"]
        )
    )
    client = Client()
    f.sign_in_with_mfa(client, attacker)
    return {"mx": mx, "theirs": theirs, "mine": mine, "client": client}


@pytest.mark.parametrize("view", ["edit", "delete", "usage", "history"])
def test_another_states_package_cannot_be_opened(world, view):
    assert world["client"].get(reverse(f"{SNIPPETS}:{view}", args=[world["theirs"].pk])).status_code == 404
    assert world["client"].get(reverse(f"{SNIPPETS}:{view}", args=[world["mine"].pk])).status_code == 200


def test_another_states_package_cannot_be_deleted_or_chosen(world):
    theirs = world["theirs"]
    assert world["client"].post(reverse(f"{SNIPPETS}:delete", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    listing = world["client"].get(reverse(f"{CHOOSER}:choose")).content.decode()
    assert "Colombian drill" not in listing and "Mexican course" in listing
    chosen = world["client"].get(reverse(f"{CHOOSER}:chosen", args=[theirs.pk]))
    assert chosen.status_code == 404 or "Colombian drill" not in chosen.content.decode()


def test_the_listings_bulk_delete_leaves_another_states_package_alone(world):
    theirs = world["theirs"]
    bulk = reverse("wagtail_bulk_action", args=["scorm", "scormpackage", "delete"]) + f"?id={theirs.pk}"
    assert "Colombian drill" not in world["client"].get(bulk).content.decode()
    world["client"].post(bulk, {})
    assert type(theirs).objects.filter(pk=theirs.pk).exists()


def test_a_lesson_cannot_be_saved_with_another_states_package(world):
    course = CoursePageFactory(state=world["mx"], audience=Audience.PUBLIC)
    lesson = LessonPageFactory(parent=course, title="Drill lesson")
    revisions = lesson.revisions.count()

    def post(package):
        data = {
            "title": "Drill lesson",
            "slug": lesson.slug,
            "intro": "",
            "estimated_minutes": "20",
            "required": "on",
            "body-count": "1",
            "body-0-type": "scorm",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
            "body-0-value-package": str(package.pk),
            "body-0-value-title": "",
            "body-0-value-pass_mark": "",
            "body-0-value-required": "on",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
        return world["client"].post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)

    refused = post(world["theirs"])
    assert refused.status_code == 200 and "SCORM package of another state" in refused.content.decode()
    assert lesson.revisions.count() == revisions
    accepted = post(world["mine"])
    assert accepted.status_code == 302
    assert lesson.revisions.count() == revisions + 1
