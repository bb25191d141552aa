from django.core.management.base import BaseCommand, CommandError

from search import api
from search.registry import providers


class Command(BaseCommand):
    help = "Report documents whose index entry drifted from the database (missing, stale, orphaned)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*")
        parser.add_argument("--limit", type=int, default=20, help="how many keys to list for each problem")

    def handle(self, *args, kinds, limit, **options):
        unknown = sorted(set(kinds) - set(providers()))
        if unknown:
            raise CommandError(f"Unknown kinds: {', '.join(unknown)}")
        drift = api.check(kinds or None)
        for label, keys in (("missing", drift.missing), ("stale", drift.stale), ("orphaned", drift.orphans)):
            self.stdout.write(f"{label}: {len(keys)}")
            for key in keys[:limit]:
                self.stdout.write(f"  {key}")
        if drift.ok:
            self.stdout.write("The index matches the database.")
        else:
            raise CommandError("The index has drifted: run manage.py search_reindex.")
