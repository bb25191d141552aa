"""The secretariat manages LRS clients in the Wagtail admin; the secret is shown once, stored hashed."""

import re

import pytest
from django.test import Client

from tests.accounts import factories as f
from xapi.models import ForwardTarget, LRSClient
from xapi.services import lrs_client_authenticate

from .factories import lrs_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    """The role groups (the Secretariat group carries Wagtail's admin access)."""
    from accounts.services import state_groups_ensure

    state_groups_ensure(state=f.state("CO"))


@pytest.fixture
def secretariat_client(groups):
    from accounts.api import user_groups_sync

    user = f.secretariat()
    user_groups_sync(user=user)
    client = Client()
    f.sign_in_with_mfa(client, user)
    return client


def test_the_secretariat_creates_a_client_and_sees_the_secret_once(secretariat_client):
    response = secretariat_client.post(
        "/admin/xapi/clients/new/",
        {"name": "Moodle Colombia", "description": "", "can_read": "on", "can_write": "on", "active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    key, secret = re.search(r"key: (\w+), secret: ([\w-]+)", page).groups()
    client = LRSClient.objects.get(name="Moodle Colombia")
    assert client.key == key
    assert secret not in client.secret_hash
    assert lrs_client_authenticate(key=key, secret=secret) == client
    listing = secretariat_client.get("/admin/xapi/clients/").content.decode()
    assert "Moodle Colombia" in listing and secret not in listing


def test_a_new_secret_replaces_the_old_one(secretariat_client):
    client, old_secret = lrs_client(name="Partner")
    response = secretariat_client.post(
        f"/admin/xapi/clients/edit/{client.pk}/",
        {"name": "Partner", "description": "", "can_read": "on", "active": "on", "reset_secret": "on"},
        follow=True,
    )
    new_secret = re.search(r"secret: ([\w-]+)", response.content.decode()).group(1)
    assert lrs_client_authenticate(key=client.key, secret=old_secret) is None
    refreshed = lrs_client_authenticate(key=client.key, secret=new_secret)
    assert refreshed is not None and not refreshed.can_write


def test_external_lrs_password_is_kept_when_left_empty(secretariat_client):
    target = ForwardTarget.objects.create(name="Regional", endpoint="https://lrs.example.org/xapi/", password="old")
    secretariat_client.post(
        f"/admin/xapi/forwarding/edit/{target.pk}/",
        {
            "name": "Regional",
            "endpoint": "https://lrs.example.org/xapi/",
            "username": "cap",
            "password": "",
            "active": "on",
        },
    )
    target.refresh_from_db()
    assert target.username == "cap" and target.password == "old"


def test_the_statements_list_is_read_only(secretariat_client):
    assert secretariat_client.get("/admin/xapi/statements/").status_code == 200
    assert secretariat_client.get("/admin/xapi/statements/new/").status_code in (302, 403, 404)


def test_others_cannot_reach_the_lrs_admin(groups):
    from accounts.api import user_groups_sync

    editor = f.editor(f.state("CO"))
    user_groups_sync(user=editor)
    client = Client()
    client.force_login(editor)
    for url in (
        "/admin/xapi/clients/",
        "/admin/xapi/clients/new/",
        "/admin/xapi/statements/",
        "/admin/xapi/forwarding/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", (url, response["Location"])


def test_deactivating_a_client_takes_effect_at_once(secretariat_client):
    client, secret = lrs_client(name="Partner")
    assert lrs_client_authenticate(key=client.key, secret=secret) is not None  # now cached
    secretariat_client.post(
        f"/admin/xapi/clients/edit/{client.pk}/",
        {"name": "Partner", "description": "", "can_read": "on", "can_write": "on"},
    )
    assert lrs_client_authenticate(key=client.key, secret=secret) is None


def test_the_secretariat_grants_read_all_and_it_takes_effect_at_once(secretariat_client):
    client, secret = lrs_client(name="Auditor")
    assert not lrs_client_authenticate(key=client.key, secret=secret).can_read_all  # now cached
    form = secretariat_client.get(f"/admin/xapi/clients/edit/{client.pk}/").content.decode()
    assert 'name="can_read_all"' in form
    secretariat_client.post(
        f"/admin/xapi/clients/edit/{client.pk}/",
        {"name": "Auditor", "description": "", "can_read": "on", "can_read_all": "on", "active": "on"},
    )
    assert lrs_client_authenticate(key=client.key, secret=secret).can_read_all
