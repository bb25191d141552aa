"""Lesson video: uploads checked as hostile, Range requests through the lesson's access check,
captions and transcripts per language, progress toward the lesson, privacy-enhanced embeds."""

import io
import struct

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import selectors, services
from courses.media import tiny_webm
from courses.models import LessonProgress, VideoBlock
from courses.video import inspect_captions, inspect_poster, inspect_video, privacy_embed_url
from tests.accounts.factories import official, state
from tests.courses.factories import (
    CoursePageFactory,
    EnrolmentFactory,
    LessonPageFactory,
    video_body,
    video_with_captions,
)


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def _trak(handler: bytes, entry: bytes) -> bytes:
    hdlr = _box(b"hdlr", bytes(8) + handler + bytes(12))
    stsd = _box(b"stsd", bytes(4) + struct.pack(">I", 1) + _box(entry, bytes(78)))
    return _box(b"trak", _box(b"tkhd", bytes(84)) + _box(b"mdia", hdlr + _box(b"minf", _box(b"stbl", stsd))))


def _mp4(seconds: int, tracks=((b"vide", b"avc1"), (b"soun", b"mp4a")), brand: bytes = b"isom") -> bytes:
    ftyp = struct.pack(">I4s4sI4s", 20, b"ftyp", brand, 512, brand)
    mvhd_body = bytes(4) + struct.pack(">IIII", 0, 0, 1000, seconds * 1000) + bytes(80)
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body
    moov = _box(b"moov", mvhd + b"".join(_trak(handler, entry) for handler, entry in tracks))
    mdat = struct.pack(">I4s", 16, b"mdat") + bytes(8)
    return ftyp + mdat + moov


def test_codecs_are_read_from_the_tracks_and_only_what_every_browser_plays_is_taken():
    assert inspect_video(io.BytesIO(tiny_webm(seconds=2)))["codecs"] == ["VP8"]
    assert inspect_video(io.BytesIO(_mp4(10)))["codecs"] == ["H.264", "AAC"]
    for tracks, named in [
        (((b"vide", b"hvc1"), (b"soun", b"mp4a")), "HEVC (H.265)"),  # an iPhone's default recording
        (((b"vide", b"mp4v"),), "MPEG-4 Part 2"),
        (((b"vide", b"avc1"), (b"soun", b"ac-3")), "Dolby AC-3"),
    ]:
        with pytest.raises(ValidationError, match="not every browser") as refused:
            inspect_video(io.BytesIO(_mp4(10, tracks)))
        assert named in refused.value.messages[0] and "H.264" in refused.value.messages[0]
    with pytest.raises(ValidationError, match="No video track"):
        inspect_video(io.BytesIO(_mp4(10, ((b"soun", b"mp4a"),))))
    with pytest.raises(ValidationError, match="QuickTime"):
        inspect_video(io.BytesIO(_mp4(10, brand=b"qt  ")))
    av1 = tiny_webm(seconds=2).replace(b"V_VP8", b"V_AV1")
    with pytest.raises(ValidationError, match="AV1"):
        inspect_video(io.BytesIO(av1))


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "not every browser"), ("es", "no todos los navegadores"), ("pt", "nem todos os navegadores"),
     ("fr", "tous les navigateurs")],
)  # fmt: skip
def test_a_refused_codec_is_explained_in_the_editors_language(language, words):
    from django.utils import translation

    with translation.override(language), pytest.raises(ValidationError) as refused:
        inspect_video(io.BytesIO(_mp4(10, ((b"vide", b"hvc1"),))))
    assert words in refused.value.messages[0] and "H.264" in refused.value.messages[0]


def test_containers_are_recognised_from_their_bytes_with_their_duration():
    webm = inspect_video(io.BytesIO(tiny_webm(seconds=4)))
    assert (webm["content_type"], webm["duration"]) == ("video/webm", 4.0)
    mp4 = inspect_video(io.BytesIO(_mp4(125)))
    assert (mp4["content_type"], mp4["duration"]) == ("video/mp4", 125.0)


@pytest.mark.parametrize(
    "payload",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(100),  # an image renamed .mp4
        b"<html><script>alert(1)</script></html>",
        b"\x1a\x45\xdf\xa3" + bytes(60),  # EBML without the webm DocType (e.g. Matroska)
        b"",
    ],
)
def test_anything_else_is_refused(payload):
    with pytest.raises(ValidationError):
        inspect_video(io.BytesIO(payload))


def test_size_limits_hold(settings):
    settings.COURSES_VIDEO_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="too large"):
        inspect_video(io.BytesIO(tiny_webm()))


def test_captions_must_be_utf8_webvtt_and_posters_png_or_jpeg():
    assert inspect_captions(io.BytesIO("\ufeffWEBVTT\n\n00:00.000 --> 00:01.000\nHola".encode()))
    for bad in (b"1\n00:00:00,000 --> 00:00:01,000\nSRT", b"WEBVTT\n\xff\xfe", b"<script>"):
        with pytest.raises(ValidationError):
            inspect_captions(io.BytesIO(bad))
    assert inspect_poster(io.BytesIO(b"\xff\xd8\xff\xe0" + bytes(20))) == "image/jpeg"
    with pytest.raises(ValidationError):
        inspect_poster(io.BytesIO(b"<svg onload=alert(1)>"))


def test_embeds_become_privacy_enhanced_and_only_from_allowed_hosts(settings):
    settings.COURSES_VIDEO_EMBED_HOSTS = ["www.youtube-nocookie.com"]
    assert privacy_embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert privacy_embed_url("https://youtu.be/dQw4w9WgXcQ").endswith("/embed/dQw4w9WgXcQ")
    with pytest.raises(ValidationError, match="not allowed"):
        privacy_embed_url("https://vimeo.com/76979871")
    for bad in (
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "https://www.youtube.com/watch?v=<x>",
    ):
        with pytest.raises(ValidationError):
            privacy_embed_url(bad)
    settings.COURSES_VIDEO_EMBED_HOSTS = ["player.vimeo.com"]
    assert privacy_embed_url("https://vimeo.com/76979871") == "https://player.vimeo.com/video/76979871?dnt=1"


def test_the_block_wants_one_source_and_counts_only_uploads(settings):
    settings.COURSES_VIDEO_EMBED_HOSTS = ["www.youtube-nocookie.com"]
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "x", "video": None, "embed_url": "", "required": False}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "x", "embed_url": "https://youtu.be/dQw4w9WgXcQ", "required": True}))
    block.clean(block.to_python({"title": "x", "embed_url": "https://youtu.be/dQw4w9WgXcQ", "required": False}))


def test_the_site_frames_no_video_host_unless_allowed(client, db, site_frame):
    policy = client.get("/en/").headers["Content-Security-Policy"]
    frame_src = next(part for part in policy.split(";") if part.strip().startswith("frame-src"))
    assert "youtube" not in frame_src and "vimeo" not in frame_src


@pytest.fixture
def video_lesson(site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx)
    video = video_with_captions()
    lesson = LessonPageFactory(parent=course, title="Watch", body=video_body(video, watch_percent=80))
    learner = official(mx)
    EnrolmentFactory(course=course, user=learner)
    return {"course": course, "lesson": lesson, "video": video, "learner": learner}


def _url(name, lesson, video, *extra):
    return reverse(f"courses:{name}", args=[lesson.pk, video.pk, *extra])


@pytest.mark.django_db
def test_the_lesson_shows_the_player_captions_transcripts_and_the_low_bandwidth_note(client, video_lesson):
    lesson, video = video_lesson["lesson"], video_lesson["video"]
    client.force_login(video_lesson["learner"])
    html = client.get("/es" + lesson.url[3:]).content.decode()
    assert f'src="{_url("video_file", lesson, video)}" type="video/webm"' in html
    es_track = html[html.index('<track kind="captions" srclang="es"') :]
    es_track = es_track[: es_track.index(">") + 1]
    assert _url("video_captions", lesson, video, "es") in es_track and es_track.endswith(" default>")
    assert 'srclang="en"' in html
    assert "Duración 0:06" in html and "transcripción" in html.lower()
    assert '<div lang="en"><p>Transcript in en.</p></div>' in html
    assert 'poster="' in html and 'preload="none"' in html


@pytest.mark.django_db
def test_video_is_served_with_range_requests(client, video_lesson):
    lesson, video = video_lesson["lesson"], video_lesson["video"]
    client.force_login(video_lesson["learner"])
    url = _url("video_file", lesson, video)
    whole = client.get(url)
    body = b"".join(whole.streaming_content)
    assert (whole.status_code, whole["Accept-Ranges"], whole["Content-Type"]) == (200, "bytes", "video/webm")
    assert body == video.file.open("rb").read()
    part = client.get(url, HTTP_RANGE="bytes=0-99")
    assert (part.status_code, part["Content-Range"], part["Content-Length"]) == (206, f"bytes 0-99/{len(body)}", "100")
    assert b"".join(part.streaming_content) == body[:100]
    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == body[-10:]
    assert client.get(url, HTTP_RANGE=f"bytes={len(body)}-").status_code == 416
    captions = client.get(_url("video_captions", lesson, video, "es"))
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")
    assert client.get(_url("video_poster", lesson, video))["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_watching_counts_toward_the_lesson_bounded_by_the_files_duration(client, video_lesson):
    lesson, video, learner = video_lesson["lesson"], video_lesson["video"], video_lesson["learner"]
    client.force_login(learner)
    url = _url("video_progress", lesson, video)
    assert client.post(url, {"watched": "2"}).json() == {"ok": True, "satisfied": False}
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at is None
    assert client.post(url, {"watched": "lots"}).status_code == 400
    assert client.post(url, {"watched": "5"}).json()["satisfied"] is True  # 5 of 6 s ≥ 80%
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at is not None
    assert selectors.course_progress_of(user=learner, course=video_lesson["course"]).rule_holds
    record = services.lesson_video_record(user=learner, lesson=lesson, video=video, watched_seconds=10**6)
    assert record.watched_seconds == 6.0


VIDEO_VERBS = {
    "http://adlnet.gov/expapi/verbs/initialized": "initialized",
    "https://w3id.org/xapi/video/verbs/paused": "paused",
    "http://adlnet.gov/expapi/verbs/completed": "completed",
    "http://adlnet.gov/expapi/verbs/terminated": "terminated",
}


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_videos_session_gives_the_adl_video_statements_the_platform_can_know(client, video_lesson):
    """initialized on the session's first report, paused when the player pauses, completed once
    when the watch rule first holds, terminated when the learner leaves; the played ranges are merged
    and bounded by the file's duration (6 s), whatever the player says."""
    import json
    import uuid

    from xapi.models import Statement
    from xapi.validation import validate_statement

    lesson, video, learner = video_lesson["lesson"], video_lesson["video"], video_lesson["learner"]
    client.force_login(learner)
    url = _url("video_progress", lesson, video)
    session = str(uuid.uuid4())
    first = {"segments": json.dumps([[0, 2]]), "time": "2", "session": session, "event": "paused"}
    assert client.post(url, first).json()["satisfied"] is False
    later = {"segments": json.dumps([[0, 2], [1.5, 4], [3.9, 99]]), "time": "99", "session": session, "event": "ended"}
    assert client.post(url, later).json()["satisfied"] is True  # 0-6 s merged and bounded: all of it
    client.post(url, {**later, "event": "left"})
    client.post(url, {**later, "event": "paused"})  # completed again? no: once
    statements = [row.data for row in Statement.objects.filter(user=learner).order_by("stored", "pk")]
    video_statements = [s for s in statements if s["object"]["id"].endswith(f"/xapi/objects/video/{video.pk}")]
    assert [VIDEO_VERBS[s["verb"]["id"]] for s in video_statements] == [
        "initialized",
        "paused",
        "completed",
        "terminated",
        "paused",
    ]
    for data in video_statements:
        validate_statement(dict(data))
        assert data["context"]["extensions"]["https://w3id.org/xapi/video/extensions/session-id"] == session
        assert data["context"]["contextActivities"]["parent"][0]["id"].endswith(f"/lesson/{lesson.translation_key}")
    initialized, paused, completed = video_statements[:3]
    assert initialized["context"]["extensions"]["https://w3id.org/xapi/video/extensions/completion-threshold"] == 0.8
    assert paused["result"]["extensions"]["https://w3id.org/xapi/video/extensions/progress"] == pytest.approx(
        0.333, abs=0.001
    )
    extensions = completed["result"]["extensions"]
    assert extensions["https://w3id.org/xapi/video/extensions/played-segments"] == "0.0[.]6.0"
    assert extensions["https://w3id.org/xapi/video/extensions/time"] == 6.0
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"segments": "[[0, 'x']]"},
        {"segments": "not json"},
        {"segments": "[[0, 1e999]]"},
        {"segments": "[" + ",".join(["[0, 1]"] * 201) + "]"},
        {"session": "not-a-uuid"},
        {"event": "liked"},
        {"time": "-3"},
    ],
)
def test_malformed_player_reports_are_refused_and_change_nothing(client, video_lesson, bad):
    from courses.models import VideoProgress

    client.force_login(video_lesson["learner"])
    url = _url("video_progress", video_lesson["lesson"], video_lesson["video"])
    response = client.post(url, {"watched": "5", **bad})
    assert response.status_code == 400 and response.json()["error"]
    assert not VideoProgress.objects.filter(user=video_lesson["learner"]).exists()


@pytest.mark.django_db
def test_an_embedded_video_says_it_does_not_count_and_the_lesson_is_done_when_marked(client, site_frame, settings):
    """A YouTube player is another origin: the lesson says watching it cannot be counted, the lesson
    is completed by "Mark as done" (the completion rule of a lesson without required activities),
    and no video statement claims what the platform cannot know."""
    from xapi.models import Statement

    settings.COURSES_VIDEO_EMBED_HOSTS = ["www.youtube-nocookie.com"]
    mx = state("MX")
    course = CoursePageFactory(state=mx)
    body = [{"type": "video", "value": {"title": "Talk", "video": None, "embed_url": "https://youtu.be/dQw4w9WgXcQ"}}]
    lesson = LessonPageFactory(parent=course, title="Talk", body=body)
    learner = official(mx)
    EnrolmentFactory(course=course, user=learner)
    client.force_login(learner)
    html = client.get("/es" + lesson.url[3:]).content.decode()
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert "Capacitas no puede saber cuánto" in html and "YouTube" in html
    assert selectors.lesson_missing(user=learner, lesson=lesson) == {
        "quizzes": [],
        "h5p": [],
        "scorm": [],
        "videos": [],
    }
    assert LessonProgress.objects.filter(user=learner, lesson=lesson, completed_at__isnull=False).count() == 0
    client.post(reverse("courses:lesson_progress", args=[lesson.pk]), {"action": "done"})
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at is not None
    assert selectors.course_progress_of(user=learner, course=course).rule_holds
    assert not Statement.objects.filter(
        data__object__definition__type="https://w3id.org/xapi/video/activity-type/video"
    ).exists()
