from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from doelbinding.processinglog import retention


class Command(BaseCommand):
    help = (
        "Remove the processing-log entries older than the retention period (PROCESSINGLOG_RETENTION_DAYS, at least "
        f"{retention.MINIMUM_DAYS} days): on PostgreSQL by dropping whole months (partitions), on SQLite the same "
        "entries in batches. Records per chain what was removed, so verify_log keeps verifying the chains, and on "
        "PostgreSQL creates the partitions of this month and the coming twelve. Idempotent; run it daily or monthly. "
        "With --droog it only reports what would be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagen",
            type=int,
            help=f"bewaartermijn in dagen in plaats van de instelling (ten minste {retention.MINIMUM_DAYS})",
        )
        parser.add_argument("--droog", action="store_true", help="alleen melden wat zou worden verwijderd")
        parser.add_argument(
            "--partij",
            type=int,
            default=10_000,
            help="verwijder per zoveel items tegelijk (SQLite; PostgreSQL: per maand)",
        )

    def handle(self, *args, dagen=None, droog=False, partij=10_000, **options):
        days = settings.PROCESSINGLOG_RETENTION_DAYS if dagen is None else dagen
        today = timezone.localdate()
        try:
            cutoff = retention.cutoff(today, days)
            self.stdout.write(
                f"Bewaartermijn {days} dagen: items van {retention.first_kept_day(today, days):%d-%m-%Y} en later "
                f"blijven; verwijderd wordt alles van vóór {cutoff:%d-%m-%Y} (hele maanden)."
            )
            result = retention.sweep(
                today=today, retention_days=days, batch_size=partij, progress=self._progress, dry_run=droog
            )
        except retention.RetentionRefused as refusal:
            raise CommandError(str(refusal)) from refusal

        if droog:
            for month in result.months:
                where = f" (partitie {month.partition})" if month.partition else ""
                self.stdout.write(f"  {month.first_day:%m-%Y}: {month.entries} items{where}")
            if result.created:
                self.stdout.write(f"Zou {len(result.created)} partitie(s) aanmaken: {', '.join(result.created)}.")
            self.stdout.write(
                f"Proefdraaien: {result.removed} items uit {len(result.months)} maand(en) zouden worden verwijderd; "
                "er is niets verwijderd. Zonder --droog wordt dit uitgevoerd."
            )
            return
        if result.created:
            self.stdout.write(f"{len(result.created)} partitie(s) aangemaakt: {', '.join(result.created)}.")
        if not result.months:
            self.stdout.write(f"Niets te verwijderen: het logboek bevat geen items van vóór {cutoff:%d-%m-%Y}.")
            return
        self.stdout.write(
            f"{result.removed} items verwijderd uit {len(result.months)} maand(en) in {result.seconds:.1f} s; "
            f"{len(result.runs)} overbrugging(en) vastgelegd, zodat verify_log de ketens blijft controleren."
        )

    def _progress(self, removed, month):
        if month is None:
            self.stdout.write(f"  {removed} items verwijderd")
        else:
            self.stdout.write(
                f"  {month.first_day:%m-%Y}: {month.entries} items verwijderd (partitie {month.partition})"
            )
