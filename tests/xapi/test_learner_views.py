"""The learner's download of their statements: the account page links it, the file is an xAPI
StatementResult oldest first, voided statements are left out, and its queries do not grow."""

import json

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from xapi import api as xapi_api

from .factories import statement

pytestmark = pytest.mark.django_db

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _body(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


def test_the_account_page_links_the_download(client):
    learner = UserFactory()
    client.force_login(learner)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("xapi_learner:statements") in page


def test_statements_oldest_first_without_voided_ones(client):
    learner = UserFactory()
    stored = [xapi_api.statement_store(statement=statement(), user=learner)[0] for _ in range(3)]
    xapi_api.statement_store(
        statement=statement(
            verb={"id": VOIDED, "display": {"en-US": "voided"}},
            object={"objectType": "StatementRef", "id": str(stored[1].statement_id)},
        ),
        user=learner,
    )
    client.force_login(learner)
    statements = _body(client.get(reverse("xapi_learner:statements")))["statements"]
    assert [s["id"] for s in statements[:2]] == [str(stored[0].statement_id), str(stored[2].statement_id)]
    assert statements[-1]["verb"]["id"] == VOIDED
    assert all(s["authority"]["account"]["name"] == "lrs" for s in statements)


def test_an_empty_record_is_valid_json(client):
    client.force_login(UserFactory())
    assert _body(client.get(reverse("xapi_learner:statements"))) == {"statements": [], "more": ""}


@pytest.mark.parametrize("count", [1, 30])
def test_queries_do_not_grow_with_the_statements(client, django_assert_num_queries, count):
    learner = UserFactory()
    xapi_api.statements_store(statements=[statement() for _ in range(count)], user=learner)
    client.force_login(learner)
    # Session, user, then the statements (a server-side cursor: declare, fetch, close), whatever their number.
    with django_assert_num_queries(5):
        response = client.get(reverse("xapi_learner:statements"))
        assert len(_body(response)["statements"]) == count
