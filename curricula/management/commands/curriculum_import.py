"""Import a curriculum exported as JSON (from this instance or another) as a draft."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.api import member_state_by_code
from curricula.exchange import ImportProblem, curriculum_import


class Command(BaseCommand):
    help = "Import a curriculum JSON export as a draft under its member state's page (or --state's)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON file, or - for standard input")
        parser.add_argument("--state", help="ISO code of the member state to import into (default: the export's)")

    def handle(self, *args, path, state=None, **options):
        if path == "-":
            import sys

            text = sys.stdin.read()
        else:
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{path}: {error}") from error
        try:
            target = member_state_by_code(state) if state else None
            page = curriculum_import(text=text, state=target)
        except ImportProblem as problem:
            raise CommandError(f"{path}: {problem}") from problem
        except ValidationError as error:
            raise CommandError(f"{path}: {' '.join(error.messages)}") from error
        self.stdout.write(f"Imported “{page.title}” as a draft (page {page.pk}) under {page.get_parent().title}.")
