import time

from django.core.management.base import BaseCommand, CommandError

from doelbinding.processinglog import selectors
from doelbinding.tenancy.models import Organisation


class Command(BaseCommand):
    help = (
        "Verify every hash chain of the processing log: each entry's hash, each link to its predecessor, and each "
        "chain's end against its recorded head. Names the first broken entry per chain and exits 1 when any chain "
        "is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--voortgang", type=int, default=1_000_000, help="meld de voortgang per zoveel items")

    def handle(self, *args, voortgang, **options):
        names = dict(Organisation.objects.values_list("pk", "name"))
        broken, total, started = 0, 0, time.monotonic()
        for controller_id in selectors.logged_controllers():
            name = names.get(controller_id, controller_id)
            self.stdout.write(f"{name}: ketens controleren ...")
            counted, breaks = selectors.verify_controller(
                controller_id,
                progress=lambda n, name=name: self.stdout.write(f"  {name}: {n} items gecontroleerd"),
                every=max(1, voortgang),
            )
            total += counted
            for found in breaks:
                where = f"item {found.entry_id}" if found.entry_id else "geen item"
                self.stderr.write(
                    f"GEBROKEN {name}, keten {found.stripe}, volgnummer {found.sequence} ({where}): {found.reason}"
                )
            broken += len(breaks)
            if not breaks:
                self.stdout.write(f"{name}: {counted} items, alle ketens in orde")
        self.stdout.write(f"{total} items gecontroleerd in {time.monotonic() - started:.1f} s.")
        if broken:
            raise CommandError(f"{broken} keten(s) gebroken; zie hierboven welk item het eerst afwijkt.")
