"""Ranking cases with their reasons: deterministic, with a stable tie-break, in constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from instructors import matching
from instructors.models import HostReport, Stage
from tests.accounts.factories import AgencyFactory, state

from .factories import ExchangeRequestFactory, OfferFactory, agreement, instructor

MARCH = [(datetime.date(2027, 2, 20), datetime.date(2027, 3, 10))]


@pytest.fixture
def candidates(world):
    agencies = {code: AgencyFactory(state=state(code), name=f"Police {code}") for code in ("AR", "BR", "MX")}
    a = instructor(
        world.home_agency,
        username="a",
        topics=world.topics,
        windows=MARCH,
        formats=["in_person"],
        travel=["south_america"],
    )
    b = instructor(
        agencies["MX"],
        username="b",
        topics=world.topics[:1],
        languages={"es": "C1"},
        windows=[(datetime.date(2027, 3, 3), datetime.date(2027, 3, 20))],
        formats=["online"],
        travel=["north_america"],
    )
    c = instructor(
        agencies["AR"],
        username="c",
        topics=world.topics,
        windows=MARCH,
        formats=["in_person"],
        travel=["south_america"],
    )
    d = instructor(
        agencies["BR"],
        username="d",
        topics=world.topics,
        windows=MARCH,
        formats=["in_person"],
        travel=["south_america"],
    )
    instructor(world.host_agency, username="local", topics=world.topics, windows=MARCH)  # the host's own state
    instructor(agencies["AR"], username="unverified", verified=False, topics=world.topics, windows=MARCH)
    for _ in range(2):
        past = agreement(profile=c, host_agency=world.host_agency, proposed_by=world.host_manager, stage=Stage.CLOSED)
        HostReport.objects.create(agreement=past, submitted_by=world.host_manager, evaluation=5, instructor_rating=5)
    return {"a": a, "b": b, "c": c, "d": d, "world": world.instructor}


def test_instructors_ranked_with_reasons(world, candidates):
    ranking = matching.instructors_for_request(world.request)
    names = {profile.pk: name for name, profile in candidates.items()}
    assert [(names[m.obj.pk], m.score) for m in ranking] == [("c", 98), ("a", 90), ("d", 90), ("world", 75), ("b", 51)]

    c = ranking[0]
    assert c.points("history") == 8  # 2 exchanges (2 each) + rated 4.5 or more (4)
    assert "2 past exchanges, rated 5.0 of 5" in next(r.text for r in c.reasons if r.key == "history")

    b = ranking[-1]
    points = {reason.key: reason.points for reason in b.reasons}
    assert points == {
        "topics": 15,
        "discipline": 10,
        "language": 17,
        "availability": 9,
        "format": 0,
        "travel": 0,
        "history": 0,
    }
    texts = {reason.key: reason.text for reason in b.reasons}
    assert texts["topics"] == "Covers 1 of 2 topics requested (Crime scene)."
    assert texts["language"] == "Works in the requested language (level C1)."
    assert texts["availability"] == "Available on 3 of the 5 days requested."
    assert texts["format"] == "Does not deliver in the requested format."
    assert texts["travel"] == "Does not travel to South America."

    world_match = next(m for m in ranking if m.obj.pk == candidates["world"].pk)
    assert world_match.points("availability") == 0


def test_ties_break_by_id_and_the_order_is_stable(world, candidates):
    first = [m.obj.pk for m in matching.instructors_for_request(world.request)]
    second = [m.obj.pk for m in matching.instructors_for_request(world.request)]
    assert first == second
    assert first.index(candidates["a"].pk) < first.index(candidates["d"].pk)  # equal scores: lower id first


def test_online_request_needs_no_travel(world, candidates):
    world.request.format = "online"
    world.request.save()
    b = next(m for m in matching.instructors_for_request(world.request) if m.obj.pk == candidates["b"].pk)
    assert b.points("travel") == 5 and b.points("format") == 10


def test_offers_ranked_for_a_request(world):
    mx = AgencyFactory(state=state("MX"))
    good = OfferFactory(agency=world.home_agency, topics=world.topics)
    english = OfferFactory(agency=mx, language="en", topics=world.topics)
    OfferFactory(agency=world.host_agency, topics=world.topics)  # the host's own state
    OfferFactory(agency=mx, topics=world.topics, status="closed")
    ranking = matching.offers_for_request(world.request)
    assert [(m.obj.pk, m.score) for m in ranking] == [(good.pk, 90), (english.pk, 70)]
    assert next(r.text for r in ranking[1].reasons if r.key == "language") == "Does not work in the requested language."


def test_requests_ranked_for_an_offer(world):
    offer = OfferFactory(agency=world.home_agency, topics=world.topics)
    mx = AgencyFactory(state=state("MX"))
    french = ExchangeRequestFactory(agency=mx, language="fr", topics=world.topics[:1])
    ExchangeRequestFactory(agency=mx, status="closed", topics=world.topics)
    ExchangeRequestFactory(agency=world.home_agency, topics=world.topics)  # the offer's own state
    ranking = matching.requests_for_offer(offer)
    assert [m.obj.pk for m in ranking] == [world.request.pk, french.pk]
    assert ranking[0].score == 90
    assert ranking[1].points("topics") == 30  # the French request asks one topic, which the offer covers
    assert ranking[1].points("language") == 0


def test_ranking_queries_do_not_grow_with_candidates(world):
    mx = AgencyFactory(state=state("MX"))

    def count():
        with CaptureQueriesContext(connection) as context:
            matching.instructors_for_request(world.request)
            matching.offers_for_request(world.request)
        return len(context)

    instructor(mx, username="one", topics=world.topics, windows=MARCH)
    OfferFactory(agency=mx, topics=world.topics)
    before = count()
    for n in range(5):
        instructor(mx, username=f"more{n}", topics=world.topics, windows=MARCH, languages={"es": "B2", "fr": "C1"})
        OfferFactory(agency=mx, topics=world.topics)
    assert count() == before
