"""A small exchange world: Colombia (host) and Chile (home) with their managers and coordinators."""

from dataclasses import dataclass

import pytest

from tests.accounts.factories import AgencyFactory, UserFactory, coordinator, manager, state

from .factories import ExchangeRequestFactory, TopicFactory, instructor


@dataclass
class World:
    host_state: object
    home_state: object
    other_state: object
    host_agency: object
    home_agency: object
    host_manager: object
    home_manager: object
    host_coordinator: object
    home_coordinator: object
    other_coordinator: object
    instructor: object
    request: object
    topics: list


def build_world() -> World:
    host_state, home_state, other_state = state("CO"), state("CL"), state("MX")
    host_agency = AgencyFactory(state=host_state, name="Policía Nacional de Colombia")
    home_agency = AgencyFactory(state=home_state, name="Policía de Investigaciones de Chile")
    topics = [
        TopicFactory(slug="crime-scene", name_en="Crime scene"),
        TopicFactory(slug="custody", name_en="Chain of custody"),
    ]
    host_manager = manager(host_agency, username="host-manager", first_name="Camila", last_name="Rojas")
    profile = instructor(
        home_agency,
        username="instructor",
        first_name="Javiera",
        last_name="Soto",
        topics=topics,
        languages={"es": "native", "en": "B2"},
    )
    return World(
        host_state=host_state,
        home_state=home_state,
        other_state=other_state,
        host_agency=host_agency,
        home_agency=home_agency,
        host_manager=host_manager,
        home_manager=manager(home_agency, username="home-manager", first_name="Pedro", last_name="Muñoz"),
        host_coordinator=coordinator(host_state, username="co-coordinator", first_name="Andrés", last_name="Gómez"),
        home_coordinator=coordinator(home_state, username="cl-coordinator", first_name="María", last_name="Fuentes"),
        other_coordinator=coordinator(other_state, username="mx-coordinator", first_name="Luis", last_name="Hernández"),
        instructor=profile,
        request=ExchangeRequestFactory(agency=host_agency, created_by=host_manager, topics=topics),
        topics=topics,
    )


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for a whole module of tests that only add rows: built once inside an outer
    transaction; each test runs in a savepoint within it (pytest-django's ``db``), and the whole
    world is rolled back when the module ends."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger")
