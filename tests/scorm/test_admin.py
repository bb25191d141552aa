"""The admin upload (every problem listed, owned by the editor's state), the listing's queries,
and manage.py scorm_import."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from scorm.models import ScormPackage
from scorm.services import package_import
from tests.accounts.factories import MemberStateFactory, editor

from .conftest import INVALID, VALID, sample

pytestmark = pytest.mark.django_db
PLAYABLE = [path for path in VALID if "ComplexNested" not in path.name]


@pytest.fixture
def state():
    return MemberStateFactory()


@pytest.fixture
def editor_client(client, state):
    user = editor(state)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "add_scormpackage", "change_scormpackage", "view_scormpackage"]
        )
    )
    client.force_login(user)
    client.user = user
    return client


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name.rsplit("/", 1)[-1], sample(name), content_type="application/zip")


def test_admin_upload_lists_every_problem_and_stores_nothing(editor_client, state):
    url = reverse("wagtailsnippets_scorm_scormpackage:add")
    response = editor_client.post(
        url, {"package": upload("invalid/InvalidFileReferences_SCORM12.zip"), "title": "", "state": state.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "content/nonexistent.html" in page and "content/nonexistent_asset.html" in page
    assert not ScormPackage.objects.exists()


def test_admin_upload_stores_the_package_under_the_editors_state(editor_client, state):
    url = reverse("wagtailsnippets_scorm_scormpackage:add")
    other = MemberStateFactory()
    response = editor_client.post(
        url, {"package": upload("valid/RuntimeBasicCalls_SCORM12.zip"), "title": "", "state": other.pk}
    )
    assert response.status_code == 200 and not ScormPackage.objects.exists()  # not the editor's state
    response = editor_client.post(
        url, {"package": upload("valid/RuntimeBasicCalls_SCORM12.zip"), "title": "", "state": state.pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    package = ScormPackage.objects.get()
    assert package.state == state and package.uploaded_by == editor_client.user
    assert package.title == "Golf Explained - Run-time Basic Calls" and package.version == "1.2"
    again = editor_client.post(
        url, {"package": upload("valid/RuntimeBasicCalls_SCORM12.zip"), "title": "", "state": state.pk}
    )
    assert again.status_code == 200 and "already stored" in again.content.decode()


def test_an_editor_lists_only_their_states_packages(editor_client, state, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("wagtailsnippets_scorm_scormpackage:list")
    package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"), state=state)
    editor_client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert editor_client.get(url).status_code == 200
    package_import(data=sample("valid/ContentPackagingSingleSCO_SCORM12.zip"), state=state)
    package_import(
        data=sample("valid/ContentPackagingSingleSCO_SCORM20043rdEdition.zip"),
        state=MemberStateFactory(),
        title="Another state's package",
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = editor_client.get(url).content.decode()
    assert "Run-time Basic Calls" in page and "CP Single SCO" in page
    assert "Another state" not in page
    assert ScormPackage.objects.filter(state=state).count() == 2


def test_scorm_import_command(state):
    out = io.StringIO()
    call_command("scorm_import", *[str(path) for path in PLAYABLE], "--state", state.code, stdout=out)
    assert ScormPackage.objects.filter(state=state).count() == len(PLAYABLE)
    assert out.getvalue().count("imported as") == len(PLAYABLE)


def test_scorm_import_command_fails_with_every_reason():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "scorm_import", str(PLAYABLE[0]), *[str(path) for path in INVALID], stdout=io.StringIO(), stderr=err
        )
    text = err.getvalue()
    for path in INVALID:
        assert f"{path.name}: refused" in text
    assert "An organisation has no identifier." in text and "has no href" in text
    assert ScormPackage.objects.count() == 1
