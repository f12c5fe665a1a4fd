from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from doelbinding.accounts.personas import current_code


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo user (demo or debug mode only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not (settings.DEBUG or settings.DEMO_MODE):
            raise CommandError("Alleen beschikbaar in demo- of ontwikkelmodus.")
        device = TOTPDevice.objects.filter(user__username=username, name="default").first()
        if device is None:
            raise CommandError(f"Geen demogebruiker '{username}' met een demo-authenticator.")
        self.stdout.write(f"code: {current_code(device)}")
        self.stdout.write(f"sleutel voor een authenticator-app (base32): {_base32(device.bin_key)}")


def _base32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode()
