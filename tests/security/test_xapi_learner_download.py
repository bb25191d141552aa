"""A learner downloads their own learning records and nobody else's: the address carries no id,
parameters naming someone else change nothing, statements of LRS clients and of other learners
never appear, and nobody signed out gets any."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.xapi.factories import lrs_client, statement
from xapi import api as xapi_api

pytestmark = pytest.mark.django_db


def _download(client: Client, **params):
    response = client.get(reverse("xapi_learner:statements"), params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@pytest.fixture
def two_learners():
    ana, bruno = UserFactory(), UserFactory()
    for _ in range(3):
        xapi_api.statement_store(statement=statement(), user=ana)
    bruno_ids = {str(xapi_api.statement_store(statement=statement(), user=bruno)[0].statement_id) for _ in range(2)}
    # A partner's statement about Ana's e-mail address is refused (0043); one about a stranger is stored.
    partner, _secret = lrs_client()
    xapi_api.statement_store(statement=statement(), client=partner)
    return ana, bruno, bruno_ids


def test_a_learner_gets_only_their_own_statements(client, two_learners):
    ana, bruno, bruno_ids = two_learners
    client.force_login(ana)
    response, body = _download(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    statements = json.loads(body)["statements"]
    assert len(statements) == 3
    assert {s["actor"]["account"]["name"] for s in statements} == {str(ana.pk)}
    assert not bruno_ids & {s["id"] for s in statements}


@pytest.mark.parametrize("param", ["user", "user_id", "agent", "pk", "id", "learner"])
def test_naming_someone_else_in_the_query_changes_nothing(client, two_learners, param):
    ana, bruno, _bruno_ids = two_learners
    client.force_login(ana)
    value = str(bruno.pk) if param != "agent" else json.dumps(xapi_api.actor_for_user(bruno))
    _response, body = _download(client, **{param: value})
    assert {s["actor"]["account"]["name"] for s in json.loads(body)["statements"]} == {str(ana.pk)}


def test_signed_out_gets_nothing(client, two_learners):
    response, body = _download(client)
    assert response.status_code == 302 and b"statements" not in body


def test_a_write_method_is_refused(client, two_learners):
    ana, _bruno, _ids = two_learners
    client.force_login(ana)
    assert client.post(reverse("xapi_learner:statements")).status_code == 405


def test_an_lrs_client_cannot_use_it_with_its_credentials(two_learners):
    partner, secret = lrs_client(can_read_all=True)
    from tests.xapi.conftest import basic

    response = Client(HTTP_AUTHORIZATION=basic(partner.key, secret)).get(reverse("xapi_learner:statements"))
    assert response.status_code == 302  # the session decides, not Basic credentials
