"""The document resources (State, Activity Profile, Agent Profile), Agents and Activities, as the
xAPI 1.0.3 specification and the ADL conformance suite describe them."""

import hashlib
import json
import threading
import uuid
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client

from xapi.documents import DocumentKey, DocumentRefused, document_write
from xapi.models import Document, DocumentKind

from .conftest import basic
from .factories import lrs_client, statement

pytestmark = pytest.mark.django_db

AGENT = {"objectType": "Agent", "account": {"homePage": "http://www.example.com/agentId/1", "name": "Rick James"}}
ACTIVITY = "http://www.example.com/activityId/hashset"


def _url(path: str, **params) -> str:
    encoded = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    return f"/xapi/{path}?{urlencode(encoded)}"


def _state(**extra) -> dict:
    return {"activityId": ACTIVITY, "agent": AGENT, "stateId": str(uuid.uuid4()), **extra}


def _send(lrs: Client, method: str, url: str, document=None, content_type="application/json", **headers):
    body = json.dumps(document) if isinstance(document, dict | list) else (document or "")
    return getattr(lrs, method)(url, body, content_type=content_type, **headers)


# --- State -----------------------------------------------------------------------------------------------


def test_state_put_get_head_and_delete(lrs):
    params = _state()
    assert _send(lrs, "put", _url("activities/state", **params), {"car": "MKX"}).status_code == 204
    got = lrs.get(_url("activities/state", **params))
    assert got.status_code == 200
    assert got.json() == {"car": "MKX"}
    assert got["Content-Type"] == "application/json"
    assert got["ETag"] == '"' + hashlib.sha1(got.content).hexdigest() + '"'
    assert "Last-Modified" in got and got["X-Experience-API-Version"] == "1.0.3"
    head = lrs.head(_url("activities/state", **params))
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == got["ETag"]
    assert lrs.delete(_url("activities/state", **params)).status_code == 204
    assert lrs.get(_url("activities/state", **params)).status_code == 404


def test_state_keeps_any_content_type(lrs):
    params = _state()
    response = _send(lrs, "put", _url("activities/state", **params), "/ asdf / undefined", "application/octet-stream")
    assert response.status_code == 204
    got = lrs.get(_url("activities/state", **params))
    assert got.content == b"/ asdf / undefined" and got["Content-Type"] == "application/octet-stream"


def test_state_post_merges_json_one_level_deep(lrs):
    params = _state()
    first = {"car": {"make": "Ford", "model": "Escape"}, "driver": "Dale", "keep": 1}
    second = {"car": {"make": "Dodge"}, "driver": "Jeff"}
    assert _send(lrs, "post", _url("activities/state", **params), first).status_code == 204
    assert _send(lrs, "post", _url("activities/state", **params), second).status_code == 204
    assert lrs.get(_url("activities/state", **params)).json() == {"car": {"make": "Dodge"}, "driver": "Jeff", "keep": 1}


@pytest.mark.parametrize(
    ("first", "first_type", "second", "second_type"),
    [
        ({"a": 1}, "application/json", "abcdefg", "not/json"),
        ("/ asdf /", "application/octet-stream", {"a": 1}, "application/json"),
        ({"a": 1}, "application/json", '{"a": 1}{', "application/json"),
        ({"a": 1}, "application/json", "[1, 2]", "application/json"),
    ],
)
def test_state_post_refuses_what_cannot_be_merged_and_keeps_the_document(lrs, first, first_type, second, second_type):
    params = _state()
    url = _url("activities/state", **params)
    assert _send(lrs, "put", url, first, first_type).status_code == 204
    before = lrs.get(url).content
    assert _send(lrs, "post", url, second, second_type).status_code == 400
    assert lrs.get(url).content == before


def test_state_parameters_are_required_and_checked(lrs):
    params = _state()
    for missing in ("activityId", "agent", "stateId"):
        partial = {k: v for k, v in params.items() if k != missing}
        assert _send(lrs, "put", _url("activities/state", **partial), {"a": 1}).status_code == 400
    for name, value in (("agent", "true"), ("registration", "true"), ("activityId", "not an iri"), ("since", "no")):
        assert lrs.get(_url("activities/state", **{**params, name: value})).status_code == 400
    assert lrs.get(_url("activities/state", **{**params, "stateid": "x"})).status_code == 400
    assert lrs.get(_url("activities/state", **{**params, "stateId": "x" * 5000})).status_code == 400
    assert lrs.get("/xapi/activities/state", HTTP_X_EXPERIENCE_API_VERSION="").status_code == 400


def test_state_ids_since_registration_and_delete_of_many(lrs):
    activity = ACTIVITY + "/" + str(uuid.uuid4())
    registration = str(uuid.uuid4())
    plain = _state(activityId=activity)
    registered = _state(activityId=activity, registration=registration)
    for params in (plain, registered):
        assert _send(lrs, "post", _url("activities/state", **params), {"a": 1}).status_code == 204
    listing = lrs.get(_url("activities/state", activityId=activity, agent=AGENT))
    assert sorted(listing.json()) == sorted([plain["stateId"], registered["stateId"]])
    only = lrs.get(_url("activities/state", activityId=activity, agent=AGENT, registration=registration)).json()
    assert only == [registered["stateId"]]
    later = lrs.get(_url("activities/state", activityId=activity, agent=AGENT, since="2999-01-01T00:00:00Z"))
    assert later.json() == []
    earlier = lrs.get(_url("activities/state", activityId=activity, agent=AGENT, since="2000-01-01T00:00:00Z"))
    assert len(earlier.json()) == 2

    assert (
        lrs.delete(_url("activities/state", activityId=activity, agent=AGENT, registration=registration)).status_code
        == 204
    )
    assert lrs.get(_url("activities/state", activityId=activity, agent=AGENT)).json() == [plain["stateId"]]
    other = _state()
    _send(lrs, "put", _url("activities/state", **other), {"b": 2})
    assert lrs.delete(_url("activities/state", activityId=activity, agent=AGENT)).status_code == 204
    assert lrs.get(_url("activities/state", activityId=activity, agent=AGENT)).json() == []
    assert lrs.get(_url("activities/state", **other)).status_code == 200  # another activity's state stays


def test_documents_are_the_writing_clients_own(lrs):
    params = _state()
    _send(lrs, "put", _url("activities/state", **params), {"secret": 1})
    other, secret = lrs_client(name="Other")
    intruder = Client(HTTP_AUTHORIZATION=basic(other.key, secret), HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert intruder.get(_url("activities/state", **params)).status_code == 404
    listing = {k: v for k, v in params.items() if k != "stateId"}
    assert intruder.get(_url("activities/state", **listing)).json() == []
    assert intruder.delete(_url("activities/state", **listing)).status_code == 204
    assert lrs.get(_url("activities/state", **params)).json() == {"secret": 1}


def test_deep_or_non_finite_agent_or_document_is_a_400(lrs):
    deep = '{"mbox":"mailto:a@example.org","x":' * 5000 + "1" + "}" * 5000
    assert lrs.get(_url("activities/state", activityId=ACTIVITY, agent=deep)).status_code == 400
    params = _state()
    assert _send(lrs, "post", _url("activities/state", **params), "[" * 10000 + "]" * 10000).status_code == 400
    assert _send(lrs, "post", _url("activities/state", **params), '{"a": 1e999}').status_code == 400
    assert _send(lrs, "post", _url("activities/state", **params), '{"a": "\\ud800"}').status_code == 400
    assert not Document.objects.exists()


# --- Profiles and concurrency --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("activities/profile", {"activityId": ACTIVITY}),
        ("agents/profile", {"agent": AGENT}),
    ],
)
def test_profile_concurrency(lrs, path, params):
    url = _url(path, **params, profileId=str(uuid.uuid4()))
    assert _send(lrs, "put", url, {"v": 0}).status_code == 400  # neither If-Match nor If-None-Match
    assert _send(lrs, "put", url, {"v": 1}, HTTP_IF_NONE_MATCH="*").status_code == 204
    assert _send(lrs, "put", url, {"v": 2}, HTTP_IF_NONE_MATCH="*").status_code == 412
    conflict = _send(lrs, "put", url, {"v": 2})
    assert conflict.status_code == 409 and conflict.json()["error"]
    etag = lrs.get(url)["ETag"]
    assert len(etag) == 42 and etag[0] == etag[-1] == '"'
    assert _send(lrs, "put", url, {"v": 2}, HTTP_IF_MATCH='"' + "1" * 40 + '"').status_code == 412
    assert lrs.get(url).json() == {"v": 1}
    assert _send(lrs, "put", url, {"v": 3}, HTTP_IF_MATCH=etag).status_code == 204
    assert lrs.get(url).json() == {"v": 3}
    assert _send(lrs, "post", url, {"w": 4}).status_code == 204  # POST merges without a precondition
    assert lrs.get(url).json() == {"v": 3, "w": 4}
    assert lrs.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert lrs.delete(url, HTTP_IF_MATCH=lrs.get(url)["ETag"]).status_code == 204
    assert lrs.get(url).status_code == 404


def test_profile_ids_and_since(lrs):
    activity = ACTIVITY + "/" + str(uuid.uuid4())
    ids = [str(uuid.uuid4()) for _ in range(2)]
    for profile_id in ids:
        _send(lrs, "post", _url("activities/profile", activityId=activity, profileId=profile_id), {"a": 1})
    assert sorted(lrs.get(_url("activities/profile", activityId=activity)).json()) == sorted(ids)
    since = lrs.get(_url("activities/profile", activityId=activity, since="2999-01-01T00:00:00Z"))
    assert since.json() == []
    assert lrs.delete(_url("activities/profile", activityId=activity)).status_code == 400  # profileId required


@pytest.mark.django_db(transaction=True)
def test_two_writers_with_the_same_etag_one_wins_the_other_gets_412():
    """Two writers read the same ETag and write at once: the row lock makes the second see the
    first's ETag, so exactly one succeeds and the other is refused without losing an update."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    client, _secret = lrs_client()
    key = DocumentKey(kind=DocumentKind.ACTIVITY_PROFILE, activity_id=ACTIVITY, document_id="shared")
    first = document_write(
        client=client, key=key, content=b'{"n": 0}', content_type="application/json", merge=False, if_none_match="*"
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def writer(number: int):
        try:
            barrier.wait()
            document_write(
                client=client,
                key=key,
                content=json.dumps({"n": number}).encode(),
                content_type="application/json",
                merge=False,
                if_match=f'"{first.etag}"',
                precondition_required=True,
            )
            outcomes.append(("ok", number))
        except DocumentRefused as refused:
            outcomes.append((refused.status, number))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _n in outcomes if status != "ok") == [412]
    winner = next(n for status, n in outcomes if status == "ok")
    stored = Document.objects.get(key_hash=key.key_hash)
    assert json.loads(bytes(stored.content)) == {"n": winner}


@pytest.mark.django_db(transaction=True)
def test_two_creators_at_once_store_one_document():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    client, _secret = lrs_client()
    key = DocumentKey(kind=DocumentKind.STATE, activity_id=ACTIVITY, agent_ifi="mbox:x", document_id="s")
    barrier = threading.Barrier(2)
    outcomes = []

    def creator(number: int):
        try:
            barrier.wait()
            document_write(
                client=client, key=key, content=b'{"a": %d}' % number, content_type="application/json", merge=True
            )
            outcomes.append("ok")
        except DocumentRefused as refused:
            outcomes.append(refused.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=creator, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == ["ok", "ok"]
    assert Document.objects.filter(key_hash=key.key_hash).count() == 1


# --- Agents and Activities -------------------------------------------------------------------------------


def test_agents_answers_a_person(lrs):
    agent = {"objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@example.org"}
    response = lrs.get(_url("agents", agent=agent))
    assert response.status_code == 200
    assert response.json() == {"objectType": "Person", "name": ["Ana"], "mbox": ["mailto:ana@example.org"]}
    assert lrs.head(_url("agents", agent=agent)).content == b""
    assert lrs.get("/xapi/agents").status_code == 400
    assert lrs.get(_url("agents", agent={"objectType": "Agent", "name": "no ifi"})).status_code == 400
    assert lrs.post("/xapi/agents").status_code == 405


def test_activities_merges_definitions_from_the_clients_statements(lrs):
    activity_id = "http://www.example.com/verify/" + str(uuid.uuid4())
    english = statement(
        object={"objectType": "Activity", "id": activity_id, "definition": {"name": {"en-US": "meeting"}}}
    )
    french = statement(
        object={"objectType": "Activity", "id": activity_id, "definition": {"name": {"fr-FR": "réunion"}}}
    )
    assert (
        lrs.post("/xapi/statements", json.dumps([english, french]), content_type="application/json").status_code == 200
    )
    found = lrs.get(_url("activities", activityId=activity_id))
    assert found.status_code == 200
    assert found.json() == {
        "objectType": "Activity",
        "id": activity_id,
        "definition": {"name": {"en-US": "meeting", "fr-FR": "réunion"}},
    }
    assert lrs.get(_url("activities", activityId=activity_id + "/unknown")).status_code == 404
    assert lrs.get("/xapi/activities").status_code == 400
    other, secret = lrs_client(name="Other")
    intruder = Client(HTTP_AUTHORIZATION=basic(other.key, secret), HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert intruder.get(_url("activities", activityId=activity_id)).status_code == 404


def test_alternate_syntax_reaches_the_document_resources(credentials):
    client, secret = credentials
    params = _state()
    response = Client().post(
        "/xapi/activities/state?method=PUT",
        content_type="application/x-www-form-urlencoded",
        data=urlencode(
            {
                "activityId": params["activityId"],
                "agent": json.dumps(params["agent"]),
                "stateId": params["stateId"],
                "content": '{"x": 1}',
                "Authorization": basic(client.key, secret),
                "X-Experience-API-Version": "1.0.3",
                "Content-Type": "application/json",
            }
        ),
    )
    assert response.status_code == 204, response.content
    assert Document.objects.get(document_id=params["stateId"]).content_type == "application/json"
