import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import api
from search.registry import providers


class Command(BaseCommand):
    help = "Rebuild the search index in batches (all providers, or those named), with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="provider kinds (course, curriculum, …); all by default")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--clear", action="store_true", help="empty the index first")

    def handle(self, *args, kinds, batch_size, clear, **options):
        unknown = sorted(set(kinds) - set(providers()))
        if unknown:
            raise CommandError(f"Unknown kinds: {', '.join(unknown)}. Known: {', '.join(sorted(providers()))}")
        start = time.monotonic()
        totals = {}

        def progress(kind: str, done: int) -> None:
            totals[kind] = done
            bar = "#" * min(30, done // max(1, batch_size))
            self.stdout.write(f"\r{kind:<12} [{bar:<30}] {done}", ending="")
            self.stdout.flush()

        count = api.reindex(kinds or None, batch_size=batch_size, progress=progress, clear=clear)
        if totals:
            self.stdout.write("")
        elapsed = time.monotonic() - start
        self.stdout.write(f"{count} documents indexed in {elapsed:.1f} s")
        sys.stdout.flush()
