"""Who reads, writes and moderates each kind of space: every role against every kind."""

import pytest

from forum import access

READERS = {
    # space: roles that read it
    "coordinators": {"secretariat", "coordinator_mx", "coordinator_co"},
    "officials": {"secretariat", "coordinator_mx", "coordinator_co", "official_mx", "official_co", "official_br"},
    "mx": {"secretariat", "coordinator_mx", "official_mx"},
    "co": {"secretariat", "coordinator_co", "official_co"},
    "public": {
        "secretariat",
        "coordinator_mx",
        "coordinator_co",
        "official_mx",
        "official_co",
        "official_br",
        "nobody",
        "anonymous",
    },
}
MODERATORS = {
    "coordinators": {"secretariat"},
    "officials": {"secretariat"},
    "mx": {"secretariat", "coordinator_mx"},
    "co": {"secretariat", "coordinator_co"},
    "public": {"secretariat"},
}
ROLES = [
    "secretariat",
    "coordinator_mx",
    "coordinator_co",
    "official_mx",
    "official_co",
    "official_br",
    "nobody",
    "anonymous",
]


def _user(people, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anonymous" else people[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("space_key", list(READERS))
def test_reading_and_moderating(people, spaces, role, space_key):
    user = _user(people, role)
    space = spaces[space_key]
    assert access.can_read_space(user, space) == (role in READERS[space_key])
    assert access.can_moderate_space(user, space) == (role in MODERATORS[space_key])
    assert access.can_write_space(user, space) == (role in READERS[space_key] and role != "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_readable_spaces_filter_agrees_with_can_read(people, spaces, role):
    from forum.models import Space

    user = _user(people, role)
    listed = set(Space.objects.filter(access.readable_spaces_q(user)).values_list("slug", flat=True))
    expected = {s.slug for key, s in spaces.items() if role in READERS[key]}
    assert listed == expected
