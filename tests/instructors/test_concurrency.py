"""Two people taking the same step at the same moment: exactly one passes (PostgreSQL row lock and
conditional update)."""

import threading

import pytest
from django.db import connection

from instructors import services
from instructors.models import Agreement, AgreementEvent, Stage
from tests.accounts.factories import coordinator

from .factories import agreement


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_of_the_same_step(world):
    subject = agreement(
        profile=world.instructor,
        host_agency=world.host_agency,
        proposed_by=world.host_manager,
        stage=Stage.HOME_AGENCY_APPROVED,
    )
    second = coordinator(world.home_state, username="cl-coordinator-2")
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        try:
            mine = Agreement.objects.get(pk=subject.pk)  # both read the step before either takes it
            barrier.wait(timeout=10)
            services.agreement_transition(agreement=mine, actor=user, action="approve_home_state")
            outcomes.append("passed")
        except services.TransitionConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in (world.home_coordinator, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "passed"]
    subject.refresh_from_db()
    assert subject.stage == Stage.HOME_STATE_APPROVED
    assert AgreementEvent.objects.filter(agreement=subject, action="approve_home_state").count() == 1
