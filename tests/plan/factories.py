"""Factories of the plan: objectives, measures, work plans and activities."""

import datetime

import factory

from plan import services
from plan.models import Activity, Measure, Objective, Position, Section, WorkPlan
from tests.accounts.factories import UserFactory, coordinator, official, secretariat, state


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: str(n + 1))
    title_en = factory.Sequence(lambda n: f"Objective {n + 1}")
    title_es = factory.Sequence(lambda n: f"Objetivo {n + 1}")
    order = factory.Sequence(lambda n: n)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("code",)

    objective = factory.SubFactory(ObjectiveFactory)
    code = factory.Sequence(lambda n: f"9.{n + 1}")
    text_en = factory.Sequence(lambda n: f"Exchange curricula among training institutions, measure {n + 1}")
    text_es = factory.Sequence(lambda n: f"Intercambiar planes de estudio, medida {n + 1}")
    section = Section.TRAINING
    training = True


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    start_year = factory.Sequence(lambda n: 2030 + 2 * n)
    title_en = factory.LazyAttribute(lambda o: f"Work plan {o.start_year}–{o.start_year + 1}")
    created_by = factory.SubFactory(UserFactory)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    work_plan = factory.SubFactory(WorkPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Regional course {n + 1}")
    starts_on = factory.LazyAttribute(lambda o: datetime.date(o.work_plan.start_year, 3, 1))
    ends_on = factory.LazyAttribute(lambda o: datetime.date(o.work_plan.start_year, 11, 30))
    expected_results = "Two hundred officials trained."

    @factory.post_generation
    def measures(self, create, extracted, **kwargs):
        if create:
            self.measures.set(extracted or [MeasureFactory()])


def activity_data(work_plan, measures, *, states=(), title="Regional course on chain of custody", **extra) -> dict:
    """What the activity form hands to the service."""
    return {
        "title_en": title,
        "measures": [m.pk for m in measures],
        "states": [s.pk for s in states],
        "starts_on": datetime.date(work_plan.start_year, 3, 1),
        "ends_on": datetime.date(work_plan.start_year, 11, 30),
        "expected_results": "Two hundred officials trained.",
        **extra,
    }


def plan_people() -> dict:
    """Everyone a work plan meets: two members of the secretariat, the coordinators of Mexico and
    Colombia, an official of Mexico, and someone signed in without any role."""
    mx, co = state("MX"), state("CO")
    return {
        "mx": mx,
        "co": co,
        "secretariat": secretariat(username="sec-one"),
        "secretariat_2": secretariat(username="sec-two"),
        "coordinator_mx": coordinator(mx, username="coord-mx"),
        "coordinator_co": coordinator(co, username="coord-co"),
        "official_mx": official(mx, username="official-mx"),
        "nobody": UserFactory(username="nobody"),
    }


def work_plan_in(status: str, people) -> WorkPlan:
    """A work plan taken through the services to ``status``: drafted and sent by the first member of
    the secretariat, Colombia's position recorded (approve), approved by the second member."""
    sec = people["secretariat"]
    work_plan = WorkPlanFactory(created_by=sec)
    measure = MeasureFactory()
    services.activity_save(
        user=sec, work_plan=work_plan, data=activity_data(work_plan, [measure], states=[people["mx"]])
    )
    if status == WorkPlan.Status.DRAFT:
        return WorkPlan.objects.get(pk=work_plan.pk)
    services.work_plan_send(user=sec, work_plan=work_plan)
    services.position_record(
        user=people["coordinator_co"], work_plan=work_plan, state=people["co"], position=Position.APPROVE
    )
    if status == WorkPlan.Status.CONSULTATION:
        return WorkPlan.objects.get(pk=work_plan.pk)
    services.work_plan_approve(user=people["secretariat_2"], work_plan=work_plan)
    if status == WorkPlan.Status.APPROVED:
        return WorkPlan.objects.get(pk=work_plan.pk)
    services.work_plan_publish(user=sec, work_plan=work_plan)
    return WorkPlan.objects.get(pk=work_plan.pk)
