"""SCORM isolation as an attacker meets it: the SCO's documents and files are sandboxed (opaque
origin, even opened top-level, refusals included), a grant works only with the session it was made
for and for a package placed in a lesson the learner may see, files outside the package are never
served, and the lesson page's commit endpoint writes only the signed-in learner's own attempt at a
package placed in that lesson, parsed as untrusted JSON."""

from __future__ import annotations

import json
import tempfile

from django.test import Client, TestCase, override_settings
from django.urls import reverse

from scorm.models import ScormAttempt, ScormScoData
from scorm.services import package_import
from scorm.signing import GRANTS
from tests.accounts.factories import MemberStateFactory, official
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory
from tests.h5p.conftest import frame_after_flush
from tests.scorm.conftest import sample

SANDBOX = "sandbox allow-scripts"


def post(client, url, body):
    return client.post(
        url, data=body if isinstance(body, str | bytes) else json.dumps(body), content_type="application/json"
    )


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="capacitas-scorm-isolation-"))
class ScormIsolationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        frame_after_flush()
        cls.package, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"))
        cls.other, _ = package_import(data=sample("valid/ContentPackagingSingleSCO_SCORM12.zip"))
        cls.state = MemberStateFactory()
        cls.course = CoursePageFactory(state=cls.state, audience="state")
        cls.lesson = LessonPageFactory(parent=cls.course, scorm_package=cls.package)
        cls.learner = official(cls.state)
        EnrolmentFactory(user=cls.learner, course=cls.course)
        cls.stranger = official(MemberStateFactory())

    def signed_in(self, user=None, package=None) -> tuple[Client, str]:
        client = Client()
        client.force_login(user or self.learner)
        token = GRANTS.sign(
            user=user or self.learner,
            session_key=client.session.session_key,
            lesson_id=self.lesson.pk,
            object_id=(package or self.package).pk,
        )
        return client, token

    def assert_sandboxed(self, response, status: int):
        assert response.status_code == status, response.content[:300]
        policy = response["Content-Security-Policy"]
        assert SANDBOX in policy and "allow-same-origin" not in policy
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_every_response_is_sandboxed_refusals_included(self):
        client, token = self.signed_in()
        launch = client.get(reverse("scorm:launch", args=[token, "item_1"]))
        self.assert_sandboxed(launch, 200)
        assert b"capacitas-scorm-runtime" in launch.content and b"scorm12.min.js" in launch.content
        self.assert_sandboxed(client.get(reverse("scorm:file", args=[token, "shared/style.css"])), 200)
        self.assert_sandboxed(client.get(reverse("scorm:file", args=[token, "shared/launchpage.html"])), 200)
        self.assert_sandboxed(client.get(reverse("scorm:file", args=[token, "missing.html"])), 404)
        self.assert_sandboxed(client.get(reverse("scorm:launch", args=[token, "no-such-item"])), 404)
        self.assert_sandboxed(client.get(reverse("scorm:launch", args=["forged", "item_1"])), 403)
        self.assert_sandboxed(client.post(reverse("scorm:launch", args=[token, "item_1"])), 405)

    def test_a_grant_works_only_with_its_session(self):
        _client, token = self.signed_in()
        thief = Client()
        thief.force_login(self.learner)  # the same user, another session
        self.assert_sandboxed(thief.get(reverse("scorm:launch", args=[token, "item_1"])), 403)
        self.assert_sandboxed(thief.get(reverse("scorm:file", args=[token, "shared/style.css"])), 403)
        # Without any cookie (the opaque origin's own requests) the grant alone opens files, not the launch.
        anonymous = Client()
        self.assert_sandboxed(anonymous.get(reverse("scorm:file", args=[token, "shared/style.css"])), 200)
        self.assert_sandboxed(anonymous.get(reverse("scorm:launch", args=[token, "item_1"])), 403)

    def test_a_grant_for_a_package_not_in_the_lesson_is_refused(self):
        client, token = self.signed_in(package=self.other)
        self.assert_sandboxed(client.get(reverse("scorm:file", args=[token, "shared/style.css"])), 404)

    def test_a_grant_of_someone_who_may_not_see_the_lesson_is_refused(self):
        client, token = self.signed_in(user=self.stranger)
        self.assert_sandboxed(client.get(reverse("scorm:launch", args=[token, "item_1"])), 403)

    def test_paths_outside_the_package_are_never_served(self):
        client, token = self.signed_in()
        for path in ("../../etc/passwd", "shared/../imsmanifest.xml", "shared/./style.css", "/etc/passwd"):
            response = client.get(f"/scorm/files/{token}/{path}")
            assert response.status_code in (403, 404), path
        other_prefix = f"../{self.other.content_hash}/shared/style.css"
        assert client.get(f"/scorm/files/{token}/{other_prefix}").status_code == 404

    def test_the_launch_document_keeps_the_sco_in_its_frame(self):
        client, token = self.signed_in()
        response = client.get(reverse("scorm:launch", args=[token, "item_1"]))
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in policy and "form-action 'none'" in policy
        assert "connect-src 'self'" in policy
        assert response["X-Frame-Options"] == "SAMEORIGIN"

    def test_commits_write_only_the_signed_in_learners_attempt(self):
        client, _token = self.signed_in()
        url = reverse("scorm:commit", args=[self.lesson.pk, self.package.pk])
        body = {"item": "item_1", "launch": "abcdef0123456789", "cmi": {"core": {"lesson_location": "2"}}}
        assert post(client, url, {**body, "user": self.stranger.pk}).status_code == 200
        assert ScormAttempt.objects.get().user_id == self.learner.pk
        stranger, _ = self.signed_in(user=self.stranger)
        assert post(stranger, url, body).status_code == 403
        assert post(Client(), url, body).status_code == 403
        assert ScormScoData.objects.count() == 1

    def test_commits_for_a_package_not_in_the_lesson_are_refused(self):
        client, _token = self.signed_in()
        url = reverse("scorm:commit", args=[self.lesson.pk, self.other.pk])
        body = {"item": "item_1", "launch": "abcdef0123456789", "cmi": {}}
        assert post(client, url, body).status_code == 403
        assert not ScormAttempt.objects.exists()

    def test_hostile_bodies_are_refused_with_a_reason_and_store_nothing(self):
        client, _token = self.signed_in()
        url = reverse("scorm:commit", args=[self.lesson.pk, self.package.pk])
        for body in (
            b"{not json",
            b"[]",
            b'{"item": "item_1", "cmi": {"core": {"score": {"raw": NaN}}}, "launch": "abcdef0123456789"}',
            "[" * 5000 + "]" * 5000,
            json.dumps({"item": "item_1", "launch": "abcdef0123456789", "cmi": {"suspend_data": "x" * 70000}}),
            json.dumps({"item": "item_1", "launch": "abcdef0123456789", "cmi": {"core": {"lesson_status": "hacked"}}}),
            json.dumps({"item": "../../x", "launch": "abcdef0123456789", "cmi": {}}),
        ):
            response = post(client, url, body)
            assert response.status_code == 400, body[:80]
            assert response.json()["error"]
        assert not ScormScoData.objects.exists()

    def test_commits_need_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.learner)
        url = reverse("scorm:commit", args=[self.lesson.pk, self.package.pk])
        assert post(client, url, {"item": "item_1", "launch": "abcdef0123456789", "cmi": {}}).status_code == 403
