"""The plan's pages: who sees what, bad input, the admin, and query counts that do not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan import services
from plan.models import Activity, Measure, WorkPlan
from tests.accounts.factories import sign_in_with_mfa
from tests.plan.factories import MeasureFactory, ObjectiveFactory, activity_data, work_plan_in

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries.captured_queries)


def test_the_plan_is_public_and_its_queries_do_not_grow(client, people):
    objective = ObjectiveFactory(title_en="Train officials", title_es="Capacitar a funcionarios")
    MeasureFactory(objective=objective, text_en="Exchange instructors", text_es="")
    work_plan_in("published", people)
    first = _count(client, reverse("plan:index"))
    for _n in range(4):
        more = ObjectiveFactory()
        for _m in range(3):
            MeasureFactory(objective=more)
    work_plan_in("published", people)
    assert _count(client, reverse("plan:index")) == first
    page = client.get("/es/plan/").content.decode()
    assert "Capacitar a funcionarios" in page
    assert "Exchange instructors" in page  # no Spanish text: English instead


def test_a_published_work_plans_queries_do_not_grow_with_its_activities(client, people):
    work_plan = work_plan_in("published", people)
    url = reverse("plan:work_plan", kwargs={"pk": work_plan.pk})
    first = _count(client, url)
    for n in range(6):
        activity = Activity.objects.create(
            work_plan=work_plan,
            number=10 + n,
            title_en=f"Course {n}",
            starts_on=datetime.date(work_plan.start_year, 2, 1),
            ends_on=datetime.date(work_plan.start_year, 3, 1),
            expected_results="Done",
        )
        activity.measures.set([MeasureFactory(), MeasureFactory()])
        activity.responsible_states.set([people["mx"], people["co"]])
    assert _count(client, url) == first


def test_the_secretariats_work_plan_page_and_reports_page_do_not_grow(client, people):
    work_plan = work_plan_in("consultation", people)
    sign_in_with_mfa(client, people["secretariat"])
    url = reverse("plan:work_plan", kwargs={"pk": work_plan.pk})
    first = _count(client, url)
    services.position_record(
        user=people["coordinator_mx"],
        work_plan=work_plan,
        state=people["mx"],
        position="approve_with_comments",
        activity_comments={work_plan.activities.get().pk: "Add a session in English."},
    )
    services.work_plan_reopen(user=people["secretariat"], work_plan=work_plan)
    services.work_plan_send(user=people["secretariat"], work_plan=work_plan, note="Shorter")
    assert _count(client, url) <= first + 1  # the reopen and send lines of the log are one query
    reports = _count(client, reverse("plan:reports"))
    for code in ("MX",):
        services.report_start(user=people["coordinator_mx"], state=people[code.lower()], period_key="2026-S1")
    assert _count(client, reverse("plan:reports")) == reports


def test_the_whole_path_through_the_pages(client, people):
    sec, sec2 = people["secretariat"], people["secretariat_2"]
    measure = MeasureFactory()
    sign_in_with_mfa(client, sec)
    response = client.post(reverse("plan:work_plan_create"), {"start_year": 2060, "title_en": "Work plan 2060"})
    work_plan = WorkPlan.objects.get(start_year=2060)
    assert response["Location"] == reverse("plan:work_plan", kwargs={"pk": work_plan.pk})
    response = client.post(
        reverse("plan:activity_create", kwargs={"pk": work_plan.pk}),
        {
            "title_en": "Regional course",
            "measures": [measure.pk],
            "states": [people["mx"].pk],
            "starts_on": "2060-02-01",
            "ends_on": "2060-05-01",
            "expected_results": "Fifty officials trained",
        },
    )
    assert response.status_code == 302
    assert client.post(reverse("plan:work_plan_send", kwargs={"pk": work_plan.pk})).status_code == 302
    client.logout()
    sign_in_with_mfa(client, people["coordinator_mx"])
    activity = work_plan.activities.get()
    form = client.get(reverse("plan:position", kwargs={"pk": work_plan.pk, "code": "MX"}))
    assert f'name="activity-{activity.pk}"' in form.content.decode()
    response = client.post(
        reverse("plan:position", kwargs={"pk": work_plan.pk, "code": "MX"}),
        {"position": "approve_with_comments", f"activity-{activity.pk}": "Also in English"},
    )
    assert response.status_code == 302
    client.logout()
    sign_in_with_mfa(client, sec2)
    assert client.post(reverse("plan:work_plan_approve", kwargs={"pk": work_plan.pk})).status_code == 302
    assert client.post(reverse("plan:work_plan_publish", kwargs={"pk": work_plan.pk})).status_code == 302
    client.logout()
    page = client.get(reverse("plan:work_plan", kwargs={"pk": work_plan.pk})).content.decode()
    assert "Regional course" in page and "Published" in page
    assert "Also in English" not in page  # positions are for the secretariat and the coordinators


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"start_year": "abc", "title_en": "x"}, 400, "Enter a whole number"),
        ({"start_year": 2061, "title_en": ""}, 400, "This field is required"),
    ],
)
def test_bad_work_plan_input_is_a_400_with_a_message(client, people, data, status, message):
    sign_in_with_mfa(client, people["secretariat"])
    response = client.post(reverse("plan:work_plan_create"), data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not WorkPlan.objects.exists()


def test_an_overlapping_period_is_a_409_in_the_users_language(client, people):
    work_plan_in("draft", people)
    existing = WorkPlan.objects.get()
    sign_in_with_mfa(client, people["secretariat"])
    response = client.post("/es/plan/work-plans/new/", {"start_year": existing.start_year + 1, "title_en": "Otro"})
    assert response.status_code == 409
    assert "se superpone" in response.content.decode()
    assert WorkPlan.objects.count() == 1


def test_an_activity_for_a_measure_that_does_not_exist_changes_nothing(client, people):
    work_plan = work_plan_in("draft", people)
    sign_in_with_mfa(client, people["secretariat"])
    data = activity_data(work_plan, [])
    data.update(measures=[99999999], starts_on=data["starts_on"].isoformat(), ends_on=data["ends_on"].isoformat())
    response = client.post(reverse("plan:activity_create", kwargs={"pk": work_plan.pk}), data)
    assert response.status_code == 400
    assert Activity.objects.filter(work_plan=work_plan).count() == 1


def test_the_admin_of_the_plan_is_the_secretariats(client, people):
    from accounts.services import secretariat_group_ensure

    secretariat_group_ensure()  # the Secretariat group's access to the admin
    url = "/admin/snippets/plan/measure/"
    sign_in_with_mfa(client, people["coordinator_mx"])
    assert client.get(url).status_code in (302, 403)
    client.logout()
    sign_in_with_mfa(client, people["secretariat"])
    assert client.get(url).status_code == 200
    objective = ObjectiveFactory()
    response = client.post(
        "/admin/snippets/plan/measure/add/",
        {
            "objective": objective.pk,
            "code": "7.1",
            "order": 0,
            "section": "training",
            "priority": "high",
            "training": "on",
            "text_en": "Exchange curricula",
            "text_es": "Intercambiar planes de estudio",
            "text_pt": "",
            "text_fr": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Measure.objects.get(code="7.1").training


def test_similar_work_is_shown_when_the_secretariat_adds_an_activity(client, people):
    work_plan_in("published", people)  # "Regional course on chain of custody"
    draft = WorkPlan.objects.create(start_year=2070, title_en="Next", created_by=people["secretariat"])
    sign_in_with_mfa(client, people["secretariat"])
    page = client.get(reverse("plan:activity_create", kwargs={"pk": draft.pk}), {"title": "Chain of custody"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Similar work that already exists" in text
    assert "Regional course on chain of custody" in text


def test_similar_curricula_and_courses_come_from_search_within_the_readers_access(client, people):
    from search.api import SearchDocument, index_documents

    mx = people["mx"]

    def document(object_id, title, audience, kind="curriculum"):
        return SearchDocument(
            kind=kind,
            object_id=object_id,
            title=title,
            url=f"/es/{kind}/{object_id}/",
            language="es",
            audience=audience,
            state_id=mx.pk,
            state_code=mx.code,
            subregion=mx.subregion,
            summary="Cadena de custodia de evidencias forenses.",
        )

    index_documents(
        [
            document(1, "Cadena de custodia para peritos", "public"),
            document(2, "Cadena de custodia: protocolo interno", "state", kind="course"),
        ]
    )
    sign_in_with_mfa(client, people["coordinator_co"])  # an official of Colombia
    page = client.get(reverse("plan:similar"), {"q": "cadena de custodia"}).content.decode()
    assert "Cadena de custodia para peritos" in page
    assert "protocolo interno" not in page  # Mexico's own officials only
    client.logout()
    assert client.get(reverse("plan:similar"), {"q": "custodia"}).status_code == 302  # sign in first
