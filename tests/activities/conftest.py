"""A small world for training activities: Costa Rica hosts; Guatemala shares its subregion
(Central America); Colombia does not (South America). Each has an agency, its manager, its
coordinator and officials; and there is the secretariat."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.api import Gender
from activities.models import Activity, Session
from tests.accounts.factories import AgencyFactory, coordinator, manager, official, secretariat, state


@dataclass
class World:
    cr: object
    gt: object
    co: object
    cr_agency: object
    cr_agency_2: object
    gt_agency: object
    co_agency: object
    cr_manager: object
    gt_manager: object
    co_manager: object
    cr_coordinator: object
    gt_coordinator: object
    co_coordinator: object
    cr_officials: list
    cr_agency_2_official: object
    gt_official: object
    co_official: object
    secretariat: object


def build_world() -> World:
    cr, gt, co = state("CR"), state("GT"), state("CO")
    cr_agency = AgencyFactory(state=cr, name="Fuerza Pública")
    cr_agency_2 = AgencyFactory(state=cr, name="Organismo de Investigación Judicial")
    gt_agency = AgencyFactory(state=gt, name="Policía Nacional Civil")
    co_agency = AgencyFactory(state=co, name="Policía Nacional de Colombia")
    genders = [Gender.FEMALE, Gender.MALE, Gender.FEMALE, Gender.MALE]
    return World(
        cr=cr,
        gt=gt,
        co=co,
        cr_agency=cr_agency,
        cr_agency_2=cr_agency_2,
        gt_agency=gt_agency,
        co_agency=co_agency,
        cr_manager=manager(cr_agency, username="cr-manager", first_name="Ana", last_name="Mora"),
        gt_manager=manager(gt_agency, username="gt-manager", first_name="Luis", last_name="Pérez"),
        co_manager=manager(co_agency, username="co-manager", first_name="Sofía", last_name="Gómez"),
        cr_coordinator=coordinator(cr, username="cr-coordinator", first_name="Carla", last_name="Solís"),
        gt_coordinator=coordinator(gt, username="gt-coordinator", first_name="Jorge", last_name="Ruiz"),
        co_coordinator=coordinator(co, username="co-coordinator", first_name="Diego", last_name="Ríos"),
        cr_officials=[
            official(agency=cr_agency, username=f"cr-official-{i}", first_name="Oficial", last_name=f"CR {i}", gender=g)
            for i, g in enumerate(genders)
        ],
        cr_agency_2_official=official(agency=cr_agency_2, username="cr-oij", first_name="Marta", last_name="Vega"),
        gt_official=official(agency=gt_agency, username="gt-official", first_name="Rosa", last_name="López"),
        co_official=official(agency=co_agency, username="co-official", first_name="Pablo", last_name="Díaz"),
        secretariat=secretariat(username="secretariat", first_name="Elena", last_name="Castro"),
    )


@pytest.fixture
def world(db):
    return build_world()


def make_activity(
    world, *, scope="national", capacity=2, organiser_kind="state", agency=None, audience="law_enforcement", **kwargs
):
    start = kwargs.pop("starts_at", timezone.now() + datetime.timedelta(days=10))
    fields = {
        "title": "Taller de cadena de custodia",
        "format": "workshop",
        "scope": scope,
        "discipline": "police",
        "organiser_kind": organiser_kind,
        "state": world.cr,
        "agency": agency,
        "audience": audience,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(days=1),
        "time_zone": "America/Costa_Rica",
        "venue": "San José",
        "capacity": capacity,
        "hours": Decimal("12"),
        "languages": ["es"],
    }
    fields.update(kwargs)
    return Activity.objects.create(**fields)


def add_session(activity, *, days=0, hours=6, title="Día 1"):
    start = activity.starts_at + datetime.timedelta(days=days)
    return Session.objects.create(
        activity=activity, title=title, starts_at=start, ends_at=start + datetime.timedelta(hours=hours)
    )
