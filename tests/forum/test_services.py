"""Life cycles through the services: a thread and its posts, edits and their history, reactions,
answers, reports, moderation (hide, lock, move) by each role, subscriptions and read markers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forum import selectors, services
from forum.errors import ForumError
from forum.models import Mention, ModerationAction, Post, PostRevision, Reaction, Subscription, Thread
from tests.forum.factories import thread_with_posts

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_thread_and_replies_are_numbered_and_counted(people, spaces):
    thread = thread_with_posts(spaces["mx"], people["official_mx"], posts=3)
    assert thread.post_count == 3
    assert list(Post.objects.filter(thread=thread).values_list("number", flat=True)) == [1, 2, 3]
    assert thread.last_post_id == Post.objects.get(thread=thread, number=3).pk
    # The author follows their thread and has read it.
    assert Subscription.objects.filter(user=people["official_mx"], thread=thread).exists()


@pytest.mark.parametrize(
    "role,space,allowed",
    [
        ("official_mx", "mx", True),
        ("official_co", "mx", False),
        ("coordinator_co", "mx", False),
        ("secretariat", "mx", True),
        ("official_br", "officials", True),
        ("nobody", "officials", False),
        ("nobody", "public", True),
        ("official_mx", "coordinators", False),
        ("coordinator_co", "coordinators", True),
    ],
)
def test_who_may_start_a_thread(people, spaces, role, space, allowed):
    if allowed:
        thread = services.thread_create(user=people[role], space=spaces[space], title="T", body="Text", language="es")
        assert thread.post_count == 1
    else:
        with pytest.raises(ForumError) as error:
            services.thread_create(user=people[role], space=spaces[space], title="T", body="Text", language="es")
        assert error.value.status == 403
        assert not Thread.objects.exists()


def test_a_locked_thread_takes_no_post_and_changes_nothing(people, spaces):
    thread = thread_with_posts(spaces["mx"], people["official_mx"], posts=2)
    services.thread_moderate(user=people["coordinator_mx"], thread=thread, action="lock")
    thread.refresh_from_db()
    with pytest.raises(ForumError) as error:
        services.post_create(user=people["official_mx"], thread=thread, body="One more", language="en")
    assert error.value.status == 409
    assert Post.objects.filter(thread=thread).count() == 2
    thread.refresh_from_db()
    assert thread.post_count == 2


def test_moderation_by_a_coordinator_of_another_state_is_refused(people, spaces):
    thread = thread_with_posts(spaces["mx"], people["official_mx"], posts=2)
    post = Post.objects.get(thread=thread, number=2)
    for action in ("lock", "hide"):
        with pytest.raises(ForumError) as error:
            services.thread_moderate(user=people["coordinator_co"], thread=thread, action=action)
        assert error.value.status == 403
    with pytest.raises(ForumError):
        services.post_moderate(user=people["coordinator_co"], post=post, hide=True)
    post.refresh_from_db()
    thread.refresh_from_db()
    assert not post.hidden and not thread.locked and not thread.hidden
    assert not ModerationAction.objects.exists()


def test_coordinators_moderate_only_their_states_space_and_the_secretariat_everywhere(people, spaces):
    officials_thread = thread_with_posts(spaces["officials"], people["official_br"], posts=2)
    with pytest.raises(ForumError):
        services.thread_moderate(user=people["coordinator_mx"], thread=officials_thread, action="lock")
    services.thread_moderate(user=people["secretariat"], thread=officials_thread, action="lock")
    officials_thread.refresh_from_db()
    assert officials_thread.locked


def test_hiding_a_post_hides_it_from_readers_but_not_moderators_and_resolves_reports(people, spaces):
    thread = thread_with_posts(spaces["mx"], people["official_mx"], posts=2)
    post = Post.objects.get(thread=thread, number=2)
    services.post_report(user=people["coordinator_mx"], post=post, reason="Names a witness")
    assert len(selectors.open_reports_for(people["coordinator_mx"])) == 1
    assert selectors.open_reports_for(people["coordinator_co"]) == []
    services.post_moderate(user=people["coordinator_mx"], post=post, hide=True, reason="A witness's name")
    post.refresh_from_db()
    assert post.hidden and post.hidden_reason == "A witness's name"
    assert selectors.open_reports_for(people["coordinator_mx"]) == []
    assert ModerationAction.objects.filter(action="hide_post", post=post).exists()


def test_a_report_is_made_once(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"], posts=2)
    post = Post.objects.get(thread=thread, number=2)
    services.post_report(user=people["official_br"], post=post, reason="Spam")
    with pytest.raises(ForumError) as error:
        services.post_report(user=people["official_br"], post=post, reason="Spam again")
    assert error.value.status == 409


def test_move_only_between_spaces_the_moderator_moderates(people, spaces):
    thread = thread_with_posts(spaces["mx"], people["official_mx"])
    with pytest.raises(ForumError) as error:
        services.thread_moderate(
            user=people["coordinator_mx"], thread=thread, action="move", to_space=spaces["officials"]
        )
    assert error.value.status == 403
    services.thread_moderate(user=people["secretariat"], thread=thread, action="move", to_space=spaces["officials"])
    thread.refresh_from_db()
    assert thread.space == spaces["officials"]
    assert ModerationAction.objects.filter(
        action="move", from_space=spaces["mx"], to_space=spaces["officials"]
    ).exists()


def test_edit_keeps_history_and_only_the_author_edits(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"])
    post = Post.objects.get(thread=thread, number=1)
    before = post.body
    with pytest.raises(ForumError):
        services.post_edit(user=people["official_br"], post=post, body="Mine now", language="en")
    services.post_edit(user=people["nobody"], post=post, body="Corrected text", language="pt")
    post.refresh_from_db()
    assert post.language == "pt" and "Corrected text" in post.body and post.edited_at
    revision = PostRevision.objects.get(post=post)
    assert revision.body == before and revision.language == "en"


def test_reactions_toggle(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"])
    post = thread.posts.get()
    assert services.reaction_toggle(user=people["official_br"], post=post, kind="useful") is True
    assert services.reaction_toggle(user=people["official_br"], post=post, kind="useful") is False
    with pytest.raises(ForumError):
        services.reaction_toggle(user=people["official_br"], post=post, kind="<script>")
    assert not Reaction.objects.exists()


def test_mark_as_answer_in_question_spaces_only(people, spaces):
    thread = thread_with_posts(spaces["officials"], people["official_br"], posts=2)
    answer = Post.objects.get(thread=thread, number=2)
    with pytest.raises(ForumError) as error:
        services.answer_mark(user=people["official_mx"], post=answer)
    assert error.value.status == 403
    services.answer_mark(user=people["official_br"], post=answer)
    thread.refresh_from_db()
    assert thread.answer_post_id == answer.pk
    plain = thread_with_posts(spaces["public"], people["nobody"], posts=2)
    with pytest.raises(ForumError) as error:
        services.answer_mark(user=people["nobody"], post=Post.objects.get(thread=plain, number=2))
    assert error.value.status == 400


def test_quote_must_be_in_the_same_thread(people, spaces):
    one = thread_with_posts(spaces["public"], people["nobody"])
    other = thread_with_posts(spaces["public"], people["nobody"], title="Other")
    with pytest.raises(ForumError):
        services.post_create(
            user=people["nobody"], thread=one, body="Quoting", language="en", quote_id=other.posts.get().pk
        )
    reply = services.post_create(
        user=people["nobody"], thread=one, body="Quoting", language="en", quote_id=one.posts.get().pk
    )
    assert reply.quote_id == one.posts.get(number=1).pk


def test_mentions_reach_only_readers_of_the_space(people, spaces, mailoutbox):
    from accounts.models import Notification

    thread = thread_with_posts(spaces["mx"], people["official_mx"])
    post = services.post_create(
        user=people["official_mx"], thread=thread, body="Ask @coord-mx and @official-co", language="es"
    )
    assert set(Mention.objects.filter(post=post).values_list("user__username", flat=True)) == {"coord-mx"}
    assert post.pk  # notices are sent after commit (see test_views for the full path)
    assert not Notification.objects.filter(user=people["official_co"]).exists()


def test_attachments_are_stored_and_refused_when_not_what_they_claim(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"])
    post = services.post_create(
        user=people["nobody"],
        thread=thread,
        body="The guide",
        language="en",
        files=[SimpleUploadedFile("guide.pdf", PDF, content_type="application/pdf")],
    )
    attachment = post.attachments.get()
    assert attachment.content_type == "application/pdf" and attachment.name == "guide.pdf"
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", content_type="image/png")
    with pytest.raises(ForumError) as error:
        services.post_create(user=people["nobody"], thread=thread, body="Photo", language="en", files=[fake])
    assert error.value.status == 400
    assert thread.posts.count() == 2


def test_read_markers_move_forward_only(people, spaces):
    from forum.models import ReadMarker

    thread = thread_with_posts(spaces["public"], people["nobody"], posts=3)
    reader = people["official_br"]
    first = Post.objects.get(thread=thread, number=1)
    services.read_marker_advance(user=reader, thread=thread, post_id=thread.last_post_id)
    services.read_marker_advance(user=reader, thread=thread, post_id=first.pk)
    assert ReadMarker.objects.get(user=reader, thread=thread).last_read_post_id == thread.last_post_id
