"""Factories for xapi: LRS clients (with their one-time secret) and valid xAPI statements."""

import uuid

from xapi.services import lrs_client_create

VERB = "http://adlnet.gov/expapi/verbs/answered"
ACTIVITY = "http://example.org/activities/quiz-1"


def lrs_client(*, name: str = "Partner LMS", can_read: bool = True, can_write: bool = True, can_read_all=False):
    """An LRS client and its secret."""
    return lrs_client_create(name=name, can_read=can_read, can_write=can_write, can_read_all=can_read_all)


def statement(**overrides) -> dict:
    """A valid statement with a fresh id; keyword arguments replace top-level properties."""
    data = {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@example.org"},
        "verb": {"id": VERB, "display": {"en-US": "answered", "es": "respondió"}},
        "object": {
            "objectType": "Activity",
            "id": ACTIVITY,
            "definition": {
                "name": {"en-US": "Quiz", "en-GB": "Quiz (GB)"},
                "type": "http://adlnet.gov/expapi/activities/assessment",
            },
        },
        "result": {"score": {"scaled": 0.8, "raw": 8, "min": 0, "max": 10}, "success": True, "completion": True},
        "timestamp": "2026-11-28T10:00:00.000Z",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def h5p_true_false_statement() -> dict:
    """What h5p-standalone sends for an answered True/False question (actor without a homePage)."""
    return {
        "actor": {"name": "User", "objectType": "Agent", "account": {"name": "abc", "homePage": None}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {
            "id": "http://127.0.0.1/h5p/content/1",
            "objectType": "Activity",
            "definition": {
                "extensions": {"http://h5p.org/x-api/h5p-local-content-id": 1},
                "name": {"en-US": "Is the sky blue?"},
                "description": {"en-US": "<p>Is the sky blue?</p>\n"},
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "interactionType": "true-false",
                "correctResponsesPattern": ["true"],
            },
        },
        "context": {
            "contextActivities": {
                "category": [{"id": "http://h5p.org/libraries/H5P.TrueFalse-1.8", "objectType": "Activity"}]
            }
        },
        "result": {
            "score": {"min": 0, "max": 1, "raw": 1, "scaled": 1},
            "completion": True,
            "success": True,
            "duration": "PT3.48S",
            "response": "true",
        },
    }
