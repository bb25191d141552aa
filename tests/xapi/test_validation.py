"""Strict statement validation: the requirements of the ADL conformance suite's Data 2.x tests."""

import copy

import pytest

from xapi.validation import ValidationProblem, validate_statement

from .factories import h5p_true_false_statement, statement


def invalid(mutate) -> dict:
    data = statement()
    mutate(data)
    return data


def _set(path: str, value):
    def mutate(data):
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value

    return mutate


BAD = {
    "verb id not an IRI": _set("verb.id", "answered"),
    "verb id with spaces": _set("verb.id", "http://example.org/has space"),
    "activity id not an IRI": _set("object.id", "not an iri"),
    "scaled score above 1": _set("result.score.scaled", 1.5),
    "scaled score below -1": _set("result.score.scaled", -1.01),
    "scaled score as a string": _set("result.score.scaled", "0.5"),
    "raw above max": _set("result.score.raw", 11),
    "min not below max": _set("result.score.min", 10),
    "mbox without mailto": _set("actor.mbox", "ana@example.org"),
    "mbox not an address": _set("actor.mbox", "mailto:ana"),
    "mbox_sha1sum not hex": lambda d: d.update(actor={"mbox_sha1sum": "xyz"}),
    "two identifiers": _set("actor.openid", "http://openid.example.org/ana"),
    "no identifier": lambda d: d.update(actor={"name": "Ana"}),
    "account without homePage": lambda d: d.update(actor={"account": {"name": "ana"}}),
    "account with bad homePage": lambda d: d.update(actor={"account": {"name": "ana", "homePage": "example"}}),
    "actor objectType wrong": _set("actor.objectType", "Person"),
    "object objectType wrong": _set("object.objectType", "Thing"),
    "invalid UUID id": _set("id", "not-a-uuid"),
    "id of the wrong variant": _set("id", "5e1bb4e4-1d38-4a8c-7a3f-6f0d7b3c6d2e"),
    "extra top-level property": _set("colour", "blue"),
    "extra verb property": _set("verb.colour", "blue"),
    "extra result property": _set("result.grade", "A"),
    "null value": _set("result.response", None),
    "success not a boolean": _set("result.success", "true"),
    "bad duration": _set("result.duration", "3 seconds"),
    "weeks with days": _set("result.duration", "P4W1D"),
    "weeks with hours": _set("result.duration", "P1WT2H"),
    "interactionType an object": _set("object.definition.interactionType", {"choice": True}),
    "authority an identified group": _set(
        "authority",
        {
            "objectType": "Group",
            "mbox": "mailto:group@example.org",
            "member": [{"mbox": "mailto:a@example.org"}, {"mbox": "mailto:b@example.org"}],
        },
    ),
    "authority a group of one": _set(
        "authority", {"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"}]}
    ),
    "authority a group of three": _set(
        "authority",
        {"objectType": "Group", "member": [{"mbox": f"mailto:{n}@example.org"} for n in "abc"]},
    ),
    "mailbox domain of dots only": _set("actor.mbox", "mailto:ana@..."),
    "bad language tag": _set("verb.display", {"not a tag!": "answered"}),
    "language map not an object": _set("verb.display", "answered"),
    "timestamp not ISO 8601": _set("timestamp", "yesterday"),
    "timestamp with -00:00": _set("timestamp", "2026-11-28T10:00:00-00:00"),
    "version 2.0": _set("version", "2.0.0"),
    "registration not a UUID": _set("context.registration", "abc"),
    "revision with an Agent object": lambda d: d.update(
        object={"objectType": "Agent", "mbox": "mailto:b@example.org"}, context={"revision": "2"}
    ),
    "anonymous group without members": lambda d: d.update(actor={"objectType": "Group", "name": "G"}),
    "group inside a group": lambda d: d.update(
        actor={
            "objectType": "Group",
            "member": [{"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"}]}],
        }
    ),
    "agent object without objectType": lambda d: d.update(object={"mbox": "mailto:b@example.org"}),
    "substatement with an id": lambda d: d.update(
        object={
            "objectType": "SubStatement",
            "id": "5e1bb4e4-1d38-4a8c-8a3f-6f0d7b3c6d2e",
            "actor": {"mbox": "mailto:b@example.org"},
            "verb": {"id": "http://example.org/verbs/x"},
            "object": {"id": "http://example.org/a"},
        }
    ),
    "substatement inside a substatement": lambda d: d.update(
        object={
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:b@example.org"},
            "verb": {"id": "http://example.org/verbs/x"},
            "object": {
                "objectType": "SubStatement",
                "actor": {"mbox": "mailto:b@example.org"},
                "verb": {"id": "http://example.org/verbs/x"},
                "object": {"id": "http://example.org/a"},
            },
        }
    ),
    "voiding without a StatementRef": _set("verb.id", "http://adlnet.gov/expapi/verbs/voided"),
    "StatementRef with a bad id": lambda d: d.update(object={"objectType": "StatementRef", "id": "x"}),
    "interaction components for the wrong type": _set(
        "object.definition", {"interactionType": "true-false", "choices": [{"id": "a"}]}
    ),
    "unknown interaction type": _set("object.definition", {"interactionType": "essay"}),
    "correctResponsesPattern without interactionType": _set("object.definition", {"correctResponsesPattern": ["true"]}),
    "extension key not an IRI": _set("result.extensions", {"score": 1}),
    "attachment without sha2": _set(
        "attachments",
        [{"usageType": "http://example.org/u", "display": {"en": "A"}, "contentType": "text/plain", "length": 1}],
    ),
    "missing verb": lambda d: d.pop("verb"),
    "missing actor": lambda d: d.pop("actor"),
    "missing object": lambda d: d.pop("object"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_invalid_statements_are_refused_with_the_property_named(case):
    data = invalid(BAD[case])
    with pytest.raises(ValidationProblem) as problem:
        validate_statement(data)
    assert problem.value.message


def test_the_problem_names_the_path():
    with pytest.raises(ValidationProblem) as problem:
        validate_statement(invalid(_set("result.score.scaled", 5)))
    assert problem.value.path == "result.score.scaled"


GOOD = {
    "the default": lambda d: None,
    "duration in weeks": _set("result.duration", "P4W"),
    "authority an OAuth pair": _set(
        "authority",
        {"objectType": "Group", "member": [{"mbox": "mailto:app@example.org"}, {"mbox": "mailto:user@example.org"}]},
    ),
    "object is an Agent": lambda d: d.update(object={"objectType": "Agent", "mbox": "mailto:b@example.org"}),
    "object is an identified Group": lambda d: d.update(
        object={"objectType": "Group", "account": {"homePage": "http://example.org", "name": "team"}}
    ),
    "object is an anonymous Group": lambda d: d.update(
        object={"objectType": "Group", "member": [{"mbox": "mailto:b@example.org"}]}
    ),
    "object is a SubStatement": lambda d: d.update(
        object={
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:b@example.org"},
            "verb": {"id": "http://example.org/verbs/planned"},
            "object": {"id": "http://example.org/a"},
            "context": {"contextActivities": {"parent": {"id": "http://example.org/p"}}},
        }
    ),
    "object is a StatementRef": lambda d: d.update(
        object={"objectType": "StatementRef", "id": "5e1bb4e4-1d38-4a8c-8a3f-6f0d7b3c6d2e"}
    ),
    "actor is a Group with members": lambda d: d.update(
        actor={"objectType": "Group", "mbox": "mailto:team@example.org", "member": [{"mbox": "mailto:a@example.org"}]}
    ),
    "mbox_sha1sum": lambda d: d.update(actor={"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"}),
    "openid": lambda d: d.update(actor={"openid": "http://openid.example.org/ana"}),
    "unicode IRI": _set("object.id", "http://example.org/actividad/evaluación"),
    "scaled score at the bounds": _set("result.score.scaled", -1),
    "timestamp without offset and with nanoseconds": _set("timestamp", "2026-11-28T10:00:00.123456789"),
    "timestamp with an offset": _set("timestamp", "2026-11-28T10:00:00+05:30"),
    "full context": _set(
        "context",
        {
            "registration": "5e1bb4e4-1d38-4a8c-8a3f-6f0d7b3c6d2e",
            "instructor": {"mbox": "mailto:teacher@example.org"},
            "team": {"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"}]},
            "contextActivities": {"grouping": [{"id": "http://example.org/course"}]},
            "revision": "2",
            "platform": "Capacitas",
            "language": "es-419",
            "statement": {"objectType": "StatementRef", "id": "5e1bb4e4-1d38-4a8c-8a3f-6f0d7b3c6d2e"},
            "extensions": {"http://example.org/ext": {"anything": [1, None]}},
        },
    ),
    "empty extension values": _set("result.extensions", {"http://example.org/ext": None}),
    "choice interaction": _set(
        "object.definition",
        {
            "interactionType": "choice",
            "correctResponsesPattern": ["a[,]b"],
            "choices": [{"id": "a", "description": {"en": "A"}}, {"id": "b"}],
        },
    ),
    "attachment by fileUrl": _set(
        "attachments",
        [
            {
                "usageType": "http://adlnet.gov/expapi/attachments/signature",
                "display": {"en": "Certificate"},
                "contentType": "application/pdf",
                "length": 1024,
                "sha2": "a" * 64,
                "fileUrl": "http://example.org/certificate.pdf",
            }
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(GOOD))
def test_valid_statements_are_accepted(case):
    data = statement()
    GOOD[case](data)
    validate_statement(copy.deepcopy(data))


def test_a_real_h5p_statement_is_valid_once_the_server_sets_the_actor():
    data = h5p_true_false_statement()
    with pytest.raises(ValidationProblem):
        validate_statement(data)  # h5p-standalone without a user sends an account without homePage
    data["actor"] = {"objectType": "Agent", "account": {"homePage": "http://testserver/", "name": "1"}}
    validate_statement(data)
