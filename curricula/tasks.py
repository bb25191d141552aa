"""Thin tasks: ids in, a service does the work."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def source_published(page_id: int, revision_id: int) -> int:
    """A curriculum published a revision: tell its adopters (once per adoption and revision)."""
    from .services import adopters_notify

    return adopters_notify(source_page_id=page_id, revision_id=revision_id)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def state_workflow(state_id: int) -> None:
    """A member state was created: give it its approval workflow."""
    from accounts.api import member_state_by_id

    from .services import state_workflow_ensure

    state = member_state_by_id(state_id)
    if state is not None:
        state_workflow_ensure(state=state)
