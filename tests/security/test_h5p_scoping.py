"""H5P content belongs to a state. An editor of Mexico, attacking Colombia's content through the
admin's own URLs, can neither list, open, change, delete, nor re-upload it (a 404, as if it did not
exist), may choose it for a lesson only where its audience lets them read it, and a Mexican lesson
holding Colombia's state-only content never plays it to Mexican readers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.api import Audience
from h5p.models import H5PContent
from h5p.services import package_import
from h5p.signing import GRANTS
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory, lesson_body
from tests.h5p.conftest import sample

pytestmark = pytest.mark.django_db

SNIPPETS = "wagtailsnippets_h5p_h5pcontent"
CHOOSER = "wagtailsnippetchoosers_h5p_h5pcontent"


@pytest.fixture
def world(site_frame, settings, tmp_path):
    from home.services import state_pages_ensure

    settings.MEDIA_ROOT = str(tmp_path / "media")
    mx, co = f.state("MX"), f.state("CO")
    for state in (mx, co):
        state_pages_ensure(state=state)  # the real editor groups and their admin permissions
    drill, _ = package_import(
        data=sample("valid/true-false.h5p"), state=co, audience=Audience.STATE, title="Colombian internal drill"
    )
    shared, _ = package_import(
        data=sample("valid/valid2.h5p"), state=co, audience=Audience.LAW_ENFORCEMENT, title="Colombian shared card"
    )
    mine, _ = package_import(
        data=sample("valid/valid3-3-images.h5p"), state=mx, audience=Audience.STATE, title="Mexican own slider"
    )
    attacker = f.editor(mx)
    # A state may let its editors delete their content: that must not reach another state's.
    attacker.user_permissions.add(Permission.objects.get(codename="delete_h5pcontent"))
    client = Client()
    f.sign_in_with_mfa(client, attacker)
    return {"mx": mx, "co": co, "drill": drill, "shared": shared, "mine": mine, "client": client}


def test_the_listing_shows_only_the_editors_own_states_content(world):
    html = world["client"].get(reverse(f"{SNIPPETS}:list")).content.decode()
    assert "Mexican own slider" in html
    assert "Colombian internal drill" not in html and "Colombian shared card" not in html
    search = world["client"].get(reverse(f"{SNIPPETS}:list") + "?q=Colombian").content.decode()
    assert "Colombian internal drill" not in search and "Colombian shared card" not in search


@pytest.mark.parametrize("view", ["edit", "delete", "usage", "history"])
def test_another_states_content_cannot_be_opened(world, view):
    for target in ("drill", "shared"):
        response = world["client"].get(reverse(f"{SNIPPETS}:{view}", args=[world[target].pk]))
        assert response.status_code == 404, (view, target)
    assert world["client"].get(reverse(f"{SNIPPETS}:edit", args=[world["mine"].pk])).status_code == 200


def test_another_states_content_cannot_be_changed_or_deleted(world):
    drill = world["drill"]
    edit = world["client"].post(
        reverse(f"{SNIPPETS}:edit", args=[drill.pk]),
        {"title": "Defaced", "state": world["mx"].pk, "audience": Audience.PUBLIC},
    )
    assert edit.status_code == 404
    delete = world["client"].post(reverse(f"{SNIPPETS}:delete", args=[drill.pk]))
    assert delete.status_code == 404
    bulk = reverse("wagtail_bulk_action", args=["h5p", "h5pcontent", "delete"]) + f"?id={drill.pk}"
    confirm = world["client"].get(bulk)
    assert "Colombian internal drill" not in confirm.content.decode()
    world["client"].post(bulk, {})
    drill.refresh_from_db()
    assert (drill.title, drill.state, drill.audience) == ("Colombian internal drill", world["co"], Audience.STATE)


def test_the_owner_cannot_be_moved_to_a_state_the_editor_does_not_keep(world):
    response = world["client"].post(
        reverse(f"{SNIPPETS}:edit", args=[world["mine"].pk]),
        {"title": "Mexican own slider", "state": world["co"].pk, "audience": Audience.STATE},
    )
    assert response.status_code == 200  # the form, with an error
    world["mine"].refresh_from_db()
    assert world["mine"].state == world["mx"]


def test_uploading_another_states_package_makes_the_editors_own_copy(world):
    upload = SimpleUploadedFile("drill.h5p", sample("valid/true-false.h5p"), content_type="application/zip")
    response = world["client"].post(
        reverse(f"{SNIPPETS}:add"),
        {"package": upload, "title": "Our drill", "state": world["mx"].pk, "audience": Audience.STATE},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Colombian internal drill" not in response.content.decode()
    ours = H5PContent.objects.get(title="Our drill")
    assert ours.state == world["mx"] and ours.content_hash == world["drill"].content_hash
    world["drill"].refresh_from_db()
    assert world["drill"].title == "Colombian internal drill" and world["drill"].state == world["co"]


def test_uploading_for_another_state_is_refused(world):
    upload = SimpleUploadedFile("card.h5p", sample("valid/greetingcard1.h5p"), content_type="application/zip")
    response = world["client"].post(
        reverse(f"{SNIPPETS}:add"),
        {"package": upload, "title": "Planted", "state": world["co"].pk, "audience": Audience.PUBLIC},
    )
    assert response.status_code == 200
    assert not H5PContent.objects.filter(title="Planted").exists()


def test_the_chooser_offers_another_states_content_only_where_its_audience_allows(world):
    html = world["client"].get(reverse(f"{CHOOSER}:choose")).content.decode()
    assert "Mexican own slider" in html and "Colombian shared card" in html
    assert "Colombian internal drill" not in html
    results = world["client"].get(reverse(f"{CHOOSER}:choose_results") + "?q=Colombian").content.decode()
    assert "Colombian internal drill" not in results
    assert world["client"].get(reverse(f"{CHOOSER}:chosen", args=[world["drill"].pk])).status_code == 404
    assert world["client"].get(reverse(f"{CHOOSER}:chosen", args=[world["shared"].pk])).status_code == 200


def test_another_states_state_only_content_in_a_lesson_is_not_played(world):
    """Placed anyway (a crafted page POST, or an older revision): readers of the Mexican lesson get
    neither the player, nor its files, nor the title."""
    course = CoursePageFactory(state=world["mx"], audience=Audience.LAW_ENFORCEMENT)
    body = lesson_body(h5p_content=world["drill"])
    body[-1]["value"]["title"] = ""  # the block names no title of its own: the content's would show
    lesson = LessonPageFactory(parent=course, body=body, title="Mexican lesson")
    reader = f.official(world["mx"])
    EnrolmentFactory(user=reader, course=course)
    client = Client()
    client.force_login(reader)
    page = client.get(lesson.url).content.decode()
    assert "Colombian internal drill" not in page and "/h5p/play/" not in page
    assert "This activity is not open to you." in page
    token = GRANTS.sign(
        user=reader, session_key=client.session.session_key, lesson_id=lesson.pk, object_id=world["drill"].pk
    )
    assert client.get(reverse("h5p:player", args=[token])).status_code == 403
    # Colombia's officials, who may read the Mexican law-enforcement lesson, do get the activity.
    colombian = f.official(world["co"])
    EnrolmentFactory(user=colombian, course=course)
    other = Client()
    other.force_login(colombian)
    played = other.get(lesson.url).content.decode()
    assert "/h5p/play/" in played and "Colombian internal drill" in played


def test_a_lesson_cannot_be_saved_with_content_the_editor_may_not_use(world):
    """The chooser hides Colombia's state-only drill; a hand-made POST naming its id is refused too."""
    course = CoursePageFactory(state=world["mx"], audience=Audience.PUBLIC)
    lesson = LessonPageFactory(parent=course, title="Drill lesson")
    revisions = lesson.revisions.count()

    def post(content):
        data = {
            "title": "Drill lesson",
            "slug": lesson.slug,
            "intro": "",
            "estimated_minutes": "20",
            "required": "on",
            "body-count": "1",
            "body-0-type": "h5p",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
            "body-0-value-content": str(content.pk),
            "body-0-value-title": "",
            "body-0-value-pass_mark": "",
            "body-0-value-required": "on",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
        return world["client"].post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)

    refused = post(world["drill"])
    assert refused.status_code == 200  # the form again, with the reason
    assert "not shared with you" in refused.content.decode()
    assert lesson.revisions.count() == revisions
    accepted = post(world["shared"])  # law-enforcement tier: an editor may read it, so may use it
    assert accepted.status_code == 302, accepted.content.decode()[:500]
    assert lesson.revisions.count() == revisions + 1
