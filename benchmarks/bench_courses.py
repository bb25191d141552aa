"""Courses: "My learning" for a learner with 200 enrolments, and a course page with 50 lessons.

A throw-away PostgreSQL database is migrated and filled (200 published courses with two lessons each,
one course with 50 lessons); pages are requested through Django's test client in this process
(test settings, DEBUG off), many times after a warm-up. Reported: median and p95 in milliseconds,
SQL queries per request (counted with ``connection.execute_wrapper``), HTML size. For comparison
"My learning" is also measured with one enrolment: the query count must be the same.
Targets (docs/benchmarks.md): a course page at most 15 queries that do not grow with the
content, and as fast as the reference site's detail page (p50 74 ms with gunicorn under load).
"""

from __future__ import annotations

from benchmarks.util import django_setup, fresh_database, measure_get

DATABASE = "capacitas_bench_courses"
ENROLMENTS = 200
LESSONS = 50
RUNS = 30


def _page(parent, page):
    """Add a live page without revisions (fast enough to build hundreds on a busy machine)."""
    page.live = True
    parent.add_child(instance=page)
    return page


def _build():
    from django.utils import timezone

    from courses.models import CoursePage, Enrolment, EnrolmentStatus, LessonPage
    from courses.services import lesson_mark_done, self_paced_run
    from home.api import state_pages_ensure
    from tests.accounts.factories import official, state

    mx = state("MX")
    parent = state_pages_ensure(state=mx)["en"]
    learner, single = official(mx), official(mx)

    def course(n, title):
        return _page(
            parent,
            CoursePage(
                title=title,
                slug=f"bench-course-{n}",
                state=mx,
                summary="What the course covers.",
                discipline="police",
                level="basic",
                estimated_hours=6,
            ),
        )

    def lesson(course_page, slug, title="Lesson"):
        body = [{"type": "text", "value": "<p>" + "Text of the lesson. " * 40 + "</p>"}]
        return _page(course_page, LessonPage(title=title, slug=slug, body=body))

    courses = []
    for n in range(ENROLMENTS):
        page = course(n, f"Course {n}")
        lesson(page, f"c{n}-l1")
        lesson(page, f"c{n}-l2")
        courses.append(page)
    now = timezone.now()
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=learner,
                course=c,
                run=self_paced_run(course=c),
                status=EnrolmentStatus.ACTIVE,
                activated_at=now,
            )
            for c in courses
        ]
    )
    for page in courses[:50]:
        lesson_mark_done(user=learner, lesson=LessonPage.objects.child_of(page).first())
    Enrolment.objects.create(user=single, course=courses[0], run=self_paced_run(course=courses[0]), status="active")
    big = course(ENROLMENTS, "Fifty lessons")
    for n in range(LESSONS):
        lesson(big, f"big-{n}", f"Lesson {n + 1}")
    Enrolment.objects.create(user=learner, course=big, run=self_paced_run(course=big), status="active")
    return learner, single, big


def run() -> str:
    fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from home.api import home_pages_ensure

    call_command("migrate", verbosity=0)
    home_pages_ensure()
    learner, single, big = _build()
    client = Client()
    rows = []
    client.force_login(learner)
    many = measure_get(client, reverse("courses:my_learning"), runs=RUNS)
    rows.append((f'"My learning", {ENROLMENTS + 1} enrolments', many))
    client.force_login(single)
    one = measure_get(client, reverse("courses:my_learning"), runs=RUNS)
    rows.append(('"My learning", 1 enrolment', one))
    client.force_login(learner)
    course = measure_get(client, big.url, runs=RUNS)
    rows.append((f"course page, {LESSONS} lessons, enrolled learner", course))
    client.logout()
    anonymous = measure_get(client, big.url, runs=RUNS)
    rows.append((f"course page, {LESSONS} lessons, anonymous", anonymous))
    lines = [
        "## Courses",
        "",
        f"In-process Django test client (test settings, DEBUG off, PostgreSQL), {RUNS} requests after a warm-up.",
        "",
        "| page | p50 ms | p95 ms | SQL queries | HTML bytes |",
        "|---|---|---|---|---|",
    ]
    for label, f in rows:
        lines.append(f"| {label} | {f['p50']:.1f} | {f['p95']:.1f} | {f['queries']} | {f['bytes']:,} |")
    lines += [
        "",
        f'Queries on "My learning" do not grow with enrolments: {one["queries"]} with one, {many["queries"]} '
        f"with {ENROLMENTS + 1}. The course page runs {course['queries']} queries with {LESSONS} lessons "
        "(target: at most 15).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
