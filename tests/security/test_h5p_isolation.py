"""H5P isolation as an attacker meets it: the player and its files are sandboxed (opaque origin,
even opened top-level, refusals included), a grant works only with the session it was made for,
and the lesson page's endpoints accept statements and state only for content placed in the lesson,
parsed as untrusted JSON."""

from __future__ import annotations

import json
import tempfile

from django.test import Client, TestCase, override_settings
from django.urls import reverse

from h5p.models import H5PUserData
from h5p.services import package_import
from h5p.signing import GRANTS
from tests.accounts.factories import MemberStateFactory, official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory
from tests.h5p.conftest import frame_after_flush, sample

SANDBOX = "sandbox allow-scripts"


def post(client, url, body: bytes | str):
    return client.post(url, data=body, content_type="application/json")


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="capacitas-h5p-isolation-"))
class H5PIsolationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        frame_after_flush()
        cls.content, _ = package_import(data=sample("valid/true-false.h5p"))
        cls.other_content, _ = package_import(data=sample("valid/greetingcard1.h5p"))
        cls.state = MemberStateFactory()
        cls.course = CoursePageFactory(state=cls.state, audience="state")
        cls.lesson = LessonPageFactory(parent=cls.course, h5p_content=cls.content, pass_mark=80)
        cls.learner = official(cls.state)
        EnrolmentFactory(user=cls.learner, course=cls.course)

    def signed_in(self) -> tuple[Client, str]:
        """A client signed in as the learner, and the grant its lesson page would make."""
        client = Client()
        client.force_login(self.learner)
        token = GRANTS.sign(
            user=self.learner,
            session_key=client.session.session_key,
            lesson_id=self.lesson.pk,
            object_id=self.content.pk,
        )
        return client, token

    def assert_sandboxed(self, response, status: int):
        assert response.status_code == status, response.content
        assert SANDBOX in response["Content-Security-Policy"]
        assert "allow-same-origin" not in response["Content-Security-Policy"]

    def test_player_and_file_responses_are_sandboxed_errors_included(self):
        client, token = self.signed_in()
        self.assert_sandboxed(client.get(reverse("h5p:player", args=[token])), 200)
        self.assert_sandboxed(client.get(f"/h5p/files/{token}/{self.content.content_hash}/h5p.json"), 200)
        self.assert_sandboxed(client.get(f"/h5p/files/{token}/{self.content.content_hash}/content/content.json"), 200)
        self.assert_sandboxed(client.get(f"/h5p/files/{token}/{self.content.content_hash}/content/absent.json"), 404)
        self.assert_sandboxed(
            client.get(f"/h5p/files/{token}/{self.content.content_hash}/libraries/../../etc/passwd"), 404
        )
        self.assert_sandboxed(client.get(f"/h5p/files/{token[:-3]}xyz/{self.content.content_hash}/h5p.json"), 403)
        self.assert_sandboxed(client.get(reverse("h5p:player", args=["forged"])), 403)
        self.assert_sandboxed(client.post(reverse("h5p:player", args=[token])), 405)

    def test_file_urls_are_stable_and_cached_privately(self):
        client, token = self.signed_in()
        again = GRANTS.sign(
            user=self.learner,
            session_key=client.session.session_key,
            lesson_id=self.lesson.pk,
            object_id=self.content.pk,
        )
        assert again == token
        response = client.get(f"/h5p/files/{token}/{self.content.content_hash}/content/content.json")
        assert response["Cache-Control"] == "private, max-age=31536000, immutable"
        # The address holds the package's hash: another hash under a valid grant finds nothing.
        other = self.other_content.content_hash
        self.assert_sandboxed(client.get(f"/h5p/files/{token}/{other}/content/content.json"), 404)

    def test_grant_of_session_a_is_refused_in_session_b_and_anonymously(self):
        _client_a, token = self.signed_in()
        session_b = Client()
        session_b.force_login(self.learner)  # the same user, another session (a leaked URL)
        self.assert_sandboxed(session_b.get(reverse("h5p:player", args=[token])), 403)
        self.assert_sandboxed(session_b.get(f"/h5p/files/{token}/{self.content.content_hash}/h5p.json"), 403)
        self.assert_sandboxed(Client().get(reverse("h5p:player", args=[token])), 403)
        intruder = Client()
        intruder.force_login(official(self.state))
        self.assert_sandboxed(intruder.get(reverse("h5p:player", args=[token])), 403)

    def test_grant_for_content_not_in_the_lesson_is_refused(self):
        client, _token = self.signed_in()
        token = GRANTS.sign(
            user=self.learner,
            session_key=client.session.session_key,
            lesson_id=self.lesson.pk,
            object_id=self.other_content.pk,
        )
        self.assert_sandboxed(client.get(reverse("h5p:player", args=[token])), 404)

    def statement_body(self, content_id: int) -> str:
        iri = f"http://testserver/h5p/activities/{self.lesson.pk}/{content_id}/"
        return json.dumps(
            {
                "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
                "object": {"objectType": "Activity", "id": iri},
                "result": {"score": {"min": 0, "max": 1, "raw": 1, "scaled": 1}, "completion": True, "success": True},
            }
        )

    def test_statement_and_state_for_content_not_in_the_lesson_are_refused(self):
        from courses.models import ActivityResult
        from xapi.models import Statement

        client, _token = self.signed_in()
        url = reverse("h5p:statement", args=[self.lesson.pk, self.other_content.pk])
        assert post(client, url, self.statement_body(self.other_content.pk)).status_code == 403
        state_url = reverse("h5p:state", args=[self.lesson.pk, self.other_content.pk])
        assert post(client, state_url, json.dumps({"state": "{}"})).status_code == 403
        assert not Statement.objects.exists() and not ActivityResult.objects.exists()
        assert not H5PUserData.objects.exists()
        # The content that is in the lesson is accepted and stored with the object the server expects.
        url = reverse("h5p:statement", args=[self.lesson.pk, self.content.pk])
        assert post(client, url, self.statement_body(self.content.pk)).status_code == 201
        stored = Statement.objects.get()
        assert stored.data["object"]["id"].endswith(f"/h5p/activities/{self.lesson.pk}/{self.content.pk}/")

    def test_deep_nan_and_surrogate_bodies_are_400_and_store_nothing(self):
        from xapi.models import Statement

        client, _token = self.signed_in()
        statement_url = reverse("h5p:statement", args=[self.lesson.pk, self.content.pk])
        state_url = reverse("h5p:state", args=[self.lesson.pk, self.content.pk])
        bodies = [
            "[" * 5000 + "]" * 5000,
            '{"verb": NaN}',
            '{"state": 1e999}',
            '{"state": "\\ud800"}',
            b'{"state": "\xff"}',
        ]
        for url in (statement_url, state_url):
            for body in bodies:
                response = post(client, url, body)
                assert response.status_code == 400, (url, body[:20])
                assert response.json()["error"]
        assert not Statement.objects.exists() and not H5PUserData.objects.exists()
