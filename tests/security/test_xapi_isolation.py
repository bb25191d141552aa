"""xAPI clients are separate tenants: an attacker holding client B's credentials cannot read or void
client A's statements, nor the platform's own learners' statements, and cannot write statements
in the name of a platform account."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.xapi.conftest import basic
from tests.xapi.factories import lrs_client, statement
from xapi import api as xapi_api
from xapi.models import Statement

pytestmark = pytest.mark.django_db

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _speaker(**kwargs) -> Client:
    client, secret = lrs_client(**kwargs)
    return Client(HTTP_AUTHORIZATION=basic(client.key, secret), HTTP_X_EXPERIENCE_API_VERSION="1.0.3")


def _post(speaker: Client, data) -> object:
    return speaker.post("/xapi/statements", json.dumps(data), content_type="application/json")


@pytest.fixture
def alice_and_bob():
    return _speaker(name="Client A"), _speaker(name="Client B")


def test_a_client_cannot_read_another_clients_statements(alice_and_bob):
    alice, bob = alice_and_bob
    secret = statement()
    assert _post(alice, secret).status_code == 200

    assert alice.get("/xapi/statements", {"statementId": secret["id"]}).status_code == 200
    assert bob.get("/xapi/statements", {"statementId": secret["id"]}).status_code == 404
    listed = bob.get("/xapi/statements").json()
    assert listed["statements"] == []
    by_agent = bob.get("/xapi/statements", {"agent": json.dumps(secret["actor"])}).json()
    assert by_agent["statements"] == []
    by_activity = bob.get("/xapi/statements", {"activity": secret["object"]["id"], "related_activities": "true"})
    assert by_activity.json()["statements"] == []


def test_a_client_cannot_void_another_clients_statement(alice_and_bob):
    alice, bob = alice_and_bob
    target = statement()
    assert _post(alice, target).status_code == 200
    voiding = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target["id"]})
    # Stored like a voiding statement aimed at an unknown id (no oracle), but it voids nothing.
    assert _post(bob, voiding).status_code == 200

    assert not Statement.objects.get(statement_id=target["id"]).voided
    assert alice.get("/xapi/statements", {"statementId": target["id"]}).status_code == 200
    assert alice.get("/xapi/statements", {"voidedStatementId": target["id"]}).status_code == 404


def test_a_voiding_statement_sent_before_its_target_voids_only_the_same_clients(alice_and_bob):
    alice, bob = alice_and_bob
    target_id = str(uuid.uuid4())
    voiding = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target_id})
    assert _post(bob, voiding).status_code == 200
    assert _post(alice, statement(id=target_id)).status_code == 200
    assert not Statement.objects.get(statement_id=target_id).voided
    assert alice.get("/xapi/statements", {"statementId": target_id}).status_code == 200


def test_a_statement_ref_does_not_reveal_another_clients_statement(alice_and_bob):
    alice, bob = alice_and_bob
    secret = statement()
    _post(alice, secret)
    probe = statement(
        actor={"mbox": "mailto:probe@example.org"},
        object={"objectType": "StatementRef", "id": secret["id"]},
    )
    _post(bob, probe)
    # Filtering by the agent of Alice's statement would match Bob's reference to it if the target
    # were looked up outside Bob's own statements.
    found = bob.get("/xapi/statements", {"agent": json.dumps(secret["actor"])}).json()
    assert found["statements"] == []


def test_a_client_with_read_all_reads_and_voids_every_statement(alice_and_bob):
    alice, _bob = alice_and_bob
    auditor = _speaker(name="Auditor", can_read_all=True)
    target = statement()
    _post(alice, target)
    assert auditor.get("/xapi/statements", {"statementId": target["id"]}).status_code == 200
    voiding = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target["id"]})
    assert _post(auditor, voiding).status_code == 200
    assert Statement.objects.get(statement_id=target["id"]).voided


def test_the_platforms_own_statements_are_not_readable_by_third_parties(alice_and_bob):
    alice, _bob = alice_and_bob
    learner = UserFactory()
    stored, _created = xapi_api.statement_store(statement=statement(), user=learner)
    actor = json.dumps(xapi_api.actor_for_user(learner))

    assert alice.get("/xapi/statements", {"statementId": str(stored.statement_id)}).status_code == 404
    assert alice.get("/xapi/statements", {"agent": actor}).json()["statements"] == []
    auditor = _speaker(name="Auditor", can_read_all=True)
    assert auditor.get("/xapi/statements", {"agent": actor}).json()["statements"] != []


def test_a_learner_cannot_void_another_learners_statement():
    victim, attacker = UserFactory(), UserFactory()
    stored, _created = xapi_api.statement_store(statement=statement(), user=victim)
    voiding = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": str(stored.statement_id)})
    xapi_api.statement_store(statement=voiding, user=attacker)
    stored.refresh_from_db()
    assert not stored.voided


@pytest.mark.parametrize(
    "actor",
    [
        {"objectType": "Agent", "account": {"homePage": "http://testserver/", "name": "1"}},
        {"objectType": "Agent", "account": {"homePage": "HTTPS://TestServer", "name": "1"}},
        {"objectType": "Agent", "account": {"homePage": "http://testserver/xapi/clients", "name": "other-key"}},
        {
            "objectType": "Group",
            "member": [{"account": {"homePage": "http://testserver/", "name": "1"}}, {"mbox": "mailto:x@example.org"}],
        },
    ],
)
def test_a_client_cannot_write_as_a_platform_account(alice_and_bob, actor):
    alice, _bob = alice_and_bob
    response = _post(alice, statement(actor=actor))
    assert response.status_code == 403
    assert "platform" in response.json()["error"]
    assert not Statement.objects.exists()


def test_a_client_cannot_write_as_a_platform_users_mailbox(alice_and_bob):
    alice, _bob = alice_and_bob
    learner = UserFactory(email="Officer.Rivera@police.example")
    for mbox in (f"mailto:{learner.email}", "mailto:officer.rivera@police.example"):
        batch = [statement(), statement(actor={"mbox": mbox})]
        assert _post(alice, batch).status_code == 403
    sub = statement(
        object={
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:officer.rivera@police.example"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
            "object": {"id": "http://example.org/activities/exam"},
        }
    )
    assert _post(alice, sub).status_code == 403
    assert not Statement.objects.exists()
    # An account made without an allauth address (e.g. by an administrator) counts too.
    get_user_model().objects.create_user(username="warden", email="Warden.Diaz@prison.example")
    assert _post(alice, statement(actor={"mbox": "mailto:warden.diaz@prison.example"})).status_code == 403
    # Anyone else's mailbox is fine.
    assert _post(alice, statement(actor={"mbox": "mailto:someone@partner.example"})).status_code == 200


def _sha1(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def test_a_client_cannot_write_as_a_platform_users_hashed_mailbox(alice_and_bob):
    """``mbox_sha1sum`` is the same person as ``mbox``: the SHA-1 of the mailto: IRI, which any
    client can compute from a learner's address."""
    alice, _bob = alice_and_bob
    UserFactory(email="Officer.Rivera@police.example")
    get_user_model().objects.create_user(username="warden", email="Warden.Diaz@prison.example")
    for address in ("officer.rivera@police.example", "warden.diaz@prison.example"):
        for digest in (_sha1(f"mailto:{address}"), _sha1(f"mailto:{address}").upper()):
            response = _post(alice, [statement(), statement(actor={"mbox_sha1sum": digest})])
            assert response.status_code == 403, (address, digest)
            assert "platform" in response.json()["error"]
    member = {"objectType": "Group", "member": [{"mbox_sha1sum": _sha1("mailto:officer.rivera@police.example")}]}
    assert _post(alice, statement(actor=member)).status_code == 403
    sub = statement(
        object={
            "objectType": "SubStatement",
            "actor": {"mbox_sha1sum": _sha1("mailto:warden.diaz@prison.example")},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
            "object": {"id": "http://example.org/activities/exam"},
        }
    )
    assert _post(alice, sub).status_code == 403
    assert not Statement.objects.exists()
    # The hash of anyone else's mailbox is fine.
    assert _post(alice, statement(actor={"mbox_sha1sum": _sha1("mailto:someone@partner.example")})).status_code == 200


def test_the_hashed_mailbox_lookup_uses_the_index(alice_and_bob):
    """The check runs on every such POST: an index scan, not a hash of every address."""
    from django.db import connection

    from accounts.selectors import _sha1_of_mailbox

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT 1 FROM auth_user WHERE {_sha1_of_mailbox('email')} = %s", [_sha1("mailto:a@b.example")]
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "xapi_user_mbox_sha1" in plan


@pytest.mark.parametrize(
    "actor",
    [
        {"openid": "http://testserver/accounts/1"},
        {"openid": "https://TESTSERVER./users/officer"},
        {"account": {"homePage": "http://testserver:8000/", "name": "1"}},
        {"account": {"homePage": "https://user@testserver/", "name": "1"}},
        {"account": {"homePage": "http://testserver./", "name": "1"}},
        {"objectType": "Group", "member": [{"openid": "http://testserver/x"}]},
    ],
)
def test_a_client_cannot_write_as_a_platform_openid_or_account_in_another_form(alice_and_bob, actor):
    alice, _bob = alice_and_bob
    response = _post(alice, statement(actor=actor))
    assert response.status_code == 403, response.content
    assert not Statement.objects.exists()


def test_openids_and_accounts_elsewhere_are_fine(alice_and_bob):
    alice, _bob = alice_and_bob
    for actor in (
        {"openid": "https://id.partner.example/ana"},
        {"account": {"homePage": "https://partner.example/testserver/", "name": "1"}},
        {"account": {"homePage": "https://testserver.partner.example/", "name": "1"}},
    ):
        assert _post(alice, statement(actor=actor)).status_code == 200, actor


def test_a_client_cannot_fetch_another_clients_attachment_by_its_hash(alice_and_bob):
    import hashlib

    alice, bob = alice_and_bob
    content = b"confidential report"
    sha2 = hashlib.sha256(content).hexdigest()
    declared = {
        "usageType": "http://id.tincanapi.com/attachment/supporting_media",
        "display": {"en-US": "report"},
        "contentType": "text/plain",
        "length": len(content),
        "sha2": sha2,
    }
    data = statement(attachments=[declared])
    body = (
        b"--b\r\nContent-Type: application/json\r\n\r\n"
        + json.dumps(data).encode()
        + b"\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n"
        + f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode()
        + content
        + b"\r\n--b--\r\n"
    )
    assert alice.post("/xapi/statements", body, content_type="multipart/mixed; boundary=b").status_code == 200
    # Bob knows (or guesses) the hash and declares it with a fileUrl, which needs no data.
    probe = statement(attachments=[{**declared, "fileUrl": "http://bob.example/x"}])
    assert _post(bob, probe).status_code == 200
    response = bob.get("/xapi/statements", {"statementId": probe["id"], "attachments": "true"})
    assert response.status_code == 200
    assert content not in response.content
    # Alice still gets her own data back, also for a statement that declares a fileUrl and
    # came with the data.
    own = alice.get("/xapi/statements", {"statementId": data["id"], "attachments": "true"})
    assert content in own.content
    with_url = statement(attachments=[{**declared, "fileUrl": "http://alice.example/report.txt"}])
    multipart = body.replace(json.dumps(data).encode(), json.dumps(with_url).encode())
    assert alice.post("/xapi/statements", multipart, content_type="multipart/mixed; boundary=b").status_code == 200
    served = alice.get("/xapi/statements", {"statementId": with_url["id"], "attachments": "true"})
    assert content in served.content
    again = bob.get("/xapi/statements", {"statementId": probe["id"], "attachments": "true"})
    assert content not in again.content
