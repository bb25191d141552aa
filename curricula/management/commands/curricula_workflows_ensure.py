"""Give every member state (or those named) its curriculum approval workflow. Idempotent."""

from django.core.management.base import BaseCommand

from accounts.api import member_states
from curricula.services import state_workflow_ensure


class Command(BaseCommand):
    help = "Create or repair each member state's curriculum approval workflow (coordinators approve)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="ISO codes (default: every member state)")

    def handle(self, *args, codes, **options):
        states = member_states(codes=codes or None)
        for state in states:
            workflow = state_workflow_ensure(state=state)
            self.stdout.write(f"{state.code}: {workflow.name}")
