"""Builds the synthetic demo world (DESIGN.md §8) on an empty database and prints how to log in."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from doelbinding.accounts.personas import DEMO_PASSWORD, PERSONAS
from doelbinding.casework import demo as casework_demo
from doelbinding.governance import demo as governance_demo
from doelbinding.partners import demo as partners_demo
from doelbinding.processinglog import demo as log_demo
from doelbinding.register import demo as register_demo
from doelbinding.register.brp import demo as brp_demo
from doelbinding.register.datasets import demo as dataset_demo
from doelbinding.tenancy import demo as tenancy_demo
from doelbinding.tenancy.models import Organisation

# Each app that has a part in the demo world adds its builder here, in dependency order.
BUILDERS = [
    tenancy_demo.build,
    register_demo.build,
    brp_demo.build,
    dataset_demo.build,
    partners_demo.build,
    governance_demo.build,
    log_demo.build,
]
# Built by the command only, not in the tests' shared world: thousands of persons and two hundred cases would
# slow every test database and change what the case-work tests count. casework/tests/test_demo.py builds it.
DEMO_ONLY = [casework_demo.build]


class Command(BaseCommand):
    help = "Build the synthetic demo world on an empty database (demo or debug mode only)."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.DEMO_MODE):
            raise CommandError("De demowereld mag alleen in demo- of ontwikkelmodus (DEBUG of DOELBINDING_DEMO).")
        if Organisation.objects.exists():
            raise CommandError("De database is niet leeg; de demowereld wordt alleen in een lege database gebouwd.")
        world = tenancy_demo.World()
        steps = iter(range(1, 100))
        with transaction.atomic():
            for build in BUILDERS + DEMO_ONLY:
                build(world, lambda label: self.stdout.write(f"[{next(steps)}] {label} …"))
        self.print_personas(world)

    def print_personas(self, world):
        write = self.stdout.write
        write(self.style.SUCCESS("\nDemowereld klaar. Alle personen en gegevens zijn fictief.\n"))
        write("Inloggen op http://127.0.0.1:8000/inloggen/ met een van deze gebruikers:\n")
        write(f"  {'gebruiker':<22}{'rol':<42}organisatie")
        for persona in PERSONAS:
            roles = ", ".join(str(r.label) for r in persona.roles)
            organisation = world.organisations[persona.organisation].name
            write(f"  {persona.username:<22}{roles:<42}{organisation}")
        others = sorted(set(world.users) - {p.username for p in PERSONAS})
        write("\nOok in andere rollen: " + ", ".join(others))
        write(f"\nWachtwoord (voor iedereen): {DEMO_PASSWORD}")
        write("Code voor de tweede factor: .venv/bin/python manage.py demo_code <gebruiker>")
        write("  (of zet de sleutel uit dat commando in een authenticator-app)")
        write(f"API-sleutel van Zorggroep De Linde: {world.api_keys['zorg-de-linde']}")
        write(
            "Inwoner (demo): http://127.0.0.1:8000/openbaar/gemeente-voorbeeld/mijn-gegevens/ met BSN "
            f"{log_demo.DEMO_CITIZEN}"
        )
