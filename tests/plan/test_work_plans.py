"""The work plan's life cycle as a table: every step, tried by every role, in every status.

A step either happens (the status or the record it writes changes, and the log has one more line
with who and when) or is refused with PlanError and changes nothing."""

import datetime

import pytest

from plan import selectors, services
from plan.errors import PlanError
from plan.models import Activity, Position, StatePosition, WorkPlan, WorkPlanEvent, WorkPlanVersion
from tests.plan.factories import MeasureFactory, WorkPlanFactory, activity_data

pytestmark = pytest.mark.django_db

ROLES = ["secretariat", "secretariat_2", "coordinator_mx", "coordinator_co", "official_mx", "nobody"]
STATUSES = [s.value for s in WorkPlan.Status]
SECRETARIAT = {"secretariat", "secretariat_2"}


def _add_activity(work_plan, user, people):
    services.activity_save(
        user=user, work_plan=work_plan, data=activity_data(work_plan, [MeasureFactory()], title="Another course")
    )


def _send(work_plan, user, people):
    services.work_plan_send(user=user, work_plan=work_plan, note="Dates moved")


def _position_mx(work_plan, user, people):
    services.position_record(
        user=user, work_plan=work_plan, state=people["mx"], position=Position.APPROVE_WITH_COMMENTS, comment="Fine"
    )


def _reopen(work_plan, user, people):
    services.work_plan_reopen(user=user, work_plan=work_plan)


def _approve(work_plan, user, people):
    services.work_plan_approve(user=user, work_plan=work_plan)


def _publish(work_plan, user, people):
    services.work_plan_publish(user=user, work_plan=work_plan)


def _status(work_plan, user, people):
    services.activity_status_set(
        user=user, activity=work_plan.activities.get(number=1), status=Activity.Status.IN_PROGRESS
    )


STEPS = {
    "add_activity": (_add_activity, lambda role, status: role in SECRETARIAT and status == "draft"),
    "send": (_send, lambda role, status: role in SECRETARIAT and status == "draft"),
    "position_mx": (_position_mx, lambda role, status: role == "coordinator_mx" and status == "consultation"),
    "reopen": (_reopen, lambda role, status: role in SECRETARIAT and status == "consultation"),
    # The first member of the secretariat sent the version: only the second may record its approval.
    "approve": (_approve, lambda role, status: role == "secretariat_2" and status == "consultation"),
    "publish": (_publish, lambda role, status: role in SECRETARIAT and status == "approved"),
    # Mexico is responsible for activity 1.
    "status": (
        _status,
        lambda role, status: role in SECRETARIAT | {"coordinator_mx"} and status == "published",
    ),
}


def _fingerprint(work_plan):
    work_plan = WorkPlan.objects.get(pk=work_plan.pk)
    return (
        work_plan.status,
        work_plan.version,
        Activity.objects.filter(work_plan=work_plan).count(),
        list(Activity.objects.filter(work_plan=work_plan).values_list("status", flat=True)),
        WorkPlanVersion.objects.filter(work_plan=work_plan).count(),
        list(StatePosition.objects.filter(version__work_plan=work_plan).values_list("state__code", "position")),
        WorkPlanEvent.objects.filter(work_plan=work_plan).count(),
    )


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_life_cycle_table(step, role, status, people, make_work_plan):
    work_plan = make_work_plan(status)
    run, allowed = STEPS[step]
    user = people[role]
    before = _fingerprint(work_plan)
    events_before = WorkPlanEvent.objects.filter(work_plan=work_plan).count()
    if allowed(role, status):
        run(work_plan, user, people)
        assert _fingerprint(work_plan) != before
        last = WorkPlanEvent.objects.filter(work_plan=work_plan).order_by("-at", "-pk").first()
        assert WorkPlanEvent.objects.filter(work_plan=work_plan).count() == events_before + 1
        assert last.actor == user
    else:
        with pytest.raises(PlanError) as refused:
            run(work_plan, user, people)
        assert refused.value.status in (400, 403, 409)
        assert refused.value.message
        assert _fingerprint(work_plan) == before


def test_the_whole_path_keeps_versions_and_shows_differences(people):
    sec, sec2 = people["secretariat"], people["secretariat_2"]
    work_plan = WorkPlanFactory(created_by=sec)
    measure = MeasureFactory()
    first = services.activity_save(user=sec, work_plan=work_plan, data=activity_data(work_plan, [measure]))
    services.work_plan_send(user=sec, work_plan=work_plan)
    services.position_record(
        user=people["coordinator_mx"],
        work_plan=work_plan,
        state=people["mx"],
        position=Position.OBJECT,
        activity_comments={first.pk: "The dates clash with our academy's calendar."},
    )
    with pytest.raises(PlanError, match="1 member state objects"):
        services.work_plan_approve(user=sec2, work_plan=work_plan)
    services.work_plan_reopen(user=sec, work_plan=work_plan)
    services.activity_save(
        user=sec,
        work_plan=work_plan,
        activity=first,
        data=activity_data(work_plan, [measure], starts_on=datetime.date(work_plan.start_year, 5, 1)),
    )
    services.activity_save(user=sec, work_plan=work_plan, data=activity_data(work_plan, [measure], title="Forum"))
    with pytest.raises(PlanError):
        services.work_plan_send(user=sec, work_plan=work_plan)  # a revision says what changed
    services.work_plan_send(user=sec, work_plan=work_plan, note="Start moved to May; a forum added")
    services.position_record(user=people["coordinator_mx"], work_plan=work_plan, state=people["mx"], position="approve")
    services.work_plan_approve(user=sec2, work_plan=work_plan)
    services.work_plan_publish(user=sec, work_plan=work_plan)

    versions = selectors.versions_of(work_plan)
    assert [v.number for v in versions] == [1, 2]
    # Version 1 is kept as it was sent, with Mexico's objection.
    assert versions[0].snapshot[0]["starts_on"] == f"{work_plan.start_year}-03-01"
    assert versions[0].positions.get().position == Position.OBJECT
    changes = selectors.versions_diff(versions[0].snapshot, versions[1].snapshot)
    assert [(c.number, c.kind) for c in changes] == [(1, "changed"), (2, "added")]
    assert changes[0].fields == [("start", f"{work_plan.start_year}-03-01", f"{work_plan.start_year}-05-01")]
    kinds = [e.kind for e in selectors.events_of(work_plan)]
    assert kinds == [
        "activity_added",
        "sent",
        "position",
        "revised",
        "activity_changed",
        "activity_added",
        "sent",
        "position",
        "approved",
        "published",
    ]


def test_positions_cannot_change_after_approval(people, make_work_plan):
    work_plan = make_work_plan("approved")
    with pytest.raises(PlanError, match="approved") as refused:
        services.position_record(
            user=people["coordinator_co"],
            work_plan=work_plan,
            state=people["co"],
            position=Position.OBJECT,
            comment="We have changed our mind.",
        )
    assert refused.value.status == 409
    assert StatePosition.objects.get(version__work_plan=work_plan, state=people["co"]).position == Position.APPROVE


@pytest.mark.parametrize(
    ("start_year", "overlaps"), [(2039, True), (2040, True), (2041, True), (2038, False), (2042, False)]
)
def test_periods_do_not_overlap(people, start_year, overlaps):
    WorkPlanFactory(start_year=2040)
    if overlaps:
        with pytest.raises(PlanError, match="overlaps") as refused:
            services.work_plan_create(user=people["secretariat"], start_year=start_year, titles={"en": "New"})
        assert refused.value.status == 409
        assert WorkPlan.objects.count() == 1
    else:
        services.work_plan_create(user=people["secretariat"], start_year=start_year, titles={"en": "New"})
        assert WorkPlan.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"measures": []}, "at least one measure"),
        ({"measures": [987654]}, "does not exist"),
        ({"states": [987654]}, "member states does not exist"),
        ({"title_en": " "}, "title in English"),
        ({"expected_results": ""}, "expected to bring"),
        ({"ends_on": datetime.date(2040, 1, 1), "starts_on": datetime.date(2040, 2, 1)}, "ends before it starts"),
        ({"ends_on": datetime.date(2043, 1, 1)}, "within the work plan"),
    ],
)
def test_bad_activities_are_refused_with_a_message(people, change, message):
    work_plan = WorkPlanFactory(start_year=2040, created_by=people["secretariat"])
    data = {**activity_data(work_plan, [MeasureFactory()]), **change}
    with pytest.raises(PlanError, match=message):
        services.activity_save(user=people["secretariat"], work_plan=work_plan, data=data)
    assert not Activity.objects.exists()
    assert not WorkPlanEvent.objects.exists()


def test_comments_are_needed_with_an_objection(people, make_work_plan):
    work_plan = make_work_plan("consultation")
    with pytest.raises(PlanError, match="comments or objections"):
        services.position_record(
            user=people["coordinator_mx"], work_plan=work_plan, state=people["mx"], position=Position.OBJECT
        )


def test_a_comment_on_another_plans_activity_is_refused(people, make_work_plan):
    work_plan = make_work_plan("consultation")
    other = make_work_plan("draft")
    foreign = other.activities.get()
    with pytest.raises(PlanError, match="not in this work plan"):
        services.position_record(
            user=people["coordinator_mx"],
            work_plan=work_plan,
            state=people["mx"],
            position=Position.APPROVE_WITH_COMMENTS,
            activity_comments={foreign.pk: "ours"},
        )
    assert not StatePosition.objects.filter(state=people["mx"]).exists()
