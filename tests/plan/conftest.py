import pytest

from tests.plan.factories import plan_people, work_plan_in


@pytest.fixture
def people(db):
    return plan_people()


@pytest.fixture
def make_work_plan(people):
    return lambda status: work_plan_in(status, people)
