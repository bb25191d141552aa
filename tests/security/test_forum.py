"""The forum against hostile input and curious readers: rich text cut to the allow-list, files
checked by their bytes, nothing of a space reaching those outside it (pages, files, search)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from forum import services
from forum.errors import ForumError
from forum.richtext import sanitise
from forum.uploads import check_upload
from tests.forum.factories import forum_people, forum_spaces, thread_with_posts


@pytest.fixture
def people(db):
    return forum_people()


@pytest.fixture
def spaces(people):
    return forum_spaces(people)


@pytest.mark.parametrize(
    "html,absent",
    [
        ("<p>a<script>alert(1)</script></p>", "alert"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "ascript"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ('<p style="background:url(x)" onclick="x()">a</p>', "style"),
        ("<iframe src='https://evil.example'></iframe>", "iframe"),
        ("<svg><script>alert(1)</script></svg>", "alert"),
        ("<style>body{display:none}</style><p>x</p>", "display"),
        ("<form action='/x'><input name=a></form>", "input"),
        ("<!-- <script>alert(1)</script> --><p>x</p>", "alert"),
        ("<p>a</p><math><mi xlink:href='javascript:alert(1)'>x</mi></math>", "javascript"),
    ],
)
def test_rich_text_keeps_only_the_allow_list(html, absent):
    assert absent not in sanitise(html).lower()


def test_rich_text_keeps_formatting_and_safe_links():
    cleaned = sanitise(
        '<p><strong>Bold</strong> <a href="https://oas.org" target="_blank">OAS</a></p><blockquote>q</blockquote>'
    )
    assert cleaned == (
        '<p><strong>Bold</strong> <a href="https://oas.org" rel="nofollow ugc noopener">OAS</a></p><blockquote>q</blockquote>'
    )
    assert sanitise("a < b & c\n\nnext") == "<p>a &lt; b &amp; c</p>\n\n<p>next</p>"


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("notes.txt", b"<!DOCTYPE html><html><body onload=alert(1)>"),
        ("image.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
        ("image.jpg", b"GIF89a\x01\x00\x01\x00"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("binary.txt", b"plain\x00with nul"),
        ("latin1.txt", "caf\u00e9".encode("latin-1")),
        ("empty.pdf", b""),
    ],
)
def test_attachments_are_sniffed_not_named(name, data):
    with pytest.raises(ForumError) as error:
        check_upload(SimpleUploadedFile(name, data, content_type="application/pdf"))
    assert error.value.status == 400


def test_a_file_is_named_after_what_it_is(settings):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    assert check_upload(SimpleUploadedFile("evil.html", png)).name == "evil.png"
    settings.FORUM_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ForumError):
        check_upload(SimpleUploadedFile("big.txt", b"x" * 11))


def test_a_hidden_posts_attachment_is_not_served(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"])
    post = services.post_create(
        user=people["nobody"],
        thread=thread,
        body="file",
        language="en",
        files=[SimpleUploadedFile("a.txt", b"hello")],
    )
    services.post_moderate(user=people["secretariat"], post=post, hide=True)
    url = reverse("forum:attachment", kwargs={"pk": post.attachments.get().pk})
    assert Client().get(url).status_code == 404


def test_a_hidden_thread_is_a_404_to_readers(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"])
    services.thread_moderate(user=people["secretariat"], thread=thread, action="hide")
    assert Client().get(reverse("forum:thread", kwargs={"pk": thread.pk})).status_code == 404


def test_moderation_by_another_states_coordinator_changes_nothing(people, spaces):
    from tests.accounts.factories import sign_in_with_mfa

    thread = thread_with_posts(spaces["mx"], people["official_mx"], posts=2)
    client = Client()
    sign_in_with_mfa(client, people["coordinator_co"])
    for action in ("lock", "hide", "move"):
        response = client.post(
            reverse("forum:thread_moderate", kwargs={"pk": thread.pk}), {"action": action, "space": "colombia"}
        )
        assert response.status_code == 404  # the other state's space is not even revealed
    thread.refresh_from_db()
    assert not thread.locked and not thread.hidden and thread.space_id == spaces["mx"].pk


def test_search_finds_forum_threads_only_within_the_readers_tier(people, spaces):
    from search import api
    from search.backends import set_backend
    from search.backends.postgres import PostgresBackend

    set_backend(PostgresBackend())
    try:
        thread_with_posts(spaces["mx"], people["official_mx"], title="Ballistics custody in Mexico")
        thread_with_posts(spaces["coordinators"], people["coordinator_mx"], title="Ballistics custody for coordinators")
        thread_with_posts(spaces["officials"], people["official_br"], title="Ballistics custody everywhere")
        hidden = thread_with_posts(spaces["public"], people["nobody"], title="Ballistics custody hidden")
        services.thread_moderate(user=people["secretariat"], thread=hidden, action="hide")
        api.reindex(["forum_thread"])

        def titles(user):
            return {hit.title for hit in api.search("ballistics", user=user, filters={"type": ["forum_thread"]}).hits}

        assert titles(people["official_mx"]) == {"Ballistics custody in Mexico", "Ballistics custody everywhere"}
        assert titles(people["official_co"]) == {"Ballistics custody everywhere"}
        assert titles(None) == set()
        assert "Ballistics custody for coordinators" not in titles(people["secretariat"])
    finally:
        set_backend(None)
