from django.core.management.base import BaseCommand

from lti import keys


class Command(BaseCommand):
    help = "Retire the LTI tool's signing key and make a new one (the old public key stays in the JWKS for LTI_KEY_GRACE_DAYS)."

    def handle(self, *args, **options):
        old, new = keys.rotate()
        self.stdout.write(f"Retired {old or '(none)'}; signing with {new}.")
