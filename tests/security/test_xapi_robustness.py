"""Hostile input to the learning record store: every request gets a clear 400 (or 401/413) and
nothing is stored, in time linear in its size, never a 500."""

import json
import time

import pytest
from django.test import Client

from tests.xapi.conftest import basic
from tests.xapi.factories import lrs_client, statement
from xapi.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def attacker():
    client, secret = lrs_client(name="Attacker")
    return Client(
        HTTP_AUTHORIZATION=basic(client.key, secret),
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
        raise_request_exception=False,
    )


def _post_raw(attacker: Client, body: str | bytes):
    return attacker.post("/xapi/statements", body, content_type="application/json")


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _refused(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert "X-Experience-API-Consistent-Through" in response
    assert response.json()["error"]


@pytest.mark.parametrize("depth", [100, 5000, 100_000])
def test_deep_json_in_a_post_body_is_a_400(attacker, depth):
    _refused(_post_raw(attacker, _deep(depth)))
    nested = statement()
    nested["result"]["extensions"] = {"http://example.org/x": json.loads(_deep(90))}
    _refused(_post_raw(attacker, json.dumps(nested)))
    assert not Statement.objects.exists()


@pytest.mark.parametrize("depth", [100, 5000, 50_000])
def test_deep_json_in_the_agent_parameter_is_a_400(attacker, depth):
    agent = '{"mbox":"mailto:a@example.org","x":' * depth + "1" + "}" * depth
    _refused(attacker.get("/xapi/statements", {"agent": agent}))
    _refused(attacker.get("/xapi/statements", {"agent": _deep(depth)}))


@pytest.mark.parametrize(
    "fragment",
    ["1e999", "-1e999", "NaN", "Infinity", '"\\ud800"', '"\\udfff x"', '"a\\u0000b"'],
)
def test_non_finite_numbers_lone_surrogates_and_nul_are_a_400(attacker, fragment):
    body = json.dumps(statement(result={"score": {"raw": 0}})).replace('"raw": 0', f'"raw": {fragment}')
    _refused(_post_raw(attacker, body))
    body = json.dumps(statement()).replace('"Ana"', fragment)
    _refused(_post_raw(attacker, body))
    extension = json.dumps(statement(context={"extensions": {"http://example.org/e": "PLACE"}}))
    _refused(_post_raw(attacker, extension.replace('"PLACE"', fragment)))
    _refused(attacker.get("/xapi/statements", {"agent": '{"mbox":"mailto:a@example.org","name":' + fragment + "}"}))
    assert not Statement.objects.exists()


def test_invalid_utf8_and_nul_in_parameters_are_a_400(attacker):
    _refused(_post_raw(attacker, b'{"actor": "\xff\xfe"}'))
    _refused(attacker.get("/xapi/statements", {"verb": "http://example.org/\x00"}))
    _refused(attacker.get("/xapi/statements", {"activity": "\x00"}))


def test_huge_numbers_and_ids_are_a_400(attacker):
    _refused(attacker.get("/xapi/statements", {"limit": "9" * 5000}))
    _refused(attacker.get("/xapi/statements", {"statementId": "a" * 100_000}))
    _refused(attacker.get("/xapi/statements", {"registration": "1" * 100_000}))
    _refused(_post_raw(attacker, json.dumps(statement(id="f" * 100_000))))
    big = json.dumps(statement(result={"score": {"raw": 0}})).replace('"raw": 0', '"raw": ' + "9" * 5000)
    _refused(_post_raw(attacker, big))
    assert not Statement.objects.exists()


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_timestamps_outside_the_storable_years_are_a_400(attacker, when):
    _refused(_post_raw(attacker, json.dumps(statement(timestamp=when))))
    _refused(attacker.get("/xapi/statements", {"since": when}))
    assert not Statement.objects.exists()


def test_an_interaction_type_that_is_an_object_is_a_400(attacker):
    data = statement()
    data["object"]["definition"]["interactionType"] = {"choice": True}
    _refused(_post_raw(attacker, json.dumps(data)))
    data["object"]["definition"]["interactionType"] = ["choice"]
    _refused(_post_raw(attacker, json.dumps(data)))


def test_a_long_mailbox_is_checked_in_linear_time(attacker):
    started = time.perf_counter()
    _refused(_post_raw(attacker, json.dumps(statement(actor={"mbox": "mailto:a@" + "." * 200_000 + " "}))))
    assert time.perf_counter() - started < 2


def test_deep_json_in_a_multipart_part_is_a_400(attacker):
    boundary = "xyz"
    body = (f"--{boundary}\r\nContent-Type: application/json\r\n\r\n{_deep(10_000)}\r\n--{boundary}--\r\n").encode()
    response = attacker.post("/xapi/statements", body, content_type=f"multipart/mixed; boundary={boundary}")
    _refused(response)


def test_deep_json_in_the_alternate_syntax_is_a_400(attacker):
    client, secret = lrs_client(name="Alternate")
    response = Client(raise_request_exception=False).post(
        "/xapi/statements?method=PUT",
        {
            "statementId": "2f8b1d53-3b5d-4d1f-9a42-2b0f2a4f1a11",
            "content": _deep(10_000),
            "Authorization": basic(client.key, secret),
            "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json",
        },
    )
    _refused(response)


def test_a_nul_in_the_credentials_is_a_401(attacker):
    response = Client(raise_request_exception=False).get(
        "/xapi/statements", HTTP_AUTHORIZATION=basic("key\x00", "secret"), HTTP_X_EXPERIENCE_API_VERSION="1.0.3"
    )
    _refused(response, status=401)
