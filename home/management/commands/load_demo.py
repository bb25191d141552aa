"""Load the demo content of every app, in dependency order. Safe to run again: each app's loader
skips what is already there."""

import importlib

from django.core.management.base import BaseCommand

# Each app may have a ``demo`` module with ``load(*, stdout) -> None``.
DEMO_APPS = [
    "accounts",
    "home",
    "curricula",
    "courses",
    "h5p",
    "scorm",
    "lti",
    "instructors",
    "search",
    "monitoring",
    "plan",
    "forum",
    "practices",
    "activities",
    "sso",
]


class Command(BaseCommand):
    help = "Load demo member states, accounts and content in four languages."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            self.stdout.write(f"Demo content: {app}")
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
