import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from doelbinding.processinglog.models import ChainHead


class Command(BaseCommand):
    help = (
        "Write the head (last sequence number and hash) of every chain of the processing log as JSON, to anchor "
        "outside the database (mail it to the FG, store it in a write-once archive or a timestamping service). "
        "A later verification against such an export reveals a rewritten or truncated log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bestand", help="schrijf naar dit bestand in plaats van naar de standaarduitvoer")

    def handle(self, *args, bestand=None, **options):
        heads = ChainHead.objects.select_related("controller").order_by("controller__slug", "stripe")
        document = {
            "moment": timezone.now().isoformat(),
            "ketens": [
                {"gemeente": h.controller.slug, "keten": h.stripe, "volgnummer": h.sequence, "hash": h.entry_hash}
                for h in heads
            ],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False)
        if bestand:
            with open(bestand, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(f"{len(document['ketens'])} ketenkoppen geschreven naar {bestand}.")
        else:
            self.stdout.write(text)
