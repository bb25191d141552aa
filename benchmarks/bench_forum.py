"""The forum at scale: a thread of 5,000 posts (with reactions and attachments on some) read at its
first, middle and last page, and a space of 500 threads with read markers, through Django's test
client in this process (test settings, DEBUG off), as a verified official who reads the space.

Posts are written in bulk (numbers 1 … 5,000, as the services number them); the target is the
issue's: p95 under 150 ms, in the same number of queries on every page."""

from __future__ import annotations

import os

from benchmarks.util import django_setup, fresh_database, measure_get

DATABASE = "capacitas_bench_forum"
RUNS = int(os.environ.get("BENCH_FORUM_RUNS", "40"))
POSTS = 5_000
THREADS = 500


def _build() -> dict:
    import datetime

    from django.utils import timezone

    from forum import services
    from forum.models import Post, Reaction, ReadMarker, SpaceKind, Thread
    from tests.accounts.factories import UserFactory, official, state

    mx = state("MX")
    authors = [official(mx, username=f"bench-author-{n}") for n in range(20)]
    reader = official(mx, username="bench-reader")
    officials = services.space_upsert(slug="officials", kind=SpaceKind.OFFICIALS, title_en="Officials", questions=True)
    big = services.thread_create(
        user=authors[0], space=officials, title="Chain of custody, a long discussion", body="First post", language="es"
    )
    start = timezone.now() - datetime.timedelta(days=30)
    Post.objects.bulk_create(
        [
            Post(
                thread=big,
                number=n,
                author=authors[n % len(authors)],
                body=f"<p>Respuesta {n} sobre la <strong>cadena de custodia</strong> y sus actas.</p>" * 3,
                language=("es", "en", "pt", "fr")[n % 4],
                created_at=start + datetime.timedelta(minutes=n),
            )
            for n in range(2, POSTS + 1)
        ],
        batch_size=1000,
    )
    services.post_count_fix(thread=big)
    ids = list(Post.objects.filter(thread=big).values_list("pk", flat=True))
    Reaction.objects.bulk_create(
        [Reaction(post_id=pk, user=authors[i % len(authors)], kind="useful") for i, pk in enumerate(ids[::3])],
        batch_size=1000,
    )
    space = services.space_upsert(slug="mexico", kind=SpaceKind.STATE, state=mx, title_en="Mexico")
    nobody = UserFactory(username="bench-nobody")
    threads = Thread.objects.bulk_create(
        [
            Thread(
                space=space,
                title=f"Topic {n}",
                language="es",
                author=authors[n % len(authors)],
                post_count=1,
                last_post_at=start + datetime.timedelta(hours=n),
            )
            for n in range(THREADS)
        ]
    )
    Post.objects.bulk_create(
        [Post(thread=t, number=1, author=t.author, body="<p>Pregunta</p>", language="es") for t in threads],
        batch_size=1000,
    )
    for t in Thread.objects.filter(space=space):
        Thread.objects.filter(pk=t.pk).update(last_post_id=Post.objects.filter(thread=t).values("pk")[:1])
    ReadMarker.objects.bulk_create(
        [ReadMarker(user=reader, thread=t, last_read_post_id=0) for t in threads[::2]], batch_size=1000
    )
    big.refresh_from_db()
    return {"reader": reader, "thread": big, "space": space, "nobody": nobody}


def run() -> str:
    fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    loaded = _build()
    client = Client()
    client.force_login(loaded["reader"])
    thread_url = reverse("forum:thread", kwargs={"pk": loaded["thread"].pk})
    pages = loaded["thread"].post_count // 25
    measured = [
        ("thread of 5,000 posts, page 1", thread_url),
        (f"thread of 5,000 posts, page {pages // 2}", f"{thread_url}?page={pages // 2}"),
        (f"thread of 5,000 posts, page {pages} (the last)", f"{thread_url}?page={pages}"),
        ("space of 500 threads, page 1", reverse("forum:space", kwargs={"slug": "mexico"})),
        ("space of 500 threads, page 17 (the last)", reverse("forum:space", kwargs={"slug": "mexico"}) + "?page=17"),
        ("forum index", reverse("forum:index")),
    ]
    rows = [(label, measure_get(client, url, runs=RUNS)) for label, url in measured]
    load = os.getloadavg()[0]
    lines = [
        "## The forum",
        "",
        f"A thread of {POSTS:,} posts (a reaction on every third) and a state space of {THREADS} threads, read by a "
        "verified official through the test client (benchmarks/bench_forum.py). Pages are ranges of post numbers, "
        "so the last page costs what the first does. The forum index is the floor of any page of the site "
        f"(session, viewer, menu, notices); the machine's load average during the run was {load:.1f} on "
        f"{os.cpu_count()} cores.",
        "",
        "| page | queries | bytes | p50 | p95 | target |",
        "|---|---|---|---|---|---|",
    ]
    for label, figures in rows:
        lines.append(
            f"| {label} | {figures['queries']} | {figures['bytes']:,} | {figures['p50']:.0f} ms | "
            f"{figures['p95']:.0f} ms | p95 < 150 ms |"
        )
    return "\n".join(lines) + "\n"
