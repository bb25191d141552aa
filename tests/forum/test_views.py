"""The forum's pages: reading by role, posting, moderating with MFA, and query counts that do not
grow with the number of posts or threads."""

import pytest
from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import Post, Thread
from tests.accounts.factories import sign_in_with_mfa
from tests.forum.factories import thread_with_posts


def _client(user=None, *, mfa=False):
    client = Client()
    if user is not None:
        if mfa:
            sign_in_with_mfa(client, user)
        else:
            client.force_login(user)
    return client


def test_index_lists_only_readable_spaces(people, spaces):
    response = _client(people["official_co"]).get(reverse("forum:index"))
    assert response.status_code == 200
    slugs = {s.slug for s in response.context["spaces"]}
    assert slugs == {"officials", "colombia", "public"}


@pytest.mark.parametrize("role,status", [("official_mx", 200), ("official_co", 404), ("anonymous", 404)])
def test_a_state_space_thread_is_not_revealed_to_outsiders(people, spaces, role, status):
    thread = thread_with_posts(spaces["mx"], people["official_mx"])
    client = _client(None if role == "anonymous" else people[role])
    assert client.get(reverse("forum:thread", kwargs={"pk": thread.pk})).status_code == status
    assert client.get(reverse("forum:space", kwargs={"slug": "mexico"})).status_code == status


def test_reply_in_spanish_then_read(people, spaces):
    thread = thread_with_posts(spaces["officials"], people["official_br"])
    client = _client(people["official_mx"])
    response = client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {"body": "<p onclick='x()'>Hola <script>alert(1)</script><b>equipo</b></p>", "language": "es"},
    )
    assert response.status_code == 302
    post = Post.objects.get(thread=thread, number=2)
    assert post.body == "<p>Hola <b>equipo</b></p>" and post.language == "es"
    page = client.get(reverse("forum:thread", kwargs={"pk": thread.pk}))
    assert b'lang="es"' in page.content and b"<script>alert" not in page.content


def test_posting_in_a_locked_thread_is_a_409_with_a_translated_message(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"])
    services.thread_moderate(user=people["secretariat"], thread=thread, action="lock")
    response = _client(people["official_br"]).post(
        "/es" + reverse("forum:reply", kwargs={"pk": thread.pk})[3:], {"body": "Hola", "language": "es"}
    )
    assert response.status_code == 409
    assert "bloqueado" in response.content.decode()
    assert Post.objects.filter(thread=thread).count() == 1


def test_moderation_needs_mfa_and_the_right_state(people, spaces):
    thread = thread_with_posts(spaces["mx"], people["official_mx"], posts=2)
    post = Post.objects.get(thread=thread, number=2)
    url = reverse("forum:post_moderate", kwargs={"pk": post.pk})
    # Signed in without the MFA step: sent to reauthenticate, nothing hidden.
    response = _client(people["coordinator_mx"]).post(url, {"action": "hide"})
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    # Another state's coordinator, even with MFA, does not see the space: 404.
    response = _client(people["coordinator_co"], mfa=True).post(url, {"action": "hide"})
    assert response.status_code == 404
    post.refresh_from_db()
    assert not post.hidden
    # The state's coordinator with MFA hides it.
    response = _client(people["coordinator_mx"], mfa=True).post(url, {"action": "hide", "reason": "Off topic"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.hidden


def test_coordinator_of_another_state_cannot_moderate_a_shared_space(people, spaces):
    thread = thread_with_posts(spaces["officials"], people["official_br"], posts=2)
    client = _client(people["coordinator_co"], mfa=True)
    response = client.post(reverse("forum:thread_moderate", kwargs={"pk": thread.pk}), {"action": "lock"})
    assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.locked


def test_unread_markers(people, spaces):
    thread = thread_with_posts(spaces["public"], people["nobody"], posts=2)
    reader = _client(people["official_br"])
    assert reader.get(reverse("forum:index")).context["spaces"][-1].unread == 1
    reader.get(reverse("forum:thread", kwargs={"pk": thread.pk}))
    assert all(s.unread == 0 for s in reader.get(reverse("forum:index")).context["spaces"])
    services.post_create(user=people["nobody"], thread=thread, body="News", language="en")
    page = reader.get(reverse("forum:thread", kwargs={"pk": thread.pk})).context["page"]
    assert page.first_unread == 3


def test_subscribers_are_notified_of_replies_in_their_language(people, spaces, mailoutbox):
    from accounts.models import Notification
    from accounts.services import profile_update

    profile_update(user=people["official_br"], preferred_language="pt")
    thread = thread_with_posts(spaces["officials"], people["official_mx"])
    services.subscription_toggle(user=people["official_br"], thread=thread)
    client = _client(people["official_mx"])
    with _commit():
        client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": "Nueva respuesta", "language": "es"})
    notice = Notification.objects.get(user=people["official_br"], kind="forum.reply")
    assert "respondeu" in notice.subject
    assert not Notification.objects.filter(user=people["official_mx"], kind="forum.reply").exists()


class _commit:
    """Run on_commit callbacks of the block (tests run inside one transaction)."""

    def __enter__(self):
        from django.test import TestCase

        self._ctx = TestCase.captureOnCommitCallbacks(execute=True)
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def _bulk_posts(thread, author, count):
    from django.utils import timezone

    start = thread.post_count
    Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                number=start + n + 1,
                author=author,
                body=f"<p>Post {n}</p>",
                language="en",
                created_at=timezone.now(),
            )
            for n in range(count)
        ]
    )
    services.post_count_fix(thread=thread)
    thread.refresh_from_db()


def test_thread_page_queries_do_not_grow_with_posts(people, spaces, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = thread_with_posts(spaces["public"], people["nobody"])
    _bulk_posts(small, people["nobody"], 9)
    large = thread_with_posts(spaces["public"], people["nobody"], title="Large")
    _bulk_posts(large, people["nobody"], 199)
    client = _client(people["official_br"])
    counts = []
    for thread, page in ((small, 1), (large, 1), (large, 8)):
        url = reverse("forum:thread", kwargs={"pk": thread.pk}) + f"?page={page}"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
    with django_assert_max_num_queries(25):
        client.get(reverse("forum:thread", kwargs={"pk": large.pk}) + "?page=3")


def test_index_and_space_queries_do_not_grow_with_threads(people, spaces):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(people["official_br"])

    def counts():
        result = []
        for url in (reverse("forum:index"), reverse("forum:space", kwargs={"slug": "public"})):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    for n in range(10):
        thread_with_posts(spaces["public"], people["nobody"], title=f"T{n}")
    ten = counts()
    Thread.objects.bulk_create(
        [Thread(space=spaces["public"], title=f"Bulk {n}", language="en", author=people["nobody"]) for n in range(190)]
    )
    assert counts() == ten


def test_attachment_download_follows_the_space(people, spaces):
    from django.core.files.uploadedfile import SimpleUploadedFile

    thread = thread_with_posts(spaces["mx"], people["official_mx"])
    post = services.post_create(
        user=people["official_mx"],
        thread=thread,
        body="Notes",
        language="es",
        files=[SimpleUploadedFile("notes.txt", "Notas de la reunión".encode(), content_type="text/plain")],
    )
    url = reverse("forum:attachment", kwargs={"pk": post.attachments.get().pk})
    assert _client(people["official_mx"]).get(url).status_code == 200
    assert _client(people["official_co"]).get(url).status_code == 404
    assert _client().get(url).status_code == 404


def test_mentions_and_reports_notify_only_those_who_may_read(people, spaces):
    from accounts.models import Notification

    thread = thread_with_posts(spaces["mx"], people["official_mx"])
    client = _client(people["official_mx"])
    with _commit():
        client.post(
            reverse("forum:reply", kwargs={"pk": thread.pk}),
            {"body": "Pregunto a @coord-mx y a @official-co", "language": "es"},
        )
    assert Notification.objects.filter(user=people["coordinator_mx"], kind="forum.mention").exists()
    assert not Notification.objects.filter(user=people["official_co"]).exists()
    post = Post.objects.get(thread=thread, number=2)
    with _commit():
        response = _client(people["coordinator_mx"]).post(
            reverse("forum:report", kwargs={"pk": post.pk}), {"reason": "Datos personales"}
        )
    assert response.status_code == 302
    assert Notification.objects.filter(user=people["secretariat"], kind="forum.report").exists()
    assert Notification.objects.filter(user=people["coordinator_mx"], kind="forum.report").exists()
    assert not Notification.objects.filter(user=people["coordinator_co"], kind="forum.report").exists()


def test_a_space_lists_threads_by_measure_or_discipline(people, spaces):
    from tests.plan.factories import MeasureFactory

    measure = MeasureFactory()
    services.thread_create(
        user=people["official_br"],
        space=spaces["officials"],
        title="On the measure",
        body="x",
        language="pt",
        measure_id=measure.pk,
    )
    services.thread_create(
        user=people["official_br"],
        space=spaces["officials"],
        title="Forensic",
        body="x",
        language="pt",
        discipline="forensic",
    )
    client = _client(people["official_mx"])
    url = reverse("forum:space", kwargs={"slug": "officials"})
    titles = lambda query: [t.title for t in client.get(url + query).context["page"]]  # noqa: E731
    assert titles(f"?measure={measure.pk}") == ["On the measure"]
    assert titles("?discipline=forensic") == ["Forensic"]
    assert titles("?discipline=<bad>") == ["Forensic", "On the measure"]


def test_a_thread_says_which_measure_of_the_plan_it_is_about(people, spaces):
    from tests.plan.factories import MeasureFactory

    measure = MeasureFactory(code="2.4", text_en="Distance training", text_es="Capacitación a distancia")
    thread = services.thread_create(
        user=people["official_br"],
        space=spaces["officials"],
        title="On the measure",
        body="x",
        language="pt",
        measure_id=measure.pk,
    )
    client = _client(people["official_mx"])
    page = client.get("/es" + reverse("forum:thread", kwargs={"pk": thread.pk})[3:]).content.decode()
    assert "Medida 2.4 del plan" in page and 'title="Capacitación a distancia"' in page
