"""Rotate the issuer key where keys are generated (development, tests, single-host installs):
the current key is retired, its public half kept in the JWKS, and a new key signs from now on.
With BADGES_ISSUER_KEY set, the operator rotates by moving the old key's public half into
BADGES_RETIRED_KEYS and setting a new BADGES_ISSUER_KEY; this command says so."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from badges.keys import rotate_generated_key


class Command(BaseCommand):
    help = "Retire the generated issuer key (kept in the JWKS) and generate a new one."

    def handle(self, *args, **options):
        if settings.BADGES_ISSUER_KEY or not settings.BADGES_GENERATE_KEY:
            raise CommandError(
                "The issuer key comes from BADGES_ISSUER_KEY: put its public key (PEM) into BADGES_RETIRED_KEYS "
                "and set a new BADGES_ISSUER_KEY."
            )
        old, new = rotate_generated_key()
        self.stdout.write(f"retired {old}; signing with {new}")
