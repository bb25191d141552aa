"""The one-query permission backend answers as Django's ModelBackend does."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import PermissionsModelBackend
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_same_permissions_as_django_in_one_query():
    user = UserFactory()
    group = Group.objects.create(name="editors-x")
    group.permissions.add(*Permission.objects.filter(codename__startswith="change_")[:3])
    user.groups.add(group)
    user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_")[:2])
    expected = ModelBackend().get_all_permissions(_fresh(user))
    assert len(expected) == 5
    fresh = _fresh(user)
    with CaptureQueriesContext(connection) as ctx:
        assert PermissionsModelBackend().get_all_permissions(fresh) == expected
        assert PermissionsModelBackend().has_perm(fresh, sorted(expected)[0])
    assert len(ctx.captured_queries) == 1


def test_inactive_and_superuser():
    inactive = UserFactory(is_active=False)
    inactive.user_permissions.add(Permission.objects.first())
    assert PermissionsModelBackend().get_all_permissions(_fresh(inactive)) == set()
    boss = UserFactory(is_superuser=True)
    assert PermissionsModelBackend().get_all_permissions(_fresh(boss)) == ModelBackend().get_all_permissions(
        _fresh(boss)
    )
