"""A small case file in Gemeente Voorbeeld for the tests: a household in a case under the regisseur, a person in
another case, involvements and entries in Wmo and Jeugd, and exchanges. Built with the services, as a user would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from doelbinding.casework import services
from doelbinding.casework.models import Case, Exchange, FileEntry, Involvement, Person, RegisterBinding, Use
from doelbinding.partners.models import Agreement, Partner
from doelbinding.processinglog.demo import synthetic_bsn
from doelbinding.register.models import Activity, DataCategory
from doelbinding.tenancy import demo

ACTIVITIES = {
    "wmo": "Maatwerkvoorziening Wmo",
    "jeugd": "Toegang jeugdhulp",
    "case": "Casusoverleg Zorg- en Veiligheidshuis",
    "registration": "Sociale wijkteams registratie",
}
TRIAGE = {
    "moment": "multi_problem",
    "criteria": ["several-problems", "collaboration-needed", "household-and-surroundings"],
    "multi_problem": True,
    "collaboration_needed": True,
    "within_collaboration_purpose": True,
    "purpose": "Een samenhangend plan voor het gezin maken en de hulp afstemmen.",
    "necessity": "Zonder afstemming werken Wmo en Jeugd langs elkaar heen.",
    "proportionality": "Alleen wat voor het plan nodig is wordt gedeeld.",
    "subsidiarity": "Het gezin zelf kan de afstemming niet dragen; anoniem overleg volstaat niet meer.",
    "route": "case_direction",
}
A_INTEREST = {"interest": "a", "stance": "agrees"}


@dataclass
class CaseFile:
    controller: object
    activities: dict[str, Activity]
    persons: dict[str, Person] = field(default_factory=dict)
    involvements: dict[str, Involvement] = field(default_factory=dict)
    entries: dict[str, FileEntry] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    exchanges: dict[str, Exchange] = field(default_factory=dict)


def activity(controller, name: str) -> Activity:
    return Activity.objects.get(controller=controller, versions__name=name, versions__status="established")


def categories(*codes: str) -> list[DataCategory]:
    return list(DataCategory.objects.filter(code__in=codes))


def bind(world) -> None:
    """Every municipality's case-work uses bound to its own registration activity."""
    for slug in (demo.VOORBEELD, demo.OOSTDAL, demo.WESTVEEN):
        controller = world.organisations[slug]
        registration = activity(controller, ACTIVITIES["registration"])
        for use in Use.values:
            RegisterBinding.objects.get_or_create(controller=controller, use=use, defaults={"activity": registration})


NUMBERS = {"anna": 1, "tim": 2, "bert": 3}  # below the demo's numbers, within those the gate test knows


def bsn(key: str) -> str:
    return synthetic_bsn(NUMBERS[key])


def _person(cf: CaseFile, key: str, given: str, family: str, born: date, household=None) -> Person:
    cf.persons[key] = services.person_create(
        actor=None,
        controller=cf.controller,
        bsn=bsn(key),
        given_names=given,
        family_name=family,
        birth_date=born,
        household=household,
        synthetic=True,
    )
    return cf.persons[key]


def _involve(cf: CaseFile, key: str, person: Person, domain: str, contact) -> Involvement:
    cf.involvements[key] = services.involvement_record(
        actor=contact,
        person=person,
        domain=domain,
        organisation=cf.controller,
        activity=cf.activities[domain],
        since=timezone.localdate() - timedelta(days=200),
        contact=contact,
        team=f"Team {domain}",
    )
    return cf.involvements[key]


def _write(cf: CaseFile, key: str, involvement: Involvement, author, title: str, *codes: str) -> FileEntry:
    chosen = categories(*codes)
    cf.entries[key] = services.file_entry_write(
        actor=author,
        involvement=involvement,
        kind="note",
        title=title,
        content=f"{title}: wat besproken is en wat is afgesproken.",
        categories=chosen,
        basis_note="AVG art. 9 lid 2 sub h met Wmo 2015 art. 5.1.1" if any(c.special for c in chosen) else "",
    )
    return cf.entries[key]


def build(world) -> CaseFile:
    controller = world.organisations[demo.VOORBEELD]
    users = world.users
    cf = CaseFile(controller, {key: activity(controller, name) for key, name in ACTIVITIES.items()})
    bind(world)
    household = services.household_create(actor=None, controller=controller, name="Gezin Jansen", synthetic=True)
    anna = _person(cf, "anna", "Anna", "Jansen", date(1985, 3, 4), household)
    tim = _person(cf, "tim", "Tim", "Jansen", date(2014, 9, 1), household)
    bert = _person(cf, "bert", "Bert", "de Vries", date(1970, 1, 20))
    wmo, consulent_jeugd = users["wmo_consulent"], users["jeugd_consulent"]
    _write(
        cf,
        "anna_wmo",
        _involve(cf, "anna_wmo", anna, "wmo", wmo),
        wmo,
        "Keukentafelgesprek",
        "naw",
        "ondersteuningsbehoefte",
    )
    _write(cf, "anna_wmo_health", cf.involvements["anna_wmo"], wmo, "Medische beperking", "gezondheid")
    _write(
        cf,
        "tim_jeugd",
        _involve(cf, "tim_jeugd", tim, "jeugd", consulent_jeugd),
        consulent_jeugd,
        "Gesprek school",
        "zorgvraag",
    )
    _write(
        cf,
        "bert_jeugd",
        _involve(cf, "bert_jeugd", bert, "jeugd", consulent_jeugd),
        consulent_jeugd,
        "Contact",
        "zorgvraag",
    )
    covenant = Agreement.objects.get(controller=controller, title="Convenant Zorg en Veiligheid Midden")
    zvh = Partner.objects.get(controller=controller, organisation__name="Zorg- en Veiligheidshuis Midden")
    family = services.case_open(
        actor=users["regisseur"],
        controller=controller,
        persons=[anna, tim],
        household=household,
        purpose="Het gezin Jansen stabiliseren: wonen, opvoeding en zorg in één plan.",
        activity=cf.activities["case"],
        referring_domain="wmo",
        covenant=covenant,
    )
    cf.cases["family"] = family
    services.triage_record(actor=users["regisseur"], case=family, **TRIAGE)
    services.case_assign_regisseur(actor=users["regisseur"], case=family, regisseur=users["regisseur"])
    services.case_move(actor=users["regisseur"], case=family, phase="conference")
    services.participant_add(actor=users["regisseur"], case=family, domain="wmo", user=wmo)
    services.participant_add(actor=users["regisseur"], case=family, domain="jeugd", user=consulent_jeugd)
    services.participant_add(actor=users["regisseur"], case=family, partner=zvh, contact_name="Casusregisseur ZVH")
    other = services.case_open(
        actor=users["regisseur"],
        controller=controller,
        persons=[bert],
        purpose="Bert de Vries helpen bij zorg en veiligheid.",
        activity=cf.activities["case"],
        referring_partner=zvh,
        covenant=covenant,
    )
    cf.cases["other"] = other
    services.triage_record(actor=users["regisseur"], case=other, **TRIAGE)
    services.case_assign_regisseur(actor=users["regisseur"], case=other, regisseur=users["regisseur"])
    cf.exchanges["family"] = _share(cf, family, tim, "tim_jeugd", consulent_jeugd)
    cf.exchanges["other"] = _share(cf, other, bert, "bert_jeugd", consulent_jeugd)
    return cf


def _share(cf: CaseFile, case: Case, person: Person, entry: str, provider) -> Exchange:
    exchange = services.exchange_request(
        actor=case.regisseur,
        case=case,
        provider_domain="jeugd",
        recipient_domain="wmo",
        persons=[person],
        entries=[cf.entries[entry]],
        purpose="De Wmo-ondersteuning afstemmen op de hulp aan het kind.",
        facts=A_INTEREST,
    )
    return services.exchange_decide(
        actor=provider,
        exchange=exchange,
        allow=True,
        reasons="Nodig voor het gezamenlijke plan; alleen deze aantekening.",
        informed="informed",
        informed_how="Besproken met de moeder tijdens het huisbezoek.",
    )
