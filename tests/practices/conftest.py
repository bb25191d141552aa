import pytest

from tests.practices.factories import people as make_people


@pytest.fixture
def p(db):
    return make_people()
