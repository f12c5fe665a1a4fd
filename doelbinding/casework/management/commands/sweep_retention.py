from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from doelbinding.casework import retention


class Command(BaseCommand):
    help = (
        "Destroy the case work whose retention is over (closed cases and ended involvements past their destruction "
        "date), with what hangs under them, in batches, each recorded in the processing log (action delete, one "
        "entry per data subject) in the transaction of its delete. Never touches a record under a hold (its own, its "
        "person's, its household's). Idempotent; run it daily. With --dry-run it only reports what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="alleen melden wat vernietigd zou worden")
        parser.add_argument("--batch", type=int, default=1_000, help="vernietig per zoveel records tegelijk")
        parser.add_argument("--gemeente", help="alleen deze gemeente (de code, bijvoorbeeld gemeente-voorbeeld)")

    def handle(self, *args, dry_run=False, batch=1_000, gemeente=None, **options):
        self.dry_run = dry_run
        try:
            result = retention.sweep(batch_size=batch, gemeente=gemeente, progress=self._progress, dry_run=dry_run)
        except retention.SweepRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        except DatabaseError as error:
            raise CommandError(f"De database of het logboek gaf een fout ({error}). {retention.STOPPED}") from error
        verb = "zou(den) worden vernietigd" if dry_run else "vernietigd"
        for found in result.controllers:
            name = found.controller.name
            destroyed = [f"{found.destroyed[k]} {label}" for k, label in retention.KINDS.items() if found.destroyed[k]]
            along = [f"{found.destroyed[k]} {label}" for k, label in retention.ALONG.items() if found.destroyed[k]]
            if destroyed:
                self.stdout.write(
                    f"{name}: {', '.join(destroyed)} {verb}" + (f" (met {', '.join(along)})" if along else "")
                )
                entries = "logboekregels zouden worden geschreven" if dry_run else "logboekregels geschreven"
                self.stdout.write(f"  {found.log_entries} {entries} (verwijderd, één per betrokkene)")
            else:
                self.stdout.write(f"{name}: niets te vernietigen")
            for kind, lines in found.samples.items():
                shown = found.destroyed[kind]
                self.stdout.write(f"  {retention.KINDS[kind]}:")
                for line in lines:
                    self.stdout.write(f"    {line}")
                if shown > len(lines):
                    self.stdout.write(f"    … en nog {shown - len(lines)}")
            held = found.held["cases"] + found.held["involvements"]
            if held:
                self.stdout.write(
                    f"  blijft staan door een blokkade: {found.held['cases']} casussen, "
                    f"{found.held['involvements']} betrokkenheden"
                )
            if found.bound:
                self.stdout.write(
                    f"  blijft staan omdat een casus de gedeelde aantekeningen nog gebruikt: {found.bound} "
                    "betrokkenheden"
                )
            missing = found.no_period["cases"] + found.no_period["involvements"]
            if missing:
                self.stdout.write(
                    f"  zonder vernietigingsdatum (het register noemt geen bewaartermijn): {found.no_period['cases']} "
                    f"casussen, {found.no_period['involvements']} betrokkenheden; vul de bewaartermijn aan"
                )
        if dry_run:
            self.stdout.write(
                f"Proefdraaien: er is niets vernietigd en niets in het logboek geschreven ({result.seconds:.1f} s). "
                "Zonder --dry-run wordt dit uitgevoerd."
            )
        else:
            self.stdout.write(f"Klaar in {result.seconds:.1f} s.")

    def _progress(self, controller, kind, done):
        verb = "zou(den) worden vernietigd" if self.dry_run else "vernietigd"
        self.stdout.write(f"  {controller.name}: {done} {retention.KINDS[kind]} {verb}")
