"""The Statements resource over HTTP: versions, credentials, POST, PUT, GET filters, paging, voiding."""

import base64
import hashlib
import json
import uuid
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone

from xapi.models import Statement

from .conftest import basic
from .factories import ACTIVITY, VERB, lrs_client, statement

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def post(lrs, payload, url=URL):
    return lrs.post(url, json.dumps(payload), content_type="application/json")


def put(lrs, payload, statement_id):
    return lrs.put(f"{URL}?statementId={statement_id}", json.dumps(payload), content_type="application/json")


def ids(response) -> list[str]:
    return [s["id"] for s in response.json()["statements"]]


# --- Headers and credentials ---------------------------------------------------------------------------


def test_the_version_header_is_required_and_returned(credentials):
    client, secret = credentials
    anonymous_version = Client(HTTP_AUTHORIZATION=basic(client.key, secret))
    response = anonymous_version.get(URL)
    assert response.status_code == 400
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert response["X-Experience-API-Consistent-Through"]
    wrong = Client(HTTP_AUTHORIZATION=basic(client.key, secret), HTTP_X_EXPERIENCE_API_VERSION="0.95")
    assert wrong.get(URL).status_code == 400


def test_missing_or_wrong_credentials_get_401(credentials):
    client, secret = credentials
    response = Client(HTTP_X_EXPERIENCE_API_VERSION="1.0.3").get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")
    wrong = Client(HTTP_AUTHORIZATION=basic(client.key, "nope"), HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert wrong.get(URL).status_code == 401
    garbage = Client(HTTP_AUTHORIZATION="Basic ***", HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert garbage.get(URL).status_code == 401


def test_read_only_and_write_only_clients_are_limited():
    reader, reader_secret = lrs_client(name="Reader", can_write=False)
    writer, writer_secret = lrs_client(name="Writer", can_read=False)
    as_reader = Client(HTTP_AUTHORIZATION=basic(reader.key, reader_secret), HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    as_writer = Client(HTTP_AUTHORIZATION=basic(writer.key, writer_secret), HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert post(as_reader, statement()).status_code == 403
    assert post(as_writer, statement()).status_code == 200
    assert as_writer.get(URL).status_code == 403
    assert as_reader.get(URL).status_code == 200


def test_about_needs_no_credentials():
    response = Client().get("/xapi/about")
    assert response.status_code == 200
    assert "1.0.3" in response.json()["version"]
    assert response["X-Experience-API-Version"] == "1.0.3"


# --- POST and PUT ------------------------------------------------------------------------------------------


def test_post_one_statement_returns_its_id_with_and_without_trailing_slash(lrs):
    data = statement()
    response = post(lrs, data)
    assert response.status_code == 200
    assert response.json() == [data["id"]]
    second = statement()
    assert post(lrs, second, url=URL + "/").json() == [second["id"]]


def test_post_a_batch_and_ids_are_made_for_statements_without_one(lrs):
    batch = [statement(), statement(id=None)]
    response = post(lrs, batch)
    assert response.status_code == 200
    returned = response.json()
    assert returned[0] == batch[0]["id"] and uuid.UUID(returned[1])
    assert Statement.objects.count() == 2


def test_invalid_statements_get_400_not_422_and_nothing_is_stored(lrs):
    response = post(lrs, [statement(), statement(result={"score": {"scaled": 2}})])
    assert response.status_code == 400
    assert "result.score.scaled" in response.json()["error"]
    assert not Statement.objects.exists()
    assert lrs.post(URL, "{not json", content_type="application/json").status_code == 400
    assert post(lrs, []).status_code == 400
    assert post(lrs, "a string").status_code == 400


def test_same_statement_twice_is_fine_and_different_content_is_409(lrs):
    data = statement()
    assert post(lrs, data).status_code == 200
    assert post(lrs, data).status_code == 200
    assert put(lrs, data, data["id"]).status_code == 204
    changed = {**data, "verb": {"id": "http://example.org/verbs/other"}}
    assert post(lrs, changed).status_code == 409
    assert put(lrs, changed, data["id"]).status_code == 409
    assert Statement.objects.get().verb_id == data["verb"]["id"]


def test_put_needs_a_matching_statement_id(lrs):
    data = statement()
    assert lrs.put(URL, json.dumps(data), content_type="application/json").status_code == 400
    assert put(lrs, data, "true").status_code == 400
    assert put(lrs, data, str(uuid.uuid4())).status_code == 400
    without_id = {k: v for k, v in data.items() if k != "id"}
    assert put(lrs, without_id, data["id"]).status_code == 204
    assert Statement.objects.filter(statement_id=data["id"]).exists()


def _attachment(content: bytes, **extra) -> dict:
    return {
        "usageType": "http://example.org/attachment-usage/note",
        "display": {"en": "Note"},
        "contentType": "text/plain",
        "length": len(content),
        "sha2": hashlib.sha256(content).hexdigest(),
        **extra,
    }


def _multipart(statements, parts: list[tuple[str, bytes, str]], boundary: str = "xapi-boundary") -> bytes:
    chunks = [f"--{boundary}\r\nContent-Type: application/json\r\n\r\n{json.dumps(statements)}\r\n".encode()]
    for content_type, content, sha2 in parts:
        chunks.append(
            f"--{boundary}\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks)


def test_attachments_by_file_url_or_as_multipart_parts(lrs):
    content = "Señal\r\nde prueba\n".encode()
    data = statement(attachments=[_attachment(content)])
    # Declared without a fileUrl and sent as JSON only: the data is missing.
    assert post(lrs, data).status_code == 400
    by_url = statement(attachments=[_attachment(b"x", fileUrl="http://example.org/x.txt")])
    assert post(lrs, by_url).status_code == 200
    multipart = "multipart/mixed; boundary=xapi-boundary"
    sha2 = hashlib.sha256(content).hexdigest()
    wrong = _multipart([data], [("text/plain", content + b"!", sha2)])
    assert lrs.post(URL, wrong, content_type=multipart).status_code == 400
    stray = _multipart([data], [("text/plain", content, sha2), ("text/plain", b"y", hashlib.sha256(b"y").hexdigest())])
    assert lrs.post(URL, stray, content_type=multipart).status_code == 400
    good = _multipart([data], [("text/plain", content, sha2)])
    stored = lrs.post(URL, good, content_type=multipart)
    assert stored.status_code == 200, stored.content
    response = lrs.get(URL, {"statementId": data["id"], "attachments": "true"})
    boundary = response["Content-Type"].split("boundary=")[1]
    parts = response.content.split(f"--{boundary}".encode())[1:-1]
    assert json.loads(parts[0].split(b"\r\n\r\n", 1)[1])["id"] == data["id"]
    head, body = parts[1].split(b"\r\n\r\n", 1)
    assert f"X-Experience-API-Hash: {sha2}".encode() in head
    assert body[:-2] == content
    plain = lrs.get(URL, {"statementId": data["id"]})
    assert plain["Content-Type"].startswith("application/json")


# --- GET ------------------------------------------------------------------------------------------------------


def test_get_by_id_and_voided_statements(lrs):
    target = statement()
    post(lrs, target)
    response = lrs.get(URL, {"statementId": target["id"]})
    assert response.status_code == 200
    assert response.json()["id"] == target["id"]
    assert response["Last-Modified"]
    void = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target["id"]})
    assert post(lrs, void).status_code == 200
    assert lrs.get(URL, {"statementId": target["id"]}).status_code == 404
    assert lrs.get(URL, {"voidedStatementId": target["id"]}).json()["id"] == target["id"]
    assert lrs.get(URL, {"voidedStatementId": void["id"]}).status_code == 404
    # A voided statement is left out of filtered lists; the voiding statement is there.
    listed = ids(lrs.get(URL))
    assert target["id"] not in listed and void["id"] in listed
    # Voiding the voiding statement is refused.
    again = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": void["id"]})
    assert post(lrs, again).status_code == 400


def test_get_by_id_refuses_other_parameters(lrs):
    data = statement()
    post(lrs, data)
    assert lrs.get(URL, {"statementId": data["id"], "verb": data["verb"]["id"]}).status_code == 400
    assert lrs.get(URL, {"statementId": data["id"], "format": "ids"}).status_code == 200
    assert lrs.get(URL, {"statementId": "nope"}).status_code == 400
    assert lrs.get(URL, {"statementId": str(uuid.uuid4())}).status_code == 404
    assert lrs.get(URL, {"colour": "blue"}).status_code == 400


def test_filters(lrs):
    registration = str(uuid.uuid4())
    ana = statement()
    ben = statement(
        actor={"mbox": "mailto:ben@example.org"},
        verb={"id": "http://adlnet.gov/expapi/verbs/completed"},
        object={"id": "http://example.org/activities/other"},
        context={
            "registration": registration,
            "instructor": {"mbox": "mailto:ana@example.org"},
            "contextActivities": {"parent": [{"id": ACTIVITY}]},
        },
    )
    group = statement(
        actor={"objectType": "Group", "member": [{"mbox": "mailto:carla@example.org"}]},
        object={"objectType": "Agent", "mbox": "mailto:ana@example.org"},
    )
    sub = statement(
        actor={"mbox": "mailto:dora@example.org"},
        object={
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:ana@example.org"},
            "verb": {"id": "http://example.org/verbs/will-attend"},
            "object": {"id": "http://example.org/activities/sub"},
        },
    )
    post(lrs, [ana, ben, group, sub])
    agent = json.dumps({"mbox": "mailto:ana@example.org"})
    assert set(ids(lrs.get(URL, {"agent": agent}))) == {ana["id"], group["id"]}
    assert set(ids(lrs.get(URL, {"agent": agent, "related_agents": "true"}))) == {
        ana["id"],
        ben["id"],
        group["id"],
        sub["id"],
    }
    carla = json.dumps({"mbox": "mailto:carla@example.org"})
    assert ids(lrs.get(URL, {"agent": carla})) == [group["id"]]
    assert ids(lrs.get(URL, {"verb": "http://adlnet.gov/expapi/verbs/completed"})) == [ben["id"]]
    assert set(ids(lrs.get(URL, {"activity": ACTIVITY}))) == {ana["id"]}
    assert set(ids(lrs.get(URL, {"activity": ACTIVITY, "related_activities": "true"}))) == {ana["id"], ben["id"]}
    assert ids(lrs.get(URL, {"activity": "http://example.org/activities/sub", "related_activities": "true"})) == [
        sub["id"]
    ]
    assert ids(lrs.get(URL, {"registration": registration})) == [ben["id"]]
    assert lrs.get(URL, {"agent": "{not json"}).status_code == 400
    assert lrs.get(URL, {"agent": json.dumps({"name": "no identifier"})}).status_code == 400
    assert lrs.get(URL, {"related_agents": "yes"}).status_code == 400
    assert lrs.get(URL, {"registration": "nope"}).status_code == 400


def test_statements_referring_to_a_matching_statement_match_too(lrs):
    target = statement()
    ref = statement(
        actor={"mbox": "mailto:zoe@example.org"},
        verb={"id": "http://example.org/verbs/liked"},
        object={"objectType": "StatementRef", "id": target["id"]},
    )
    post(lrs, [target, ref])
    assert set(ids(lrs.get(URL, {"verb": target["verb"]["id"]}))) == {target["id"], ref["id"]}


def test_since_until_and_ascending(lrs):
    first, second = statement(), statement()
    post(lrs, first)
    middle = timezone.now()
    post(lrs, second)
    assert ids(lrs.get(URL)) == [second["id"], first["id"]]  # newest first by stored
    assert ids(lrs.get(URL, {"ascending": "true"})) == [first["id"], second["id"]]
    iso = middle.isoformat()
    assert ids(lrs.get(URL, {"since": iso})) == [second["id"]]
    assert ids(lrs.get(URL, {"until": iso})) == [first["id"]]
    assert lrs.get(URL, {"since": "yesterday"}).status_code == 400


def test_more_pages_through_everything_once(lrs):
    batch = [statement() for _ in range(7)]
    post(lrs, batch)
    seen, url, params = [], URL, {"limit": 3}
    for _page in range(5):
        body = lrs.get(url, params).json()
        seen += [s["id"] for s in body["statements"]]
        if not body["more"]:
            break
        url, params = body["more"], {}
        assert url.startswith("/xapi/statements?more=")
    assert sorted(seen) == sorted(s["id"] for s in batch)
    assert len(seen) == 7
    assert lrs.get(URL, {"more": "forged"}).status_code == 400


def test_paging_keeps_the_filter(lrs):
    mine = [statement(actor={"mbox": "mailto:mine@example.org"}) for _ in range(3)]
    post(lrs, mine + [statement() for _ in range(3)])
    body = lrs.get(URL, {"agent": json.dumps({"mbox": "mailto:mine@example.org"}), "limit": 2}).json()
    rest = lrs.get(body["more"]).json()
    assert sorted(ids_ for ids_ in [s["id"] for s in body["statements"] + rest["statements"]]) == sorted(
        s["id"] for s in mine
    )
    assert rest["more"] == ""


def test_formats(lrs):
    data = statement()
    post(lrs, data)
    exact = lrs.get(URL, {"statementId": data["id"]}).json()
    assert exact["verb"]["display"] == data["verb"]["display"]
    as_ids = lrs.get(URL, {"statementId": data["id"], "format": "ids"}).json()
    assert as_ids["verb"] == {"id": data["verb"]["id"]}
    assert as_ids["actor"] == {"objectType": "Agent", "mbox": "mailto:ana@example.org"}
    assert as_ids["object"] == {"objectType": "Activity", "id": ACTIVITY}
    canonical = lrs.get(
        URL, {"statementId": data["id"], "format": "canonical"}, HTTP_ACCEPT_LANGUAGE="en-GB,es;q=0.5"
    ).json()
    assert canonical["object"]["definition"]["name"] == {"en-GB": "Quiz (GB)"}
    assert canonical["verb"]["display"] == {"en-US": "answered"}
    assert lrs.get(URL, {"format": "xml"}).status_code == 400


def test_format_ids_gives_the_activity_of_a_substatement_by_id_alone(lrs):
    data = statement(
        object={
            "objectType": "SubStatement",
            "actor": {"objectType": "Group", "mbox": "mailto:team@example.org", "name": "Team"},
            "verb": {"id": VERB, "display": {"en-US": "answered"}},
            "object": {"objectType": "Activity", "id": ACTIVITY, "definition": {"name": {"en-US": "Quiz"}}},
        }
    )
    post(lrs, data)
    inner = lrs.get(URL, {"statementId": data["id"], "format": "ids"}).json()["object"]
    assert inner["object"] == {"id": ACTIVITY}
    assert inner["actor"] == {"objectType": "Group", "mbox": "mailto:team@example.org"}
    assert inner["verb"] == {"id": VERB}


def test_the_clients_authority_is_checked_then_replaced(lrs, credentials):
    pair = {"objectType": "Group", "member": [{"mbox": "mailto:app@example.org"}, {"mbox": "mailto:u@example.org"}]}
    data = statement(authority=pair)
    assert post(lrs, data).status_code == 200
    stored = lrs.get(URL, {"statementId": data["id"]}).json()
    assert stored["authority"]["account"]["name"] == credentials[0].key
    identified = {**pair, "mbox": "mailto:group@example.org"}
    assert post(lrs, statement(authority=identified)).status_code == 400


def test_attachments_true_answers_multipart_and_false_json(lrs):
    post(lrs, statement())
    response = lrs.get(URL, {"attachments": "true"})
    assert response["Content-Type"].startswith("multipart/mixed; boundary=")
    boundary = response["Content-Type"].split("boundary=")[1]
    first_part = response.content.decode().split(f"--{boundary}")[1]
    assert json.loads(first_part.split("\r\n\r\n", 1)[1])["statements"]
    assert lrs.get(URL, {"attachments": "false"})["Content-Type"].startswith("application/json")


def test_other_methods_get_405(lrs):
    assert lrs.delete(URL, HTTP_X_EXPERIENCE_API_VERSION="1.0.1").status_code == 405


def test_head_answers_like_get_without_a_body(lrs):
    data = statement()
    post(lrs, data)
    response = lrs.head(URL, {"statementId": data["id"]})
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_consistent_through_is_not_before_any_returned_statement(lrs):
    post(lrs, statement())
    response = lrs.get(URL)
    through = response["X-Experience-API-Consistent-Through"]
    newest = max(s["stored"] for s in response.json()["statements"])
    assert through >= newest


def test_alternate_request_syntax_get_and_put(lrs, credentials):
    client, secret = credentials
    data = statement()
    plain = Client()
    form = urlencode(
        {
            "statementId": data["id"],
            "content": json.dumps(data),
            "Authorization": basic(client.key, secret),
            "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json",
        }
    )
    response = plain.post(f"{URL}?method=PUT", form, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 204
    listed = lrs.post(f"{URL}?method=GET", "limit=1", content_type="application/x-www-form-urlencoded")
    assert listed.status_code == 200
    assert ids(listed) == [data["id"]]


def test_the_list_costs_the_same_queries_for_many_statements(lrs, django_assert_max_num_queries):
    post(lrs, [statement() for _ in range(5)])
    with django_assert_max_num_queries(3):
        small = lrs.get(URL)
    post(lrs, [statement() for _ in range(60)])
    with django_assert_max_num_queries(3):
        large = lrs.get(URL)
    assert len(small.json()["statements"]) == 5 and len(large.json()["statements"]) == 65


# --- Signed statements (Data 2.6) ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _signed(data: dict, token: str, content_type: str = "application/octet-stream"):
    signature = token.encode()
    signed = {
        **data,
        "attachments": [
            {
                "usageType": "http://adlnet.gov/expapi/attachments/signature",
                "display": {"en-US": "Signature"},
                "contentType": content_type,
                "length": len(signature),
                "sha2": hashlib.sha256(signature).hexdigest(),
            }
        ],
    }
    body = _multipart([signed], [("application/octet-stream", signature, hashlib.sha256(signature).hexdigest())])
    return body


def test_signed_statements(lrs, rsa_key):
    import jwt

    multipart = "multipart/mixed; boundary=xapi-boundary"
    data = statement()
    good = jwt.encode(data, rsa_key, algorithm="RS256")
    response = lrs.post(URL, _signed(data, good), content_type=multipart)
    assert response.status_code == 200, response.content
    other = statement()
    assert lrs.post(URL, _signed(other, good), content_type=multipart).status_code == 400  # signs another statement
    hmac_signed = jwt.encode(other, "a-shared-secret-of-enough-length-for-hs256", algorithm="HS256")
    assert lrs.post(URL, _signed(other, hmac_signed), content_type=multipart).status_code == 400
    rs_other = jwt.encode(other, rsa_key, algorithm="RS256")
    assert (
        lrs.post(
            URL, _signed(other, rs_other, content_type="text/plain; charset=ascii"), content_type=multipart
        ).status_code
        == 400
    )
    header, _payload, signature = rs_other.split(".")
    broken = header + "." + base64.urlsafe_b64encode(b'{"actor": ').decode().rstrip("=") + "." + signature
    assert lrs.post(URL, _signed(other, broken), content_type=multipart).status_code == 400
    assert lrs.post(URL, _signed(other, rs_other), content_type=multipart).status_code == 200
