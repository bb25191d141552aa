"""The header's unread count is kept in the cache, and never behind a notice or a read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.api import mark_read, notify, unread_count
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_count_is_cached_and_follows_notices_and_reads():
    user = UserFactory()
    assert unread_count(user) == 0
    with CaptureQueriesContext(connection) as ctx:
        assert unread_count(user) == 0
    assert len(ctx.captured_queries) == 0
    notice = notify(recipients=[user], kind="test", subject="Hello", email=False)[0]
    assert unread_count(user) == 1
    notify(recipients=[user], kind="test", subject="Again", email=False)
    assert unread_count(user) == 2
    mark_read(user=user, notification_ids=[notice.pk])
    assert unread_count(user) == 1
    mark_read(user=user)
    assert unread_count(user) == 0


def test_one_readers_count_is_not_anothers():
    first, second = UserFactory(), UserFactory()
    notify(recipients=[first], kind="test", subject="Hello", email=False)
    assert (unread_count(first), unread_count(second)) == (1, 0)
