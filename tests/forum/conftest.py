import pytest

from tests.forum.factories import forum_people, forum_spaces


@pytest.fixture
def people(db):
    return forum_people()


@pytest.fixture
def spaces(people):
    return forum_spaces(people)
