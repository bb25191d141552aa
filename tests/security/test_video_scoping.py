"""Uploaded videos belong to a state, like H5P content and SCORM packages. An editor of Mexico,
using the admin's own URLs against Colombia's video, can neither list, open, change nor delete it
(a 404, as if it did not exist), the lesson block's chooser neither lists nor accepts it, a
hand-made lesson POST that names it is refused, and a new video is filed under the editor's state."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.api import Audience
from courses.media import tiny_webm
from courses.models import Video
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory, LessonPageFactory, video_with_captions

pytestmark = pytest.mark.django_db
SNIPPETS = "wagtailsnippets_courses_video"
CHOOSER = "wagtailsnippetchoosers_courses_video"


@pytest.fixture
def world(site_frame, settings, tmp_path):
    from home.services import state_pages_ensure

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_ROOT = str(tmp_path / "private")
    mx, co = f.state("MX"), f.state("CO")
    for state in (mx, co):
        state_pages_ensure(state=state)
    theirs = video_with_captions(state=co, title="Colombian interrogation drill")
    mine = video_with_captions(state=mx, title="Mexican evidence bag")
    attacker = f.editor(mx)
    attacker.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_video", "change_video", "delete_video", "view_video"])
    )
    client = Client()
    f.sign_in_with_mfa(client, attacker)
    return {"mx": mx, "co": co, "theirs": theirs, "mine": mine, "client": client}


def test_the_listing_shows_only_the_editors_own_states_videos(world):
    html = world["client"].get(reverse(f"{SNIPPETS}:list")).content.decode()
    assert "Mexican evidence bag" in html and "Colombian interrogation drill" not in html
    search = world["client"].get(reverse(f"{SNIPPETS}:list") + "?q=Colombian").content.decode()
    assert "Colombian interrogation drill" not in search


@pytest.mark.parametrize("view", ["edit", "delete", "usage", "history"])
def test_another_states_video_cannot_be_opened(world, view):
    assert world["client"].get(reverse(f"{SNIPPETS}:{view}", args=[world["theirs"].pk])).status_code == 404
    assert world["client"].get(reverse(f"{SNIPPETS}:{view}", args=[world["mine"].pk])).status_code == 200


def test_another_states_video_cannot_be_changed_or_deleted(world):
    theirs = world["theirs"]
    edit = world["client"].post(
        reverse(f"{SNIPPETS}:edit", args=[theirs.pk]), {"title": "Defaced", "state": world["mx"].pk}
    )
    assert edit.status_code == 404
    assert world["client"].post(reverse(f"{SNIPPETS}:delete", args=[theirs.pk])).status_code == 404
    bulk = reverse("wagtail_bulk_action", args=["courses", "video", "delete"]) + f"?id={theirs.pk}"
    assert "Colombian interrogation drill" not in world["client"].get(bulk).content.decode()
    world["client"].post(bulk, {})
    theirs.refresh_from_db()
    assert (theirs.title, theirs.state) == ("Colombian interrogation drill", world["co"])


def test_the_chooser_neither_lists_nor_accepts_another_states_video(world):
    listing = world["client"].get(reverse(f"{CHOOSER}:choose")).content.decode()
    assert "Mexican evidence bag" in listing and "Colombian interrogation drill" not in listing
    results = world["client"].get(reverse(f"{CHOOSER}:choose_results") + "?q=Colombian").content.decode()
    assert "Colombian interrogation drill" not in results
    assert world["client"].get(reverse(f"{CHOOSER}:chosen", args=[world["theirs"].pk])).status_code == 404
    assert world["client"].get(reverse(f"{CHOOSER}:chosen", args=[world["mine"].pk])).status_code == 200


def _upload_form(state, title: str) -> dict:
    return {
        "title": title,
        "state": state.pk,
        "file": SimpleUploadedFile("clip.webm", tiny_webm(seconds=2), content_type="video/webm"),
        "captions-TOTAL_FORMS": "0",
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
    }


def test_a_new_video_is_filed_under_the_editors_state_only(world):
    refused = world["client"].post(reverse(f"{SNIPPETS}:add"), _upload_form(world["co"], "Planted"))
    assert refused.status_code == 200  # the form again, with the error on the state
    assert not Video.objects.filter(title="Planted").exists()
    accepted = world["client"].post(reverse(f"{SNIPPETS}:add"), _upload_form(world["mx"], "Our clip"))
    assert accepted.status_code == 302, accepted.content.decode()[:1000]
    assert Video.objects.get(title="Our clip").state == world["mx"]
    moved = world["client"].post(
        reverse(f"{SNIPPETS}:edit", args=[world["mine"].pk]),
        {
            "title": "Mexican evidence bag",
            "state": world["co"].pk,
            "captions-TOTAL_FORMS": "0",
            "captions-INITIAL_FORMS": "0",
            "captions-MIN_NUM_FORMS": "0",
            "captions-MAX_NUM_FORMS": "1000",
        },
    )
    assert moved.status_code == 200
    world["mine"].refresh_from_db()
    assert world["mine"].state == world["mx"]


def test_a_lesson_cannot_be_saved_with_another_states_video(world):
    course = CoursePageFactory(state=world["mx"], audience=Audience.PUBLIC)
    lesson = LessonPageFactory(parent=course, title="Video lesson")
    revisions = lesson.revisions.count()

    def post(video):
        data = {
            "title": "Video lesson",
            "slug": lesson.slug,
            "intro": "",
            "estimated_minutes": "20",
            "required": "on",
            "body-count": "1",
            "body-0-type": "video",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
            "body-0-value-title": "Watch",
            "body-0-value-video": str(video.pk),
            "body-0-value-embed_url": "",
            "body-0-value-required": "on",
            "body-0-value-watch_percent": "80",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
        return world["client"].post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)

    refused = post(world["theirs"])
    assert refused.status_code == 200 and "a video of another state" in refused.content.decode()
    assert lesson.revisions.count() == revisions
    accepted = post(world["mine"])
    assert accepted.status_code == 302, accepted.content.decode()[:1000]
    assert lesson.revisions.count() == revisions + 1


def test_the_listing_costs_the_same_queries_for_more_videos(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(f"{SNIPPETS}:list")
    world["client"].get(url)
    with CaptureQueriesContext(connection) as one:
        assert world["client"].get(url).status_code == 200
    for number in range(3):
        video_with_captions(state=world["mx"], title=f"Mexican clip {number}")
        video_with_captions(state=world["co"], title=f"Colombian clip {number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = world["client"].get(url).content.decode()
    assert all(f"Mexican clip {number}" in html for number in range(3)) and "Colombian clip" not in html
