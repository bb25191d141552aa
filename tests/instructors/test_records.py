"""An exchange's training becomes the instructor's statement once both reports are in, with the
participants by gender and role and the hours delivered, valid by the LRS's own validator."""

import pytest

from instructors import services
from instructors.models import Stage
from xapi import api as xapi_api
from xapi.models import Statement
from xapi.validation import validate_statement

from .test_lifecycle import make

pytestmark = pytest.mark.django_db


def test_a_reported_exchange_is_the_instructors_delivered_statement(world, django_capture_on_commit_callbacks):
    subject = make(world, Stage.DELIVERED)
    participants = {("female", "officer"): 9, ("male", "officer"): 8, ("undisclosed", "civilian"): 2}
    with django_capture_on_commit_callbacks(execute=True):
        services.host_report_submit(
            agreement=subject, actor=world.host_manager, evaluation=5, instructor_rating=4, participants=participants
        )
    assert not Statement.objects.exists()  # delivered once both sides have reported
    with django_capture_on_commit_callbacks(execute=True):
        services.instructor_report_submit(
            agreement=subject,
            actor=world.instructor.user,
            delivered="Five days on crime scenes.",
            hours_delivered=30,
            cascading_plan="Ten trainers will repeat it.",
            host_rating=5,
        )
    (row,) = Statement.objects.all()
    data = row.data
    validate_statement(dict(data))
    assert row.user_id == world.instructor.user_id
    assert data["actor"] == xapi_api.actor_for_user(world.instructor.user)
    assert data["verb"]["id"] == "http://activitystrea.ms/schema/1.0/deliver"
    assert data["object"]["id"] == xapi_api.object_iri("exchange", subject.pk)
    extensions = data["result"]["extensions"]
    assert extensions[xapi_api.extension_iri("participants-total")] == 19
    assert {(p["gender"], p["role"]): p["count"] for p in extensions[xapi_api.extension_iri("participants")]} == (
        participants
    )
    assert data["result"]["duration"] == "PT30H"
    definition = data["object"]["definition"]["extensions"]
    assert definition[xapi_api.extension_iri("host-state")] == "CO"
    assert definition[xapi_api.extension_iri("home-state")] == "CL"
