from django.core.management.base import BaseCommand, CommandError

from doelbinding.policy import ApiScope
from doelbinding.tenancy.models import Organisation, OrganisationKind
from doelbinding.tenancy.services import api_client_create


class Command(BaseCommand):
    help = "Issue an API key to a partner organisation for one municipality. The key is shown once."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="korte naam (slug) van de gemeente")
        parser.add_argument("--organisatie", required=True, help="korte naam (slug) van de organisatie")
        parser.add_argument("--naam", required=True, help="naam van de koppeling, bijv. het systeem")
        parser.add_argument("--scope", action="append", default=[], choices=ApiScope.values, dest="scopes")

    def handle(self, *args, gemeente, organisatie, naam, scopes, **options):
        controller = Organisation.objects.filter(slug=gemeente, kind=OrganisationKind.MUNICIPALITY).first()
        if controller is None:
            raise CommandError(f"Geen gemeente met korte naam '{gemeente}'.")
        organisation = Organisation.objects.filter(slug=organisatie).first()
        if organisation is None:
            raise CommandError(f"Geen organisatie met korte naam '{organisatie}'.")
        client, key = api_client_create(
            actor=None, name=naam, organisation=organisation, controller=controller, scopes=scopes
        )
        self.stdout.write(f"Koppeling '{client.name}' voor {organisation} namens {controller}.")
        self.stdout.write(f"Sleutel (wordt niet nog eens getoond): {key}")
