"""Life cycles of an activity through its services, for each role and state: nominate, accept
within capacity, waiting list, withdrawal promoting the first waiting, decline, attendance,
certificates and evaluation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from activities import services
from activities.models import Activity, Attendance, Evaluation, Nomination, NominationStatus, Status

from .conftest import add_session, make_activity

pytestmark = pytest.mark.django_db


def test_manager_nominates_own_agency_and_organiser_accepts(world):
    activity = make_activity(world, capacity=2)
    nomination = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    assert nomination.status == NominationStatus.NOMINATED
    assert nomination.state == world.cr and nomination.agency == world.cr_agency
    decided = services.nomination_decide(actor=world.cr_coordinator, nomination=nomination, accept=True)
    assert decided.status == NominationStatus.ACCEPTED and decided.decided_by == world.cr_coordinator


def test_manager_may_not_nominate_another_agencys_official(world):
    activity = make_activity(world)
    with pytest.raises(PermissionDenied):
        services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_agency_2_official)
    assert not Nomination.objects.exists()


def test_coordinator_nominates_any_official_of_their_state(world):
    activity = make_activity(world)
    nomination = services.nominate(
        nominator=world.cr_coordinator, activity=activity, official=world.cr_agency_2_official
    )
    assert nomination.agency == world.cr_agency_2


def test_national_activity_refuses_another_states_coordinator(world):
    activity = make_activity(world, scope="national")
    with pytest.raises(PermissionDenied):
        services.nominate(nominator=world.gt_coordinator, activity=activity, official=world.gt_official)
    assert not Nomination.objects.exists()


def test_coordinator_may_not_nominate_another_states_official(world):
    activity = make_activity(world, scope="regional")
    with pytest.raises(PermissionDenied):
        services.nominate(nominator=world.cr_coordinator, activity=activity, official=world.co_official)
    assert not Nomination.objects.exists()


def test_subregional_activity_takes_the_subregion_only(world):
    activity = make_activity(world, scope="subregional")
    services.nominate(nominator=world.gt_manager, activity=activity, official=world.gt_official)
    with pytest.raises(PermissionDenied):
        services.nominate(nominator=world.co_manager, activity=activity, official=world.co_official)
    assert Nomination.objects.count() == 1


def test_regional_activity_takes_every_state(world):
    activity = make_activity(world, scope="regional", capacity=5)
    for nominator, person in (
        (world.cr_manager, world.cr_officials[0]),
        (world.gt_coordinator, world.gt_official),
        (world.co_manager, world.co_official),
    ):
        services.nominate(nominator=nominator, activity=activity, official=person)
    assert Nomination.objects.filter(activity=activity).count() == 3


def test_an_official_cannot_nominate(world):
    activity = make_activity(world)
    with pytest.raises(PermissionDenied):
        services.nominate(nominator=world.cr_officials[1], activity=activity, official=world.cr_officials[1])


def test_the_secretariat_does_not_nominate(world):
    activity = make_activity(world, scope="regional")
    with pytest.raises(PermissionDenied):
        services.nominate(nominator=world.secretariat, activity=activity, official=world.cr_officials[0])


def test_nominating_twice_is_a_conflict(world):
    activity = make_activity(world)
    services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    with pytest.raises(ValidationError) as caught:
        services.nominate(nominator=world.cr_coordinator, activity=activity, official=world.cr_officials[0])
    assert caught.value.code == services.CONFLICT
    assert Nomination.objects.count() == 1


def test_closed_activity_refuses_nominations(world):
    activity = make_activity(world, status=Status.CLOSED)
    with pytest.raises(ValidationError) as caught:
        services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    assert caught.value.code == services.CONFLICT


def test_past_capacity_goes_to_the_waiting_list_and_a_freed_seat_promotes_the_first(world):
    activity = make_activity(world, capacity=1)
    first, second, third = (
        services.nominate(nominator=world.cr_manager, activity=activity, official=person)
        for person in world.cr_officials[:3]
    )
    assert services.nomination_decide(actor=world.cr_coordinator, nomination=first, accept=True).status == "accepted"
    assert services.nomination_decide(actor=world.cr_coordinator, nomination=second, accept=True).status == "waitlisted"
    assert services.nomination_decide(actor=world.cr_coordinator, nomination=third, accept=True).status == "waitlisted"
    services.nomination_withdraw(actor=world.cr_officials[0], nomination=first)
    statuses = dict(Nomination.objects.values_list("official_id", "status"))
    assert statuses[world.cr_officials[1].pk] == NominationStatus.ACCEPTED
    assert statuses[world.cr_officials[2].pk] == NominationStatus.WAITLISTED


def test_a_larger_capacity_promotes_the_waiting(world):
    activity = make_activity(world, capacity=1)
    for person in world.cr_officials[:2]:
        n = services.nominate(nominator=world.cr_manager, activity=activity, official=person)
        services.nomination_decide(actor=world.cr_coordinator, nomination=n, accept=True)
    services.capacity_update(actor=world.cr_coordinator, activity=activity, capacity=2)
    assert Nomination.objects.filter(status=NominationStatus.ACCEPTED).count() == 2


def test_capacity_below_accepted_is_a_conflict(world):
    activity = make_activity(world, capacity=2)
    for person in world.cr_officials[:2]:
        n = services.nominate(nominator=world.cr_manager, activity=activity, official=person)
        services.nomination_decide(actor=world.cr_coordinator, nomination=n, accept=True)
    with pytest.raises(ValidationError):
        services.capacity_update(actor=world.cr_coordinator, activity=activity, capacity=1)
    assert Activity.objects.get(pk=activity.pk).capacity == 2


def test_nobody_accepts_their_own_nomination(world):
    activity = make_activity(world)
    nomination = services.nominate(nominator=world.cr_coordinator, activity=activity, official=world.cr_officials[0])
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=world.cr_coordinator, nomination=nomination, accept=True)
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.NOMINATED


def test_nobody_accepts_a_nomination_of_themselves(world):
    activity = make_activity(world, organiser_kind="agency", agency=world.cr_agency)
    nomination = services.nominate(nominator=world.cr_coordinator, activity=activity, official=world.cr_manager)
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=world.cr_manager, nomination=nomination, accept=True)


def test_another_states_coordinator_cannot_decide(world):
    activity = make_activity(world, scope="regional")
    nomination = services.nominate(nominator=world.gt_manager, activity=activity, official=world.gt_official)
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=world.gt_coordinator, nomination=nomination, accept=True)


def test_agency_organiser_decides(world):
    activity = make_activity(world, organiser_kind="agency", agency=world.cr_agency, scope="subregional")
    nomination = services.nominate(nominator=world.gt_manager, activity=activity, official=world.gt_official)
    assert services.nomination_decide(actor=world.cr_manager, nomination=nomination, accept=True).status == "accepted"


def test_secretariat_organises_partner_activities(world):
    activity = make_activity(world, organiser_kind="partner", partner_name="UNODC", scope="regional")
    nomination = services.nominate(nominator=world.co_manager, activity=activity, official=world.co_official)
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=world.cr_coordinator, nomination=nomination, accept=True)
    assert services.nomination_decide(actor=world.secretariat, nomination=nomination, accept=False).status == "declined"


def test_deciding_twice_is_a_conflict(world):
    activity = make_activity(world)
    nomination = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    services.nomination_decide(actor=world.cr_coordinator, nomination=nomination, accept=True)
    with pytest.raises(ValidationError) as caught:
        services.nomination_decide(actor=world.secretariat, nomination=nomination, accept=True)
    assert caught.value.code == services.CONFLICT


def test_another_agencys_manager_cannot_withdraw(world):
    activity = make_activity(world)
    nomination = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(actor=world.gt_manager, nomination=nomination)


def test_create_checks_the_organiser(world):
    start = timezone.now() + datetime.timedelta(days=3)
    fields = {
        "title": "Seminario",
        "format": "seminar",
        "scope": "national",
        "discipline": "prison",
        "organiser_kind": "state",
        "state": world.gt,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=4),
        "time_zone": "America/Guatemala",
        "online_url": "https://meet.example/abc",
        "capacity": 10,
        "hours": Decimal("4"),
        "languages": ["es"],
    }
    with pytest.raises(PermissionDenied):
        services.activity_create(creator=world.cr_coordinator, **fields)
    activity = services.activity_create(creator=world.gt_coordinator, **fields)
    assert activity.pk and activity.created_by == world.gt_coordinator
    with pytest.raises(ValidationError):
        services.activity_create(creator=world.gt_coordinator, **{**fields, "measure_codes": ["no-such-measure"]})
    with pytest.raises(ValidationError):
        services.activity_create(creator=world.gt_coordinator, **{**fields, "online_url": ""})


def _accepted(world, activity, people):
    out = []
    for person in people:
        n = services.nominate(nominator=world.cr_manager, activity=activity, official=person)
        out.append(services.nomination_decide(actor=world.cr_coordinator, nomination=n, accept=True))
    return out


def test_attendance_certificates_and_evaluation(world):
    start = timezone.now() - datetime.timedelta(days=3)
    activity = make_activity(world, capacity=3, starts_at=start)
    first = add_session(activity, days=0, hours=6)
    second = add_session(activity, days=1, hours=6, title="Día 2")
    a, b, c = _accepted(world, activity, world.cr_officials[:3])
    services.attendance_record(actor=world.cr_coordinator, session=first, present_ids=[a.pk, b.pk])
    services.attendance_record(actor=world.cr_coordinator, session=second, present_ids=[a.pk])
    assert Attendance.objects.filter(present=True).count() == 3
    assert Attendance.objects.count() == 6  # everyone accepted, present or not
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=world.gt_coordinator, session=first, present_ids=[a.pk])
    codes = services.certificates_issue(actor=world.cr_coordinator, activity=activity)
    assert len(codes) == 2  # c attended nothing
    from courses.api import certificate_facts

    facts = certificate_facts(codes[0])
    assert facts.kind == "attendance" and facts.course_title == activity.title
    hours = sorted(certificate_facts(code).hours for code in codes)
    assert hours == [Decimal("6.0"), Decimal("12.0")]
    assert services.certificates_issue(actor=world.cr_coordinator, activity=activity) == codes  # idempotent
    services.evaluation_submit(user=world.cr_officials[0], nomination=a, overall=5, relevance=4, organisation=4)
    with pytest.raises(ValidationError):
        services.evaluation_submit(user=world.cr_officials[0], nomination=a, overall=5, relevance=4, organisation=4)
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(user=world.cr_officials[1], nomination=a, overall=1, relevance=1, organisation=1)
    assert Evaluation.objects.count() == 1


def test_attendance_only_for_accepted(world):
    activity = make_activity(world)
    session = add_session(activity)
    n = services.nominate(nominator=world.cr_manager, activity=activity, official=world.cr_officials[0])
    with pytest.raises(ValidationError):
        services.attendance_record(actor=world.cr_coordinator, session=session, present_ids=[n.pk])
    assert not Attendance.objects.exists()


def test_certificates_wait_for_the_last_session(world):
    activity = make_activity(world)
    add_session(activity)
    with pytest.raises(ValidationError):
        services.certificates_issue(actor=world.cr_coordinator, activity=activity)


def test_cancel_withdraws_everyone(world):
    activity = make_activity(world)
    _accepted(world, activity, world.cr_officials[:2])
    services.activity_cancel(actor=world.cr_coordinator, activity=activity)
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.WITHDRAWN}
    with pytest.raises(PermissionDenied):
        services.activity_cancel(actor=world.gt_coordinator, activity=make_activity(world))


def test_calendar_address_rotates(world):
    feed = services.calendar_feed_for(user=world.cr_officials[0])
    old = feed.token
    assert services.calendar_feed_for(user=world.cr_officials[0]).token == old
    assert services.calendar_feed_rotate(user=world.cr_officials[0]).token != old
