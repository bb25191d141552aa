"""Two officers take the last seat of a run at the same moment, on PostgreSQL: one gets it, the
other goes to the waiting list."""

import threading

import pytest
from django.db import connection, connections

from courses import services
from courses.models import Enrolment
from tests.accounts.factories import official, state
from tests.courses.factories import CoursePageFactory, CourseRunFactory


@pytest.mark.django_db(transaction=True)
def test_last_seat_taken_at_once_by_two_officers(site_frame):
    assert connection.vendor == "postgresql"
    mx = state("MX")
    run = CourseRunFactory(course=CoursePageFactory(state=mx, pacing="cohort"), capacity=3)
    for _i in range(2):  # two of three seats already taken
        services.enrolment_create(user=official(mx), course=run.course, run=run)
    racers = [official(mx), official(mx)]
    barrier = threading.Barrier(len(racers))
    outcomes, errors = {}, []

    def take_seat(user):
        try:
            barrier.wait(timeout=10)
            outcomes[user.pk] = services.enrolment_create(user=user, course=run.course, run=run).status
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_seat, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(outcomes.values()) == ["active", "waitlisted"]
    assert Enrolment.objects.filter(run=run, status="active").count() == 3
