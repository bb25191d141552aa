"""The exchange's list filters: unknown values are left out, hostile ids never reach the database,
and listings without a valid status show the open ones only."""

import pytest

from instructors.filters import ListingFilter, ProfileFilter
from instructors.models import ExchangeRequest, InstructorProfile, ListingStatus

from .factories import ExchangeRequestFactory


@pytest.mark.django_db
def test_profiles_filter_by_topic_state_and_language_and_ignore_what_is_not_a_choice(world):
    everyone = InstructorProfile.objects.all()
    topic = world.topics[0]
    assert list(ProfileFilter({"topic": str(topic.pk)}, queryset=everyone).qs) == [world.instructor]
    assert list(ProfileFilter({"state": "cl", "language": "en"}, queryset=everyone).qs) == [world.instructor]
    assert list(ProfileFilter({"state": "CO"}, queryset=everyone).qs) == []
    for ignored in ({"discipline": "astrology"}, {"topic": "9" * 30}, {"topic": "-1"}, {"topic": "١"}):
        assert list(ProfileFilter(ignored, queryset=everyone).qs) == [world.instructor], ignored


@pytest.mark.django_db
def test_profiles_filter_keeps_the_raw_values_for_the_form_and_the_pages():
    found = ProfileFilter({"discipline": "police", "page": "2"}, queryset=InstructorProfile.objects.all())
    assert found.values() == {"discipline": "police", "topic": "", "language": "", "state": "", "format": ""}


@pytest.mark.django_db
def test_listings_show_open_ones_unless_a_valid_status_is_asked_for(world):
    closed = ExchangeRequestFactory(agency=world.host_agency, created_by=world.host_manager)
    ExchangeRequest.objects.filter(pk=closed.pk).update(status=ListingStatus.CLOSED)
    every = ExchangeRequest.objects.all()
    assert closed not in ListingFilter({}, queryset=every).qs
    assert closed not in ListingFilter({"status": "nonsense"}, queryset=every).qs
    assert list(ListingFilter({"status": ListingStatus.CLOSED}, queryset=every).qs) == [closed]
    assert list(ListingFilter({"state": "co", "format": "in_person"}, queryset=every).qs) == [world.request]
