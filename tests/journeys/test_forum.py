"""Posting and moderating in the forum in a real browser, in Spanish and English: an official of
Mexico replies in the state's space (with a quote), the national coordinator of Mexico signs in
with an authenticator code and hides the reply, then locks the thread; the official sees the reply
marked hidden and no reply form. Every page passes the checks of tests/journeys/conftest.py."""

from __future__ import annotations

import pytest

from .conftest import leave, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(site_frame):
    from django.contrib.contenttypes.models import ContentType

    from forum import services
    from forum.models import SpaceKind
    from tests.accounts.factories import coordinator, official, state

    ContentType.objects.clear_cache()
    mx = state("MX")
    space = services.space_upsert(
        slug="mexico", kind=SpaceKind.STATE, state=mx, title_en="Mexico: officials", title_es="México: funcionarios"
    )
    author = official(mx, username="forum-author")
    thread = services.thread_create(
        user=author, space=space, title="Cadena de custodia", body="¿Qué formularios usan?", language="es"
    )
    return {"mx": mx, "space": space, "thread": thread, "coordinator": coordinator(mx, username="forum-coord")}


@pytest.mark.parametrize("language", ["es", "en"])
def test_official_posts_and_coordinator_moderates(journey, world, language):
    from accounts.services import profile_update
    from forum.models import Post, Thread
    from tests.accounts.factories import official

    thread = world["thread"]
    reader = official(world["mx"], username=f"forum-reader-{language}")
    profile_update(user=reader, preferred_language=language)

    run = journey(language=language, name="forum")
    page = run.page
    sign_in(run, reader)
    run.goto(f"/{language}/forum/")
    run.check("index")
    page.click("a[href$='/forum/mexico/']")
    run.check("space")
    page.click(f"a[href$='/forum/threads/{thread.pk}/']")
    run.check("thread")
    page.click("footer.post-actions a[href*='quote=']")
    page.fill("#reply textarea[name=body]", "Usamos el <b>formulario</b> nacional <script>alert(1)</script>")
    page.select_option("#reply select[name=language]", "es")
    with page.expect_navigation():
        page.click("#reply button[type=submit]")
    run.check("replied")
    post = Post.objects.get(thread=thread, number=2)
    assert post.quote_id == Post.objects.get(thread=thread, number=1).pk
    assert "script" not in post.body and "<b>formulario</b>" in post.body
    assert page.locator("#post-2 .post-body b").inner_text() == "formulario"
    leave(run)

    moderator = journey(language=language, name="forum-moderator")
    page = moderator.page
    sign_in(moderator, world["coordinator"])
    moderator.goto(f"/{language}/forum/threads/{thread.pk}/")
    moderator.check("moderator-thread")
    with page.expect_navigation():
        page.click("#post-2 form[action$='/moderate/'] button[value=hide]")
    moderator.check("hidden")
    assert Post.objects.get(pk=post.pk).hidden
    page.click("details.moderation summary")
    with page.expect_navigation():
        page.click("details.moderation button[value=lock]")
    moderator.check("locked")
    assert Thread.objects.get(pk=thread.pk).locked
    leave(moderator)

    run.goto(f"/{language}/forum/threads/{thread.pk}/")
    run.check("reader-after")
    assert page.locator("#reply").count() == 0
    # The author still sees the hidden reply, marked as hidden by a moderator; others do not see it.
    assert run.page.locator("#post-2 .message-warning").count() == 1
