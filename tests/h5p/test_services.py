"""Storage: once by hash, libraries shared; nothing stored for a refused package; h5p_import; admin upload."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from h5p.models import H5PContent, H5PLibrary
from h5p.services import package_import
from h5p.validation import PackageInvalid
from tests.accounts.factories import MemberStateFactory, editor

from .conftest import INVALID, VALID, crafted, sample

pytestmark = pytest.mark.django_db


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def test_valid_package_is_stored_once_by_hash(media_root):
    content, created = package_import(data=sample("valid/true-false.h5p"), filename="true-false.h5p")
    assert created and content.title == "Hello World"
    assert content.main_library.machine_name == "H5P.TrueFalse"
    assert content.libraries.count() == 10
    files = len(stored_files(media_root))
    again, created_again = package_import(data=sample("valid/true-false.h5p"))
    assert (again.pk, created_again) == (content.pk, False)
    assert H5PContent.objects.count() == 1
    assert len(stored_files(media_root)) == files
    assert default_storage.exists(f"{content.storage_prefix}/content.json")


def test_libraries_are_shared_between_packages(media_root):
    first, _ = package_import(data=sample("valid/true-false.h5p"))
    libraries = H5PLibrary.objects.count()
    second, _ = package_import(data=sample("valid/valid3-3-images.h5p"))
    shared = set(first.libraries.values_list("pk", flat=True)) & set(second.libraries.values_list("pk", flat=True))
    assert {H5PLibrary.objects.get(pk=pk).machine_name for pk in shared} >= {"FontAwesome", "Drop", "Tether"}
    assert H5PLibrary.objects.count() == libraries + second.libraries.count() - len(shared)
    assert H5PLibrary.objects.filter(machine_name="FontAwesome").count() == 1


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_package_stores_nothing(path, media_root):
    with pytest.raises(PackageInvalid):
        package_import(data=path.read_bytes())
    assert not H5PContent.objects.exists() and not H5PLibrary.objects.exists()
    assert stored_files(media_root) == []


def test_a_library_can_come_from_an_earlier_package():
    package_import(data=crafted())
    from .conftest import H5P_JSON

    content, created = package_import(
        data=crafted(
            drop=("H5P.Crafted-1.2/library.json", "H5P.Crafted-1.2/crafted.js", "H5P.Crafted-1.2/crafted.css"),
            h5p_json={**H5P_JSON, "title": "Uses the installed library"},
        )
    )
    assert created and content.main_library.machine_name == "H5P.Crafted"
    assert H5PLibrary.objects.count() == 1


def test_h5p_import_command():
    out, err = io.StringIO(), io.StringIO()
    call_command("h5p_import", *[str(path) for path in VALID], stdout=out, stderr=err)
    assert H5PContent.objects.count() == 4
    assert "imported" in out.getvalue()


def test_h5p_import_command_gives_the_content_to_a_state():
    state = MemberStateFactory(code="MX")
    out = io.StringIO()
    call_command("h5p_import", str(VALID[0]), "--state", "mx", "--audience", "state", stdout=out, stderr=io.StringIO())
    content = H5PContent.objects.get()
    assert content.state == state and content.audience == "state"
    with pytest.raises(CommandError, match="ZZ"):
        call_command("h5p_import", str(VALID[0]), "--state", "ZZ", stdout=io.StringIO(), stderr=io.StringIO())


def test_two_states_hold_one_package_apart_and_share_its_files():
    mx, co = MemberStateFactory(code="MX"), MemberStateFactory(code="CO")
    data = sample("valid/true-false.h5p")
    mine, created_mine = package_import(data=data, state=mx, title="Mexican copy")
    theirs, created_theirs = package_import(data=data, state=co, title="Colombian copy")
    again, created_again = package_import(data=data, state=mx)
    assert created_mine and created_theirs and not created_again
    assert again == mine and theirs != mine and theirs.state == co
    assert theirs.storage_prefix == mine.storage_prefix  # stored once, by hash
    assert default_storage.exists(f"{mine.storage_prefix}/content.json")


def test_h5p_import_command_fails_with_the_list():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("h5p_import", str(VALID[0]), *[str(path) for path in INVALID], stdout=io.StringIO(), stderr=err)
    text = err.getvalue()
    assert "H5P.GreetingCard2-1.0" in text and "XXX!.json" in text and "corrupt_archive.h5p: refused" in text
    assert H5PContent.objects.count() == 1


@pytest.fixture
def editor_state(site_frame):
    from home.api import state_pages_ensure

    state = MemberStateFactory()
    state_pages_ensure(state=state)  # the state's editor groups and their admin permissions
    return state


@pytest.fixture
def admin_client_(client, editor_state):
    """A curriculum editor of one state, with the groups and permissions that role gives."""
    client.force_login(editor(editor_state))
    return client


def test_admin_upload_shows_every_problem(admin_client_):
    url = reverse("wagtailsnippets_h5p_h5pcontent:add")
    upload = SimpleUploadedFile("bad.h5p", sample("invalid/2-invalid-libraries.h5p"), content_type="application/zip")
    response = admin_client_.post(url, {"package": upload, "title": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "H5P.GreetingCard2-1.0" in page and "XXX!.json" in page
    assert not H5PContent.objects.exists()


def test_admin_upload_stores_a_valid_package(admin_client_, editor_state):
    url = reverse("wagtailsnippets_h5p_h5pcontent:add")
    upload = SimpleUploadedFile("tf.h5p", sample("valid/true-false.h5p"), content_type="application/zip")
    owner = {"state": editor_state.pk, "audience": "law_enforcement"}
    response = admin_client_.post(url, {"package": upload, "title": "True or false?", **owner})
    assert response.status_code == 302, response.content.decode()[:3000]
    content = H5PContent.objects.get()
    assert content.title == "True or false?" and content.uploaded_by is not None
    assert content.state == editor_state and content.audience == "law_enforcement"
    duplicate = SimpleUploadedFile("tf.h5p", sample("valid/true-false.h5p"), content_type="application/zip")
    response = admin_client_.post(url, {"package": duplicate, "title": "", **owner})
    assert response.status_code == 200 and "already stored" in response.content.decode()
    edit = admin_client_.get(reverse("wagtailsnippets_h5p_h5pcontent:edit", args=[content.pk]))
    assert edit.status_code == 200


def test_admin_listing_queries_do_not_grow_with_rows(admin_client_, editor_state, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("wagtailsnippets_h5p_h5pcontent:list")
    package_import(data=sample("valid/valid2.h5p"), state=editor_state)
    admin_client_.get(url)  # warm caches (site, permissions)
    with CaptureQueriesContext(connection) as one:
        assert admin_client_.get(url).status_code == 200
    for path in VALID:
        package_import(data=path.read_bytes(), state=editor_state)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = admin_client_.get(url)
    assert response.status_code == 200 and "agamotto" in response.content.decode()
