import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Protected tables are cached per fact-table refresh; tests start from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def two_states(site_frame):
    from accounts.models import MemberState
    from tests.accounts.factories import state

    mx, co = state("MX"), state("CO")
    return MemberState.objects.get(pk=mx.pk), MemberState.objects.get(pk=co.pk)
