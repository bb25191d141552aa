"""Two organisers accepting the last seat at the same moment: one seat, one waiting place (a row lock
on the activity, PostgreSQL)."""

import threading

import pytest
from django.db import connection

from activities import services
from activities.models import Nomination, NominationStatus

from .conftest import build_world, make_activity


@pytest.mark.django_db(transaction=True)
def test_the_last_seat_goes_to_one():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    world = build_world()
    activity = make_activity(world, capacity=1, scope="subregional")
    first = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    second = services.nominate(nominator=world.gt_manager, activity=activity, official=world.gt_official)
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(actor, nomination):
        try:
            barrier.wait(timeout=10)
            outcomes.append(services.nomination_decide(actor=actor, nomination=nomination, accept=True).status)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(world.cr_coordinator, first)),
        threading.Thread(target=accept, args=(world.secretariat, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == [NominationStatus.ACCEPTED, NominationStatus.WAITLISTED]
    assert Nomination.objects.filter(activity=activity, status=NominationStatus.ACCEPTED).count() == 1
