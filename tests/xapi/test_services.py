"""Storing statements: idempotent by id (also concurrently), conflicts, batches, voiding, the actor."""

import threading
import uuid

import pytest
from django.db import connection

from tests.accounts.factories import UserFactory
from xapi.api import StatementConflict, StatementInvalid, actor_for_user, statement_store, statements_store
from xapi.models import Statement, StatementRelation
from xapi.services import lrs_client_authenticate, lrs_client_changed, secret_digest

from .factories import h5p_true_false_statement, lrs_client, statement

pytestmark = pytest.mark.django_db

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def voiding(target_id: str, **overrides) -> dict:
    return statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target_id}, **overrides)


def test_a_learners_statement_gets_the_learners_account_as_actor_never_the_clients():
    user = UserFactory()
    data = h5p_true_false_statement()
    data["actor"] = {"mbox": "mailto:someone.else@example.org"}
    stored, created = statement_store(statement=data, user=user)
    assert created
    assert stored.data["actor"] == actor_for_user(user)
    assert stored.user == user
    assert stored.data["authority"]["account"]["name"] == "lrs"
    assert stored.data["version"] == "1.0.0"
    assert stored.data["context"]["contextActivities"]["category"][0]["id"].startswith("http://h5p.org/")


def test_a_clients_statement_has_the_client_as_authority():
    client, _secret = lrs_client(name="Moodle")
    stored, _created = statement_store(
        statement=statement(authority={"mbox": "mailto:liar@example.org"}), client=client
    )
    assert stored.data["authority"]["account"]["name"] == client.key
    assert stored.client == client


def test_the_same_statement_twice_is_stored_once():
    data = statement()
    first, created = statement_store(statement=data)
    again, created_again = statement_store(statement=data)
    assert created and not created_again
    assert first.pk == again.pk
    assert Statement.objects.count() == 1


def test_the_same_id_with_other_content_is_a_conflict_and_changes_nothing():
    data = statement()
    statement_store(statement=data)
    with pytest.raises(StatementConflict):
        statement_store(statement={**data, "verb": {"id": "http://example.org/verbs/other"}})
    assert Statement.objects.get().verb_id == data["verb"]["id"]


def test_the_same_id_differing_only_in_what_the_lrs_sets_is_not_a_conflict():
    data = statement()
    statement_store(statement=data)
    same = {
        **data,
        "timestamp": "2026-11-28T05:00:00-05:00",
        "version": "1.0.3",
        "authority": {"mbox": "mailto:x@example.org"},
    }
    same["actor"] = {k: v for k, v in data["actor"].items() if k != "objectType"}
    _stored, created = statement_store(statement=same)
    assert not created


def test_a_learner_cannot_overwrite_another_learners_statement_id():
    data = h5p_true_false_statement()
    data["id"] = str(uuid.uuid4())
    statement_store(statement=data, user=UserFactory())
    with pytest.raises(StatementConflict):
        statement_store(statement=data, user=UserFactory())


def test_a_batch_is_all_or_nothing():
    good, bad = statement(), statement(verb={"id": "not an IRI"})
    with pytest.raises(StatementInvalid) as error:
        statements_store(statements=[good, bad])
    assert "verb.id" in error.value.message
    assert not Statement.objects.exists()


def test_a_batch_with_the_same_id_twice_is_refused():
    data = statement()
    with pytest.raises(StatementInvalid):
        statements_store(statements=[data, data])


def test_relations_record_agents_and_activities_for_the_filters():
    data = statement(
        context={
            "instructor": {"mbox": "mailto:teacher@example.org"},
            "contextActivities": {"parent": {"id": "http://example.org/course"}},
        }
    )
    stored, _created = statement_store(statement=data)
    relations = set(StatementRelation.objects.filter(statement=stored).values_list("kind", "value", "direct"))
    assert ("agent", "mbox:mailto:ana@example.org", True) in relations
    assert ("agent", "mbox:mailto:teacher@example.org", False) in relations
    assert ("activity", "http://example.org/activities/quiz-1", True) in relations
    assert ("activity", "http://example.org/course", False) in relations
    assert stored.data["context"]["contextActivities"]["parent"] == [{"id": "http://example.org/course"}]


def test_voiding_marks_the_target_voided():
    target, _ = statement_store(statement=statement())
    statement_store(statement=voiding(str(target.statement_id)))
    target.refresh_from_db()
    assert target.voided


def test_a_statement_arriving_after_its_voiding_statement_is_stored_voided():
    target = statement()
    statement_store(statement=voiding(target["id"]))
    stored, _ = statement_store(statement=target)
    assert stored.voided


def test_voiding_a_voiding_statement_is_refused():
    target, _ = statement_store(statement=statement())
    void, _ = statement_store(statement=voiding(str(target.statement_id)))
    with pytest.raises(StatementInvalid):
        statement_store(statement=voiding(str(void.statement_id)))


def test_client_secrets_are_stored_as_a_keyed_hash_and_checked():
    client, secret = lrs_client()
    assert secret not in client.secret_hash
    assert client.secret_hash == secret_digest(secret)
    assert lrs_client_authenticate(key=client.key, secret=secret) == client
    assert lrs_client_authenticate(key=client.key, secret=secret + "x") is None
    client.active = False
    client.save()
    lrs_client_changed(client=client)
    assert lrs_client_authenticate(key=client.key, secret=secret) is None


def _in_threads(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.django_db(transaction=True)
def test_the_same_statement_posted_concurrently_is_stored_once():
    data = statement()
    results = _in_threads(8, lambda _i: statement_store(statement=data))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(1 for _stored, created in results if created) == 1
    assert len({stored.pk for stored, _created in results}) == 1
    assert Statement.objects.filter(statement_id=data["id"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_batches_neither_deadlock_nor_duplicate():
    shared = [statement(actor={"mbox": "mailto:shared@example.org"}) for _ in range(30)]

    def work(index):
        batch = shared[::-1] if index % 2 else list(shared)
        batch = batch + [statement() for _ in range(10)]
        return statements_store(statements=batch)

    results = _in_threads(6, work)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Statement.objects.count() == 30 + 6 * 10
    assert Statement.objects.filter(statement_id__in=[s["id"] for s in shared]).count() == 30
