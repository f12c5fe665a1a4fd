from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from doelbinding.partners import selectors, services
from doelbinding.tenancy.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = (
        "List, per municipality, the agreements in force that expired or expire within the window, and mail the "
        "privacy staff about those not reminded of before. Idempotent: run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagen",
            type=int,
            default=settings.PARTNERS_EXPIRY_WINDOW_DAYS,
            help="het venster in dagen (standaard PARTNERS_EXPIRY_WINDOW_DAYS)",
        )
        parser.add_argument("--niet-mailen", action="store_true", help="alleen tonen, geen herinneringen versturen")

    def handle(self, *args, dagen, niet_mailen, **options):
        today = timezone.localdate()
        municipalities = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name"))
        total = 0
        for n, controller in enumerate(municipalities, start=1):
            agreements = selectors.expiring_agreements(controller, today=today, window_days=dagen)
            sent = [] if niet_mailen else services.expiry_reminders_send(controller=controller, agreements=agreements)
            self.stdout.write(f"[{n}/{len(municipalities)}] {controller.name}: {len(agreements)} afspraken")
            for agreement in agreements:
                mark = " (herinnering verstuurd)" if agreement in sent else ""
                self.stdout.write(f"  {agreement.expires_on:%d-%m-%Y}  {agreement.title}{mark}")
            total += len(sent)
        self.stdout.write(f"Klaar: {total} nieuwe herinneringen binnen {dagen} dagen.")
