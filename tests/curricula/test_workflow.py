"""Each state's curricula go through its coordinators' approval: draft, submit, approve or reject."""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowPage, WorkflowState

from curricula.services import state_workflow_ensure, workflow_name
from home.api import state_pages_ensure
from tests.accounts.factories import coordinator, editor
from tests.curricula.conftest import admin_login
from tests.curricula.factories import curriculum

pytestmark = pytest.mark.django_db


def submit(page, user):
    workflow = page.get_workflow()
    assert workflow is not None
    revision = page.save_revision(user=user)
    workflow.start(page, user)
    return revision


def current_task_state(page) -> TaskState:
    return WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    ).current_task_state


def test_workflow_attached_to_every_language_of_the_state(states):
    mx, _co = states
    pages = state_pages_ensure(state=mx)
    for page in pages.values():
        assert WorkflowPage.objects.get(page=page).workflow.name == workflow_name(mx)
    state_workflow_ensure(state=mx)  # idempotent
    assert WorkflowPage.objects.filter(page__in=[p.pk for p in pages.values()]).count() == 4
    task = WorkflowPage.objects.get(page=pages["fr"]).workflow.workflow_tasks.get().task.specific
    assert [g.name for g in task.groups.all()] == ["MX coordinators"]


def test_submit_then_coordinator_approves_and_it_is_published(states, client):
    mx, _co = states
    author = editor(mx)
    page = curriculum(mx, title="Forensic interviewing", publish=False, user=author)
    assert page.get_workflow().name == workflow_name(mx)
    submit(page, author)
    task_state = current_task_state(page)

    other_coordinator = coordinator(_co)
    admin_login(client, other_coordinator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live  # a coordinator of another state cannot approve

    client.logout()
    admin_login(client, coordinator(mx))
    response = client.post(url, {"comment": "Approved for 2027."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    task_state.refresh_from_db()
    assert task_state.status == "approved"


def test_reject_returns_it_with_the_comment(states, client):
    mx, _co = states
    author = editor(mx)
    page = curriculum(mx, title="Prison intake", publish=False, user=author)
    submit(page, author)
    task_state = current_task_state(page)
    admin_login(client, coordinator(mx))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    response = client.post(url, {"comment": "Module 2 needs the 2024 penitentiary law."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "Module 2 needs the 2024 penitentiary law."
    workflow_state = page.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "needs_changes"
    # The author sees the comment on the edit view.
    client.logout()
    admin_login(client, author)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert "Module 2 needs the 2024 penitentiary law." in edit.content.decode()


def test_new_member_state_gets_its_workflow_on_commit(site_frame, django_capture_on_commit_callbacks):
    from accounts.services import member_state_create

    with django_capture_on_commit_callbacks(execute=True):
        state = member_state_create(
            code="BZ",
            iso3="BLZ",
            name_en="Belize",
            name_es="Belice",
            name_pt="Belize",
            name_fr="Belize",
            subregion="central_america",
        )
    pages = Page.objects.filter(memberstatepage__state=state)
    assert pages.count() == 4
    assert WorkflowPage.objects.filter(page__in=pages, workflow__name=workflow_name(state)).count() == 4
