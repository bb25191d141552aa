"""The agent and activity filters give the same statements whether they are read from the
relations index (a selective value) or by testing statements newest first (a broad one),
StatementRefs, related agents and activities, voided statements and paging included."""

import json

import pytest

from xapi import selectors

from .factories import ACTIVITY, statement

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"
OTHER = "http://example.org/activities/other"
PARENT = "http://example.org/courses/1"


def _post(lrs, payload):
    response = lrs.post(URL, json.dumps(payload), content_type="application/json")
    assert response.status_code == 200, response.content


def _all_ids(lrs, params) -> list[str]:
    seen, url, query = [], URL, dict(params, limit=2)
    while True:
        body = lrs.get(url, query).json()
        seen += [s["id"] for s in body["statements"]]
        if not body["more"]:
            return seen
        url, query = body["more"], {}


@pytest.fixture
def store(lrs):
    context = {"contextActivities": {"parent": [{"id": PARENT}]}}
    ana = {"objectType": "Agent", "mbox": "mailto:ana@example.org"}
    ben = {"objectType": "Agent", "mbox": "mailto:ben@example.org"}
    made = [
        statement(actor=ana, context=context),
        statement(actor=ben, context=context),
        statement(actor=ana, object={"objectType": "Activity", "id": OTHER}),
        statement(actor=ben, object={"objectType": "Activity", "id": OTHER}, context=context),
        statement(actor=ana, context=context, timestamp="2026-11-29T10:00:00.000Z"),
    ]
    for data in made:
        _post(lrs, data)
    ref = statement(
        actor=ben,
        verb={"id": "http://example.org/verbs/liked"},
        object={"objectType": "StatementRef", "id": made[0]["id"]},
    )
    _post(lrs, ref)
    voided = statement(actor=ana)
    _post(lrs, voided)
    _post(
        lrs,
        statement(
            actor=ben,
            verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
            object={"objectType": "StatementRef", "id": voided["id"]},
        ),
    )
    return lrs


CASES = [
    {"agent": json.dumps({"mbox": "mailto:ana@example.org"})},
    {"agent": json.dumps({"mbox": "mailto:ben@example.org"})},
    {"activity": ACTIVITY},
    {"activity": OTHER},
    {"activity": PARENT},
    {"activity": PARENT, "related_activities": "true"},
    {"agent": json.dumps({"mbox": "mailto:ana@example.org"}), "activity": ACTIVITY},
    {"agent": json.dumps({"mbox": "mailto:ben@example.org"}), "activity": PARENT, "related_activities": "true"},
    {"agent": json.dumps({"mbox": "mailto:ana@example.org"}), "ascending": "true"},
    {"verb": "http://example.org/verbs/liked"},
]


@pytest.mark.parametrize("params", CASES)
def test_both_plans_give_the_same_statements_in_the_same_order(store, monkeypatch, params):
    monkeypatch.setattr(selectors, "SELECTIVE", 10_000)  # every value is selective: the index plan
    by_index = _all_ids(store, params)
    monkeypatch.setattr(selectors, "SELECTIVE", 0)  # every value is broad: the scan newest first
    by_scan = _all_ids(store, params)
    assert by_index == by_scan
    assert len(set(by_index)) == len(by_index)


def test_a_reference_to_a_match_is_found_by_the_index_plan(store, monkeypatch):
    monkeypatch.setattr(selectors, "SELECTIVE", 10_000)
    found = store.get(URL, {"agent": json.dumps({"mbox": "mailto:ana@example.org"}), "limit": 50}).json()["statements"]
    assert any(s["object"].get("objectType") == "StatementRef" for s in found)
