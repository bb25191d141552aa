"""People and practices of the library, made through the services (so that every step is real)."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.api import Audience
from practices import services
from practices.models import Practice
from tests.accounts.factories import AgencyFactory, coordinator, official, secretariat, state


@dataclass
class People:
    state_a: object
    state_b: object
    agency_a: object
    agency_b: object
    submitter: object  # a verified official of state A, of agency A
    coordinator_a: object
    coordinator_b: object
    secretariat: object
    official_b: object  # a verified official of state B, of agency B
    official_a2: object  # another official of state A, of another agency of A


def people() -> People:
    state_a, state_b = state("CO"), state("JM")
    agency_a, agency_b = (
        AgencyFactory(state=state_a, name="Policía Nacional"),
        AgencyFactory(state=state_b, name="Jamaica Constabulary Force"),
    )
    return People(
        state_a=state_a,
        state_b=state_b,
        agency_a=agency_a,
        agency_b=agency_b,
        submitter=official(agency=agency_a, username="submitter"),
        coordinator_a=coordinator(state_a, username="coord_a"),
        coordinator_b=coordinator(state_b, username="coord_b"),
        secretariat=secretariat(username="secretariat"),
        official_b=official(agency=agency_b, username="official_b"),
        official_a2=official(agency=AgencyFactory(state=state_a, name="INPEC"), username="official_a2"),
    )


def practice_data(**overrides) -> dict:
    data = {
        "language": "es",
        "title": "Mesas de seguridad barrial",
        "summary": "Reuniones mensuales entre policía y vecinos.",
        "context": "Barrios con alta victimización.",
        "problem": "Desconfianza entre policía y comunidad.",
        "actions": "Se instalaron mesas mensuales con actas públicas.",
        "results": "La denuncia creció 30 %; encuestas de confianza < 5 % de rechazo.",
        "resources": "Dos agentes por mesa; sin costo adicional.",
        "contact": "mesas@policia.example",
        "discipline": "police",
        "audience": Audience.PUBLIC,
        "gender_perspective": True,
        "human_rights": False,
        "measures": [],
        "topics": [],
    }
    data.update(overrides)
    return data


def submitted(p: People, *, user=None, state_obj=None, **overrides) -> Practice:
    return services.practice_submit(
        user=user or p.submitter, state=state_obj or p.state_a, data=practice_data(**overrides)
    )


def reviewed(p: People, **overrides) -> Practice:
    practice = submitted(p, **overrides)
    reviewer = p.coordinator_b if practice.state_id == p.state_b.pk else p.coordinator_a
    return services.practice_review(user=reviewer, practice=practice, approve=True)


def published(p: People, **overrides) -> Practice:
    practice = reviewed(p, **overrides)
    return services.practice_publish(user=p.secretariat, practice=practice)
