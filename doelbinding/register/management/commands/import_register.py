from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doelbinding.register import services, spreadsheet
from doelbinding.tenancy.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = (
        "Read a register of processing activities from an Excel file (.xlsx) into a municipality's register, with "
        "the checks of the web import. Without --bevestig it only checks; with it, every row is written in one "
        "transaction, or none when any row has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="korte naam (slug) van de gemeente")
        parser.add_argument("--bestand", required=True, help="het Excel-bestand (.xlsx)")
        parser.add_argument("--bevestig", action="store_true", help="schrijf weg (zonder: alleen controleren)")
        parser.add_argument("--voortgang", type=int, default=10_000, help="meld de voortgang per zoveel rijen")

    def handle(self, *args, gemeente, bestand, bevestig, voortgang, **options):
        controller = Organisation.objects.filter(slug=gemeente, kind=OrganisationKind.MUNICIPALITY).first()
        if controller is None:
            raise CommandError(f"Geen gemeente met korte naam '{gemeente}'.")
        bestand = Path(bestand)
        if not bestand.is_file():
            raise CommandError(f"Bestand '{bestand}' bestaat niet.")
        try:
            preview = spreadsheet.inspect(bestand)
        except spreadsheet.UploadRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        mapping = spreadsheet.map_headers(preview.headers)
        if problems := spreadsheet.mapping_problems(mapping):
            raise CommandError("\n".join(problems))
        for header, key in zip(preview.headers, mapping, strict=True):
            target = spreadsheet.COLUMN_BY_KEY[key].header if key else "niet ingelezen"
            self.stdout.write(f"kolom '{header}': {target}")

        report = spreadsheet.Report()
        rows = spreadsheet.read(
            bestand,
            mapping,
            spreadsheet.Lookup.load(controller),
            report,
            progress=lambda n: self.stdout.write(f"{n} rijen gelezen"),
            every=max(1, voortgang),
        )
        try:
            if bevestig:
                result = services.register_import(actor=None, controller=controller, rows=rows)
            else:
                for _row in rows:
                    pass
        except spreadsheet.ImportRefused:
            for problem in report.problems:
                self.stderr.write(f"rij {problem.row or '-'}: {problem.message}")
            if report.unlisted:
                self.stderr.write(f"... en nog {report.unlisted} problemen")
            raise CommandError(
                f"{report.read} rijen gelezen, {report.problem_count} problemen; er is niets ingelezen."
            ) from None
        self.stdout.write(f"{report.read} rijen gelezen, alle in orde: {report.new} nieuw, {report.updates} bestaand.")
        if bevestig:
            self.stdout.write(
                f"Ingelezen in {controller}: {result.created} nieuw, {result.updated} bijgewerkt (concept), "
                f"{result.unchanged} ongewijzigd."
            )
        else:
            self.stdout.write("Alleen gecontroleerd; er is niets opgeslagen. Gebruik --bevestig om in te lezen.")
