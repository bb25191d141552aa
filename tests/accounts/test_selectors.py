"""The member-state selectors that other apps read through accounts.api, one query each."""

import pytest

from accounts import api
from accounts.models import MemberState
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db


def test_member_state_for_code_ignores_case_and_spaces(django_assert_num_queries):
    mexico = f.state("MX")
    with django_assert_num_queries(1):
        assert api.member_state_for_code(" mx ") == mexico
    assert api.member_state_for_code("ZZ") is None
    assert api.member_state_for_code("") is None


def test_member_states_with_ids_keeps_the_models_order_and_skips_unknown_ids(django_assert_num_queries):
    chosen = [f.state("PE"), f.state("AR"), f.state("CA")]
    ids = [s.pk for s in chosen] + [max(s.pk for s in chosen) + 10_000]
    with django_assert_num_queries(1):
        found = api.member_states_with_ids(iter(ids))
    assert found == list(MemberState.objects.filter(pk__in=[s.pk for s in chosen]))
    assert api.member_states_with_ids([]) == []


def test_subregion_by_state_code_covers_every_state(django_assert_num_queries):
    f.state("JM")
    f.state("BR")
    with django_assert_num_queries(1):
        subregions = api.subregion_by_state_code()
    assert subregions["JM"] == "caribbean"
    assert subregions == {s.code: s.subregion for s in MemberState.objects.all()}
