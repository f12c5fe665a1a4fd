from django.core.management.base import BaseCommand
from django.db import transaction

from doelbinding.tenancy.reference import load_domains

LOADERS = [("domeinen", load_domains)]


class Command(BaseCommand):
    help = "Load or update the reference data of every app (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for label, loader in LOADERS:
            count = loader()
            self.stdout.write(f"{label}: {count}")
