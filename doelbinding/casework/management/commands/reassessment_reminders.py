from django.core.management.base import BaseCommand
from django.utils import timezone

from doelbinding.casework import selectors, services
from doelbinding.tenancy.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = (
        "List, per municipality, the open cases whose reassessment date has come or comes within the window, and "
        "mail their regisseur once per date. Idempotent: run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dagen", type=int, default=7, help="het venster in dagen (standaard 7)")
        parser.add_argument("--niet-mailen", action="store_true", help="alleen tonen, geen herinneringen versturen")

    def handle(self, *args, dagen, niet_mailen, **options):
        today = timezone.localdate()
        municipalities = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name"))
        total = 0
        for n, controller in enumerate(municipalities, start=1):
            cases = selectors.cases_to_reassess(controller, today=today, window_days=dagen)
            sent = [] if niet_mailen else services.reassessment_reminders_send(cases=cases)
            self.stdout.write(f"[{n}/{len(municipalities)}] {controller.name}: {len(cases)} casussen")
            for case in cases:
                mark = " (herinnering verstuurd)" if case in sent else ""
                self.stdout.write(f"  {case.reassess_on:%d-%m-%Y}  {case.reference}{mark}")
            total += len(sent)
        self.stdout.write(f"Klaar: {total} nieuwe herinneringen binnen {dagen} dagen.")
