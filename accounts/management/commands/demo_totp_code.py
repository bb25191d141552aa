"""Print the current TOTP code of a demo account, for newcomers without an authenticator app."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import ACCOUNTS


class Command(BaseCommand):
    help = "Print the current six-digit TOTP code of a demo account (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if email not in {row[0] for row in ACCOUNTS}:
            raise CommandError("Only the demo accounts printed by load_demo have codes shown here.")
        totp = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).first()
        if totp is None:
            raise CommandError("This account has no authenticator; run load_demo first.")
        secret = decrypt(totp.data["secret"])
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
