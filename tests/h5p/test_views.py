"""Playing safely: signed expiring URLs with the lesson's tier, safe file responses, the actor set by
the server, statements moving progress, saved state handed back."""

from __future__ import annotations

import json
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from h5p.models import H5PUserData
from h5p.services import package_import
from h5p.signing import grant_sign
from tests.accounts.factories import MemberStateFactory, official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory

from .conftest import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(h5p_frame):
    content, _ = package_import(data=sample("valid/true-false.h5p"))
    state = MemberStateFactory()
    course = CoursePageFactory(state=state, audience="state")
    lesson = LessonPageFactory(parent=course, h5p_content=content, pass_mark=80)
    learner = official(state)
    EnrolmentFactory(user=learner, course=course)
    return {"content": content, "course": course, "lesson": lesson, "learner": learner, "state": state}


def token_for(user, setup) -> str:
    return grant_sign(user=user, lesson_id=setup["lesson"].pk, content_id=setup["content"].pk)


def test_player_document_and_files_for_a_valid_grant(setup, client):
    token = token_for(setup["learner"], setup)
    response = client.get(reverse("h5p:player", args=[token]))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "frame-src 'none'" in csp
    options = json.loads(
        response.content.decode().split('id="h5p-options" type="application/json">')[1].split("</script>")[0]
    )
    assert options["h5pJsonPath"] == f"/h5p/files/{token}"
    assert options["frameJs"].endswith("h5p-standalone/frame.bundle.js")
    assert options["xAPIObjectIRI"].endswith(f"/h5p/activities/{setup['lesson'].pk}/{setup['content'].pk}/")
    assert "user" not in options

    h5p_json = client.get(f"/h5p/files/{token}/h5p.json")
    assert h5p_json.status_code == 200 and h5p_json.json()["mainLibrary"] == "H5P.TrueFalse"
    for header, value in [("X-Content-Type-Options", "nosniff"), ("Access-Control-Allow-Origin", "*")]:
        assert h5p_json[header] == value
    assert (
        "sandbox" in h5p_json["Content-Security-Policy"] and "default-src 'none'" in h5p_json["Content-Security-Policy"]
    )
    script = client.get(f"/h5p/files/{token}/libraries/H5P.TrueFalse-1.6/scripts/h5p-true-false.js")
    assert script.status_code == 200 and script["Content-Type"].startswith("text/javascript")
    assert client.get(f"/h5p/files/{token}/content/content.json").status_code == 200


def test_svg_and_unknown_types_cannot_run_on_the_site(setup, client):
    token = token_for(setup["learner"], setup)
    svg = client.get(f"/h5p/files/{token}/libraries/FontAwesome-4.5/fontawesome-webfont.svg")
    assert svg.status_code == 200
    assert "sandbox" in svg["Content-Security-Policy"] and svg["X-Content-Type-Options"] == "nosniff"


def test_missing_and_traversing_paths_are_404(setup, client):
    token = token_for(setup["learner"], setup)
    for path in [
        "content/nothing.json",
        "libraries/H5P.TrueFalse-1.6/../../../lms/settings/base.py",
        "libraries/H5P.Absent-1.0/library.json",
        "libraries/H5P.TrueFalse-1.6/",
        "secret.txt",
    ]:
        assert client.get(f"/h5p/files/{token}/{path}").status_code == 404, path


def test_tampered_and_expired_urls_are_refused(setup, client):
    token = token_for(setup["learner"], setup)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/h5p/files/{tampered}/h5p.json").status_code == 403
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 5 * 60 * 60):
        old = token_for(setup["learner"], setup)
    response = client.get(f"/h5p/files/{old}/h5p.json")
    assert response.status_code == 403 and "expired" in response.content.decode()
    assert client.get(reverse("h5p:player", args=[old])).status_code == 403


def test_another_states_official_gets_403(setup, client):
    outsider = official(MemberStateFactory())
    token = token_for(outsider, setup)
    assert client.get(reverse("h5p:player", args=[token])).status_code == 403
    assert client.get(f"/h5p/files/{token}/h5p.json").status_code == 403
    anonymous = grant_sign(user=None, lesson_id=setup["lesson"].pk, content_id=setup["content"].pk)
    assert client.get(f"/h5p/files/{anonymous}/h5p.json").status_code == 403


def statement_for(setup, **overrides) -> dict:
    iri = f"http://testserver/h5p/activities/{setup['lesson'].pk}/{setup['content'].pk}/"
    statement = {
        "actor": {"objectType": "Agent", "name": "Mallory", "mbox": "mailto:mallory@evil.example"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {"objectType": "Activity", "id": iri, "definition": {"name": {"en-US": "Hello World"}}},
        "result": {
            "score": {"min": 0, "max": 1, "raw": 1, "scaled": 1},
            "completion": True,
            "success": True,
            "response": "true",
        },
    }
    statement.update(overrides)
    return statement


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_statement_actor_is_set_by_the_server_and_progress_moves(setup, client):
    from courses.models import ActivityResult
    from xapi.models import Statement

    client.force_login(setup["learner"])
    url = reverse("h5p:statement", args=[setup["lesson"].pk, setup["content"].pk])
    response = post(client, url, statement_for(setup))
    assert response.status_code == 201, response.content
    stored = Statement.objects.get()
    assert "mallory" not in json.dumps(stored.data["actor"])
    result = ActivityResult.objects.get(user=setup["learner"], lesson=setup["lesson"])
    assert result.satisfied and result.score_scaled == 1.0


def test_statement_about_another_activity_is_refused(setup, client):
    client.force_login(setup["learner"])
    url = reverse("h5p:statement", args=[setup["lesson"].pk, setup["content"].pk])
    body = statement_for(setup, object={"objectType": "Activity", "id": "http://elsewhere.example/activity"})
    assert post(client, url, body).status_code == 400


def test_invalid_statement_is_400_and_stores_nothing(setup, client):
    from courses.models import ActivityResult
    from xapi.models import Statement

    client.force_login(setup["learner"])
    url = reverse("h5p:statement", args=[setup["lesson"].pk, setup["content"].pk])
    body = statement_for(setup, result={"score": {"scaled": 5}, "completion": True})
    assert post(client, url, body).status_code == 400
    assert post(client, url, statement_for(setup, verb={"id": "not an iri"})).status_code == 400
    assert not Statement.objects.exists() and not ActivityResult.objects.exists()


def test_statements_need_a_session_csrf_and_access(setup):
    url = reverse("h5p:statement", args=[setup["lesson"].pk, setup["content"].pk])
    anonymous = Client()
    assert post(anonymous, url, statement_for(setup)).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(setup["learner"])
    assert post(strict, url, statement_for(setup)).status_code == 403
    outsider = Client()
    outsider.force_login(official(MemberStateFactory()))
    assert post(outsider, url, statement_for(setup)).status_code == 403


def test_state_is_saved_and_handed_back(setup, client):
    client.force_login(setup["learner"])
    url = reverse("h5p:state", args=[setup["lesson"].pk, setup["content"].pk])
    assert post(client, url, {"state": '{"answer": true}'}).status_code == 200
    assert H5PUserData.objects.get().data == '{"answer": true}'
    response = client.get(reverse("h5p:player", args=[token_for(setup["learner"], setup)]))
    assert "contentUserData" in response.content.decode() and "answer" in response.content.decode()
    assert post(client, url, {"state": 5}).status_code == 400


def test_block_renders_a_sandboxed_iframe_without_same_origin(setup):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = setup["learner"]
    block = setup["lesson"].body[1]
    html = render_to_string(
        "h5p/blocks/h5p_activity.html", {"value": block.value, "page": setup["lesson"], "request": request}
    )
    assert 'sandbox="allow-scripts"' in html and "allow-same-origin" not in html
    assert "/h5p/play/" in html and "data-csrf-token" in html
