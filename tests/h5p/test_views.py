"""Playing safely: session-bound grants with the lesson's tier, safe file responses, the actor set by
the server, statements moving progress, saved state handed back."""

from __future__ import annotations

import json
import tempfile
import time

from django.conf import settings
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from h5p.models import H5PUserData
from h5p.services import package_import
from h5p.signing import GRANTS
from tests.accounts.factories import MemberStateFactory, official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory

from .conftest import frame_after_flush, sample


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="capacitas-h5p-views-"))
class PlayerTests(TestCase):
    """One course, lesson and package for the whole class (page trees in four languages are slow)."""

    @classmethod
    def setUpTestData(cls):
        frame_after_flush()
        cls.content, _ = package_import(data=sample("valid/true-false.h5p"))
        cls.state = MemberStateFactory()
        cls.course = CoursePageFactory(state=cls.state, audience="state")
        cls.lesson = LessonPageFactory(parent=cls.course, h5p_content=cls.content, pass_mark=80)
        cls.learner = official(cls.state)
        EnrolmentFactory(user=cls.learner, course=cls.course)

    def token_for(self, user, now: float | None = None) -> str:
        """A grant of the test client's session, signed in as ``user`` (as the lesson page makes it)."""
        self.client.force_login(user)
        return GRANTS.sign(
            user=user,
            session_key=self.client.session.session_key,
            lesson_id=self.lesson.pk,
            object_id=self.content.pk,
            now=now,
        )

    def statement(self, **overrides) -> dict:
        iri = f"http://testserver/h5p/activities/{self.lesson.pk}/{self.content.pk}/"
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

    def test_player_document_and_files_for_a_valid_grant(self):
        token = self.token_for(self.learner)
        response = self.client.get(reverse("h5p:player", args=[token]))
        assert response.status_code == 200
        csp = response["Content-Security-Policy"]
        assert "script-src 'self' blob:;" in csp and "frame-src 'none'" in csp
        options = json.loads(
            response.content.decode().split('id="h5p-options" type="application/json">')[1].split("</script>")[0]
        )
        assert options["h5pJsonPath"] == f"/h5p/files/{token}/{self.content.content_hash}"
        assert options["frameJs"].endswith("h5p-standalone/frame.bundle.js")
        assert options["xAPIObjectIRI"].endswith(f"/h5p/activities/{self.lesson.pk}/{self.content.pk}/")
        assert "user" not in options

        h5p_json = self.client.get(f"/h5p/files/{token}/{self.content.content_hash}/h5p.json")
        assert h5p_json.status_code == 200 and h5p_json.json()["mainLibrary"] == "H5P.TrueFalse"
        for header, value in [("X-Content-Type-Options", "nosniff"), ("Access-Control-Allow-Origin", "*")]:
            assert h5p_json[header] == value
        assert (
            "sandbox" in h5p_json["Content-Security-Policy"]
            and "default-src 'none'" in h5p_json["Content-Security-Policy"]
        )
        script = self.client.get(
            f"/h5p/files/{token}/{self.content.content_hash}/libraries/H5P.TrueFalse-1.6/scripts/h5p-true-false.js"
        )
        assert script.status_code == 200 and script["Content-Type"].startswith("text/javascript")
        assert (
            self.client.get(f"/h5p/files/{token}/{self.content.content_hash}/content/content.json").status_code == 200
        )

    def test_svg_and_unknown_types_cannot_run_on_the_site(self):
        token = self.token_for(self.learner)
        svg = self.client.get(
            f"/h5p/files/{token}/{self.content.content_hash}/libraries/FontAwesome-4.5/fontawesome-webfont.svg"
        )
        assert svg.status_code == 200
        assert "sandbox" in svg["Content-Security-Policy"] and svg["X-Content-Type-Options"] == "nosniff"

    def test_missing_and_traversing_paths_are_404(self):
        token = self.token_for(self.learner)
        for path in [
            "content/nothing.json",
            "libraries/H5P.TrueFalse-1.6/../../../lms/settings/base.py",
            "libraries/H5P.Absent-1.0/library.json",
            "libraries/H5P.TrueFalse-1.6/",
            "secret.txt",
        ]:
            assert self.client.get(f"/h5p/files/{token}/{self.content.content_hash}/{path}").status_code == 404, path

    def test_tampered_and_expired_urls_are_refused(self):
        token = self.token_for(self.learner)
        tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        assert self.client.get(f"/h5p/files/{tampered}/{self.content.content_hash}/h5p.json").status_code == 403
        old = self.token_for(self.learner, now=time.time() - 2 * settings.H5P_GRANT_PERIOD - 1)
        response = self.client.get(f"/h5p/files/{old}/{self.content.content_hash}/h5p.json")
        assert response.status_code == 403 and "expired" in response.content.decode()
        assert self.client.get(reverse("h5p:player", args=[old])).status_code == 403

    def test_another_states_official_gets_403(self):
        outsider = official(MemberStateFactory())
        token = self.token_for(outsider)
        assert self.client.get(reverse("h5p:player", args=[token])).status_code == 403
        assert self.client.get(f"/h5p/files/{token}/{self.content.content_hash}/h5p.json").status_code == 403

    def test_statement_actor_is_set_by_the_server_and_progress_moves(self):
        from courses.models import ActivityResult
        from xapi.models import Statement

        self.client.force_login(self.learner)
        url = reverse("h5p:statement", args=[self.lesson.pk, self.content.pk])
        response = post(self.client, url, self.statement())
        assert response.status_code == 201, response.content
        stored = Statement.objects.get()
        assert "mallory" not in json.dumps(stored.data["actor"])
        result = ActivityResult.objects.get(user=self.learner, lesson=self.lesson)
        assert result.satisfied and result.score_scaled == 1.0

    def test_statement_about_another_activity_is_refused(self):
        self.client.force_login(self.learner)
        url = reverse("h5p:statement", args=[self.lesson.pk, self.content.pk])
        body = self.statement(object={"objectType": "Activity", "id": "http://elsewhere.example/activity"})
        assert post(self.client, url, body).status_code == 400

    def test_invalid_statement_is_400_and_stores_nothing(self):
        from courses.models import ActivityResult
        from xapi.models import Statement

        self.client.force_login(self.learner)
        url = reverse("h5p:statement", args=[self.lesson.pk, self.content.pk])
        body = self.statement(result={"score": {"scaled": 5}, "completion": True})
        assert post(self.client, url, body).status_code == 400
        assert post(self.client, url, self.statement(verb={"id": "not an iri"})).status_code == 400
        assert not Statement.objects.exists() and not ActivityResult.objects.exists()

    def test_statements_need_a_session_csrf_and_access(self):
        url = reverse("h5p:statement", args=[self.lesson.pk, self.content.pk])
        anonymous = Client()
        assert post(anonymous, url, self.statement()).status_code == 403
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.learner)
        assert post(strict, url, self.statement()).status_code == 403
        outsider = Client()
        outsider.force_login(official(MemberStateFactory()))
        assert post(outsider, url, self.statement()).status_code == 403

    def test_state_is_saved_and_handed_back(self):
        self.client.force_login(self.learner)
        url = reverse("h5p:state", args=[self.lesson.pk, self.content.pk])
        assert post(self.client, url, {"state": '{"answer": true}'}).status_code == 200
        assert H5PUserData.objects.get().data == '{"answer": true}'
        response = self.client.get(reverse("h5p:player", args=[self.token_for(self.learner)]))
        assert "contentUserData" in response.content.decode() and "answer" in response.content.decode()
        assert post(self.client, url, {"state": 5}).status_code == 400

    def test_block_renders_a_sandboxed_iframe_without_same_origin(self):
        from django.contrib.sessions.backends.db import SessionStore
        from django.template.loader import render_to_string
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = self.learner
        request.session = SessionStore()
        block = self.lesson.body[1]
        html = render_to_string(
            "h5p/blocks/h5p_activity.html", {"value": block.value, "page": self.lesson, "request": request}
        )
        assert 'sandbox="allow-scripts"' in html and "allow-same-origin" not in html
        assert "/h5p/play/" in html and "data-csrf-token" in html
