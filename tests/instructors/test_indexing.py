"""What the exchange hands to search: verified profiles and open listings, tier law_enforcement."""

from instructors import indexing
from search.api import Provider

from .factories import OfferFactory, instructor


def test_providers_and_documents(world):
    providers = {p.kind: p for p in indexing.providers()}
    assert set(providers) == {"instructor", "offer", "request"}
    assert all(isinstance(p, Provider) for p in providers.values())

    hidden = instructor(world.home_agency, username="unverified", verified=False)
    docs = list(providers["instructor"].documents([world.instructor.pk, hidden.pk]))
    assert [d.object_id for d in docs] == [world.instructor.pk]
    doc = docs[0]
    assert (doc.kind, doc.audience, doc.state_id, doc.language) == (
        "instructor",
        "law_enforcement",
        world.home_state.pk,
        "es",
    )
    assert sorted(doc.topics) == ["Chain of custody", "Crime scene"]  # no Spanish names: English ones
    assert doc.url == f"/es/exchange/instructors/{world.instructor.pk}/"

    offer = OfferFactory(agency=world.home_agency, language="fr", topics=world.topics)
    closed = OfferFactory(agency=world.home_agency, status="closed")
    docs = list(providers["offer"].documents([offer.pk, closed.pk]))
    assert [(d.object_id, d.language, d.audience, d.delivery) for d in docs] == [
        (offer.pk, "fr", "law_enforcement", "in_person")
    ]

    docs = list(providers["request"].documents(None))
    assert [(d.object_id, d.state_code, d.subregion) for d in docs] == [(world.request.pk, "CO", "south_america")]
