import json
import sys

from django.core.management.base import BaseCommand

from search.catalog import generate


class Command(BaseCommand):
    help = "Write a realistic synthetic multilingual course catalogue (JSON Lines) for import_catalog and benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--output", "-o", default="-", help="a file, or - for standard output")

    def handle(self, *args, courses, seed, output, **options):
        try:
            from curricula.api import topic_slugs

            topics = topic_slugs(limit=50)
        except Exception:  # no database yet: a catalogue without topics
            topics = []
        handle = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        try:
            for record in generate(courses, seed=seed, topics=topics):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        finally:
            if handle is not sys.stdout:
                handle.close()
        if output != "-":
            self.stdout.write(f"{courses} courses written to {output}")
