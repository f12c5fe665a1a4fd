"""Case work in the demo world: thousands of synthetic persons in households with involvements across the
domains, file entries, and about two hundred cases in Gemeente Voorbeeld in every phase, with participants, triage
decisions and exchanges (assessed by `exchange_rules.assess`, so their outcomes and reasons are the engine's);
a few dozen persons and cases in Gemeente Oostdal and Gemeente Westveen.

Everything is drawn from one seeded random generator, so every build is the same world. Persons are marked
synthetic; their BSNs pass the elfproef and come from `processinglog.demo.synthetic_bsn` beyond the numbers the log
demo and the tests use (from `FIRST_BSN` on). Addresses go into the household's name (a person has no address).
Some involvements and closed cases are past their destruction date and some of those are held (a pending request,
a complaint), so that `sweep_retention` has work to show and something it must leave alone.

The records are written with `bulk_create` (and their first history row with simple-history's
`bulk_create_with_history`): the services write one record per call with its checks and history, which for
thousands of records is far slower than `make demo` may be. The values obey what the services and rules check,
and test_demo.py holds the data to those rules: one regisseur per household with open cases, no exchange without
a triage decision of its case, phases with their decisions, retention dates from the register.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from doelbinding.casework import exchange_facts as facts
from doelbinding.casework import exchange_rules, rules, selectors, services
from doelbinding.casework.models import (
    Case,
    CaseParticipant,
    Exchange,
    ExchangeStatus,
    FileEntry,
    Household,
    Informed,
    Involvement,
    Person,
    Phase,
    RegisterBinding,
    Route,
    TriageDecision,
    TriageMoment,
    Use,
)
from doelbinding.processinglog import services as log_services
from doelbinding.processinglog.demo import synthetic_bsn
from doelbinding.register.models import ActivityVersion, DataCategory, Status
from doelbinding.tenancy.demo import OOSTDAL, VOORBEELD, WESTVEEN

FIRST_BSN = 10_000  # synthetic_bsn(n) below this is left to the log demo and the tests
SEED = 6

FIRST_NAMES = (
    "Anna", "Bram", "Carla", "Daan", "Emma", "Fleur", "Gijs", "Hanna", "Ilse", "Jesse", "Kim", "Lotte", "Milan",
    "Noor", "Olaf", "Pien", "Quinten", "Roos", "Sem", "Tess", "Umut", "Vera", "Wouter", "Yara", "Zeynep", "Mohammed",
    "Fatima", "Sven", "Lieke", "Thijs", "Sanne", "Ruben", "Esra", "Jan", "Marieke", "Kees", "Ayoub", "Ingrid",
)  # fmt: skip
FAMILY_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Yilmaz", "El Amrani", "Kaya", "Pinas",
)  # fmt: skip
STREETS = (
    "Lindelaan", "Kerkstraat", "Molenweg", "Dorpsstraat", "Beukenlaan", "Stationsweg", "Schoolstraat",
    "Wilhelminastraat", "Julianalaan", "Eikenhof", "Vlinderstraat", "Prinses Irenestraat", "Havenkade",
)  # fmt: skip
PLACES = {VOORBEELD: "Voorbeeld", OOSTDAL: "Oostdal", WESTVEEN: "Westveen"}

# Per domain: the register activity its file is kept under, what its entries hold, the team.
DOMAINS = {
    "wmo": ("Maatwerkvoorziening Wmo", ("naw", "ondersteuningsbehoefte", "gezondheid"), "Wijkteam Wmo"),
    "jeugd": ("Toegang jeugdhulp", ("naw", "gezinssamenstelling", "psychische-gezondheid"), "Jeugdteam"),
    "werk-inkomen": ("Bijstandsuitkering", ("naw", "inkomen", "uitkering"), "Team Werk & Inkomen"),
    "schulden": ("Schuldregeling", ("naw", "schulden", "betalingsachterstanden"), "Team Schulddienstverlening"),
    "leerplicht": ("Leerplicht verzuimregistratie", ("naw", "schoolverzuim"), "Bureau Leerplicht"),
    "zorg-veiligheid": (
        "Registratie huiselijk geweld casuïstiek", ("naw", "veiligheidsrisicos"), "Team Zorg & Veiligheid"
    ),
}  # fmt: skip
# Debt intake under an activity whose retention the register does not name (a flaw of Voorbeeld's register): its
# ended involvements get no destruction date, which the sweep reports.
NO_PERIOD = "Schuldhulp intake"
CASE_ACTIVITY = "Casusoverleg Zorg- en Veiligheidshuis"
BINDING = "Sociale wijkteams registratie"
ENTRY_TITLES = {
    "wmo": ("Keukentafelgesprek", "Onderzoek naar de ondersteuningsvraag", "Besluit maatwerkvoorziening"),
    "jeugd": ("Gesprek met de ouders", "Plan van aanpak jeugdhulp", "Overleg met school"),
    "werk-inkomen": ("Intake uitkering", "Afspraken re-integratie", "Heronderzoek"),
    "schulden": ("Intake schuldhulp", "Schuldenoverzicht", "Afspraken met schuldeisers"),
    "leerplicht": ("Verzuimmelding", "Gesprek met leerling en ouders", "Afspraken over schoolgang"),
    "zorg-veiligheid": ("Melding huiselijk geweld", "Veiligheidsplan", "Overleg met Veilig Thuis"),
}
SPECIAL_BASIS = "AVG art. 9 lid 2 sub h en de materiewet van het domein; alleen wat voor de hulp nodig is."
HOLDS = (
    "Lopend inzageverzoek (AVG art. 15)",
    "Klacht in behandeling bij de klachtencoördinator",
    "Verzoek om beperking van de verwerking (AVG art. 18)",
    "Bezwaarprocedure tegen een besluit loopt",
)
# The cases of each municipality per phase (Voorbeeld's add up to 200).
PHASES = {
    VOORBEELD: {"referral": 25, "triage": 25, "conference": 45, "monitoring": 35, "deescalation": 25, "closed": 45},
    OOSTDAL: {"referral": 2, "triage": 2, "conference": 3, "monitoring": 2, "deescalation": 1, "closed": 4},
    WESTVEEN: {"referral": 1, "triage": 2, "conference": 2, "monitoring": 2, "deescalation": 1, "closed": 4},
}
HOUSEHOLDS = {VOORBEELD: 1_300, OOSTDAL: 70, WESTVEEN: 60}
TRIAGE_TEXT = {
    "purpose": "Een samenhangend plan voor het huishouden maken en de hulp van de domeinen afstemmen.",
    "necessity": "Zonder afstemming werken de hulpverleners langs elkaar heen en blijven de problemen bestaan.",
    "proportionality": "Alleen de gegevens die voor het plan nodig zijn worden gedeeld, per uitwisseling besloten.",
    "subsidiarity": "Het huishouden kan de afstemming zelf niet dragen; anoniem overleg is al geprobeerd.",
}
CRITERIA = ["several-problems", "collaboration-needed", "household-and-surroundings"]


@dataclass
class Place:
    """One municipality's case work as it is being built."""

    controller: object
    slug: str
    rng: random.Random
    versions: dict[str, ActivityVersion]
    users: dict[str, list]  # domain → who works in it (contacts and authors)
    regisseur: object
    partners: list
    covenant: object
    today: date
    categories: dict[str, DataCategory]
    households: list[Household] = field(default_factory=list)
    members: dict[int, list[Person]] = field(default_factory=dict)  # household pk → persons
    involvements: dict[int, list[Involvement]] = field(default_factory=dict)  # person pk → involvements
    entries: dict[int, list[FileEntry]] = field(default_factory=dict)  # involvement pk → entries
    persons: list[Person] = field(default_factory=list)
    cases: list[tuple[Case, list[Person]]] = field(default_factory=list)


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 16), rng.randrange(60))))


def _due(version: ActivityVersion, ended: date | None) -> date | None:
    return rules.destruction_due(ended, version.retention_period)


def _household_names(place: Place, count: int) -> list[tuple[str, str]]:
    rng, town = place.rng, PLACES[place.slug]
    return [
        (family, f"Gezin {family}, {rng.choice(STREETS)} {rng.randint(1, 180)}, {town}")
        for family in (rng.choice(FAMILY_NAMES) for _ in range(count))
    ]


def _people(place: Place, start: int) -> int:
    """Households of one to five; adults and children; a few households of one without a household record."""
    rng, today = place.rng, place.today
    names = _household_names(place, HOUSEHOLDS[place.slug])
    households = [Household(controller=place.controller, name=name, synthetic=True) for _family, name in names]
    place.households = bulk_create_with_history(households, Household, batch_size=500)
    persons, number = [], start
    for (family, _name), household in zip(names, place.households, strict=True):
        size = rng.choices([1, 2, 3, 4, 5], weights=[25, 25, 20, 20, 10])[0]
        for member in range(size):
            adult = member < 2
            born = today - (_days(rng, 19 * 365, 85 * 365) if adult else _days(rng, 1 * 365, 17 * 365))
            persons.append(
                Person(
                    controller=place.controller,
                    bsn=synthetic_bsn(number),
                    given_names=rng.choice(FIRST_NAMES),
                    family_name=family,
                    birth_date=born,
                    household=household if size > 1 or rng.random() < 0.5 else None,
                    synthetic=True,
                )
            )
            number += 1
    created = bulk_create_with_history(persons, Person, batch_size=500)
    for person in created:
        if person.household_id:
            place.members.setdefault(person.household_id, []).append(person)
    place.persons = created
    return number


def _involvements(place: Place) -> None:
    """One to three domains per person; most running, some ended, some ended so long ago their retention is over,
    a few of those under a hold."""
    rng, today = place.rng, place.today
    involvements = []
    for person in place.persons:
        age = (today - person.birth_date).days // 365
        child = age < 18
        choices = ["jeugd", "leerplicht", "zorg-veiligheid"] if child else list(DOMAINS)
        for domain in rng.sample(choices, k=min(len(choices), rng.choices([1, 2, 3], weights=[55, 35, 10])[0])):
            name = DOMAINS[domain][0]
            if domain == "schulden" and place.slug == VOORBEELD and rng.random() < 0.3:
                name = NO_PERIOD
            version = place.versions[name]
            since = max(today - _days(rng, 30, 6 * 365), person.birth_date + timedelta(days=30))
            state = rng.random()
            until = None
            hold = ""
            if state < 0.08 and age > 40:  # ended so long ago that the retention is over
                since = today - _days(rng, 16 * 365, 20 * 365)
                until = since + _days(rng, 200, 3 * 365)
                if rng.random() < 0.2:
                    hold = rng.choice(HOLDS)
            elif state < 0.25:
                until = min(today - timedelta(days=1), since + _days(rng, 60, 4 * 365))
            users = place.users.get(domain, [])
            involvements.append(
                Involvement(
                    controller=place.controller,
                    person=person,
                    domain=domain,
                    organisation=place.controller,
                    team=DOMAINS[domain][2],
                    contact=rng.choice(users) if users else None,
                    contact_name="" if users else f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}",
                    since=since,
                    until=until,
                    activity_id=version.activity_id,
                    destruction_due=_due(version, until),
                    hold_reason=hold,
                    created_by=rng.choice(users) if users else None,
                )
            )
    for involvement in bulk_create_with_history(involvements, Involvement, batch_size=500):
        place.involvements.setdefault(involvement.person_id, []).append(involvement)


def _entries(place: Place) -> None:
    rng, today = place.rng, place.today
    entries, category_rows, entry_categories = [], [], []
    authors = [u for users in place.users.values() for u in users] or [place.regisseur]
    for involvements in place.involvements.values():
        for involvement in involvements:
            if rng.random() > 0.45:
                continue
            codes = DOMAINS[involvement.domain][1]
            end = involvement.until or today
            for number in range(rng.randint(1, 2)):
                day = min(end, involvement.since + _days(rng, 0, max(0, (end - involvement.since).days)))
                title = ENTRY_TITLES[involvement.domain][number % 3]
                kept = codes if rng.random() < 0.6 else codes[:2]
                entry_categories.append([place.categories[c] for c in kept])
                special = any(place.categories[c].special for c in kept)
                entries.append(
                    FileEntry(
                        controller=place.controller,
                        involvement=involvement,
                        kind=rng.choice(["note", "assessment", "plan", "decision"]),
                        title=title,
                        content=f"{title}: wat besproken is, wat is afgesproken en wie wat doet. (fictief)",
                        basis_note=SPECIAL_BASIS if special else "",
                        author=involvement.contact or rng.choice(authors),
                        written_at=_moment(day, rng),
                    )
                )
                category_rows.append(kept)
    created = bulk_create_with_history(entries, FileEntry, batch_size=500)
    through = FileEntry.data_categories.through
    through.objects.bulk_create(
        [
            through(fileentry_id=entry.pk, datacategory_id=place.categories[code].pk)
            for entry, codes in zip(created, category_rows, strict=True)
            for code in codes
        ],
        batch_size=1_000,
    )
    for entry, kept in zip(created, entry_categories, strict=True):
        entry.shared_categories = kept  # type: ignore[attr-defined]
        place.entries.setdefault(entry.involvement_id, []).append(entry)


def _references(place: Place, cases: list[Case]) -> None:
    """C-<year>-<number> by the year of referral, numbered in order, as `services._next_reference` continues."""
    numbers: dict[int, int] = {}
    for case in sorted(cases, key=lambda c: (c.opened_on, c.purpose)):
        numbers[case.opened_on.year] = numbers.get(case.opened_on.year, 0) + 1
        case.reference = f"C-{case.opened_on.year}-{numbers[case.opened_on.year]:04d}"


FACT_CHOICES = [
    {"interest": "a", "stance": "agrees"},
    {"interest": "b", "stance": "agrees", "consent_free": True, "consent_for_collaboration": True},
    {"interest": "a", "stance": "hesitant", "alternatives": ["ask_person"]},
    {"interest": "c", "stance": "not_informed"},
    {"interest": "b", "statute": "permits", "statute_reference": "Wmo 2015 art. 5.2.4", "stance": "agrees"},
    {"interest": "c", "emergency": "vital_interest", "stance": "not_informed"},
    {"interest": "a", "secrecy": "medical", "stance": "agrees", "consent_free": True, "consent_explicit": True},
    {"interest": "", "stance": "not_informed"},
]


def _cases(place: Place) -> None:
    """Cases over households (or one person), one open case per household at most; phases with what they need."""
    rng, today = place.rng, place.today
    version = place.versions[CASE_ACTIVITY]
    plan = [phase for phase, count in PHASES[place.slug].items() for _ in range(count)]
    families = [h for h in place.households if len(place.members.get(h.pk, [])) >= 2]
    rng.shuffle(families)
    cases, members, chosen = [], [], []
    expired_closed = 0
    for phase, household in zip(plan, families, strict=False):
        persons = place.members[household.pk]
        opened = today - _days(rng, 5, 400)
        closed_on = due = None
        hold = ""
        if phase == Phase.CLOSED:
            opened = today - _days(rng, 100, 400)
            if expired_closed < max(2, len([p for p in plan if p == "closed"]) // 3):
                expired_closed += 1  # closed so long ago that the retention is over
                opened = today - _days(rng, 8 * 365, 10 * 365)
                if expired_closed % 4 == 0:
                    hold = rng.choice(HOLDS)
            closed_on = opened + _days(rng, 60, min(300, (today - opened).days - 1))
            due = _due(version, closed_on)
        partner = rng.choice(place.partners) if place.partners and rng.random() < 0.4 else None
        cases.append(
            Case(
                controller=place.controller,
                household=household,
                referring_partner=partner,
                referring_domain="" if partner else rng.choice(["wmo", "jeugd", "schulden", "leerplicht"]),
                phase=phase,
                regisseur=None if phase == Phase.REFERRAL else place.regisseur,
                covenant=place.covenant,
                purpose=f"Samen met {household.name.split(',')[0]} werken aan een veilige en stabiele thuissituatie.",
                activity_id=version.activity_id,
                opened_on=opened,
                reassess_on=today + _days(rng, 7, 120) if phase not in (Phase.REFERRAL, Phase.CLOSED) else None,
                closed_on=closed_on,
                destruction_due=due,
                hold_reason=hold,
                created_by=place.regisseur,
            )
        )
        members.append(persons)
        chosen.append(household)
    _references(place, cases)
    created = bulk_create_with_history(cases, Case, batch_size=500)
    through = Case.persons.through
    through.objects.bulk_create(
        [
            through(case_id=case.pk, person_id=p.pk)
            for case, persons in zip(created, members, strict=True)
            for p in persons
        ]
    )
    place.cases = list(zip(created, members, strict=True))


def _decisions(place: Place) -> None:
    """Participants, triage decisions and exchanges for the cases past their referral."""
    rng, today = place.rng, place.today
    participants, triages, exchanges, exchange_people, exchange_entries, exchange_categories = [], [], [], [], [], []
    for case, persons in place.cases:
        if case.phase == Phase.REFERRAL:
            continue
        decided = _moment(case.opened_on + _days(rng, 1, 4), rng)
        first_moment = case.phase == Phase.TRIAGE and rng.random() < 0.5
        triage = TriageDecision(
            case=case,
            moment=TriageMoment.CLARIFICATION if first_moment else TriageMoment.MULTI_PROBLEM,
            criteria=[] if first_moment else CRITERIA,
            multi_problem=not first_moment,
            collaboration_needed=True,
            within_collaboration_purpose=True,
            route=Route.CASE_DIRECTION,
            decided_by=place.regisseur,
            decided_at=decided,
            **TRIAGE_TEXT,
        )
        triages.append(triage)
        domains = sorted({i.domain for p in persons for i in place.involvements.get(p.pk, [])})
        for domain in domains[:3]:
            users = place.users.get(domain, [])
            participants.append(
                CaseParticipant(
                    case=case,
                    domain=domain,
                    user=rng.choice(users) if users else None,
                    contact_name="" if users else "Medewerker van het domein",
                    joined_on=decided.date(),
                )
            )
        if case.referring_partner_id:  # the referrer, a party to the covenant, stays on the case
            participants.append(
                CaseParticipant(
                    case=case,
                    partner=case.referring_partner,
                    contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}",
                    joined_on=decided.date(),
                )
            )
        if case.phase == Phase.TRIAGE:
            continue
        shareable = [
            (p, e)
            for p in persons
            for i in place.involvements.get(p.pk, [])
            for e in place.entries.get(i.pk, [])
            if e.written_at < decided
        ]
        for _number in range(rng.randint(1, 2) if shareable else 0):
            person, entry = rng.choice(shareable)
            provider = entry.involvement.domain
            recipients = [d for d in domains if d != provider] or [d for d in DOMAINS if d != provider]
            requested = decided + timedelta(days=rng.randint(1, 20), hours=1)
            decided_on = requested + timedelta(days=rng.randint(1, 5))
            if decided_on.date() >= today:
                requested, decided_on = decided + timedelta(hours=1), decided + timedelta(hours=2)
            exchange = Exchange(
                controller=place.controller,
                case=case,
                triage=triage,
                provider_domain=provider,
                recipient_domain=rng.choice(recipients),
                purpose="Afstemmen van de hulp in het plan van de casus.",
                requested_by=place.regisseur,
                requested_at=requested,
                **rng.choice(FACT_CHOICES),
            )
            categories = list(entry.shared_categories)  # type: ignore[attr-defined]
            services._store_assessment(exchange, exchange_rules.assess(selectors.exchange_facts(exchange, categories)))
            pending = case.phase != Phase.CLOSED and rng.random() < 0.2
            if pending and len(exchanges) % 9 == 0:  # without touching the random sequence: some are taken back
                exchange.status = ExchangeStatus.CANCELLED
            if not pending:
                allow = exchange.assessment_outcome != facts.Outcome.REFUSED and rng.random() < 0.9
                exchange.status = ExchangeStatus.ALLOWED if allow else ExchangeStatus.REFUSED
                exchange.decided_by, exchange.decided_at = place.regisseur, decided_on
                exchange.decision_reasons = (
                    "Nodig voor het plan; alleen deze aantekening, voor dit doel."
                    if allow
                    else "Niet nodig voor het plan, of de beoordeling staat het niet toe."
                )
                exchange.informed = rng.choice([Informed.INFORMED, Informed.WILL_INFORM])
                exchange.informed_how = "In het gesprek met betrokkene toegelicht."
                if allow and rng.random() < 0.08:
                    exchange.status = ExchangeStatus.WITHDRAWN
                    exchange.withdrawn_by, exchange.withdrawn_at = place.regisseur, decided_on + timedelta(hours=3)
                    exchange.withdrawal_reason = "Het domein trok de gegevens in: het plan is aangepast."
            exchanges.append(exchange)
            exchange_people.append(person)
            exchange_entries.append(entry)
            exchange_categories.append(categories)
    CaseParticipant.objects.bulk_create(participants, batch_size=500)
    TriageDecision.objects.bulk_create(triages, batch_size=500)
    for exchange in exchanges:
        exchange.triage_id = exchange.triage.pk
    created = bulk_create_with_history(exchanges, Exchange, batch_size=500)
    people, named, kinds = Exchange.persons.through, Exchange.entries.through, Exchange.categories.through
    people.objects.bulk_create(
        [people(exchange_id=x.pk, person_id=p.pk) for x, p in zip(created, exchange_people, strict=True)]
    )
    named.objects.bulk_create(
        [named(exchange_id=x.pk, fileentry_id=e.pk) for x, e in zip(created, exchange_entries, strict=True)]
    )
    kinds.objects.bulk_create(
        [
            kinds(exchange_id=x.pk, datacategory_id=c.pk)
            for x, categories in zip(created, exchange_categories, strict=True)
            for c in categories
        ]
    )


def _holds(place: Place) -> None:
    """A pending subject request holds some persons who have something past its date."""
    rng = place.rng
    expired = [
        person_id
        for person_id, involvements in place.involvements.items()
        if any(i.destruction_due and i.destruction_due <= place.today and not i.hold_reason for i in involvements)
    ]
    held = rng.sample(expired, k=min(len(expired), max(1, len(expired) // 12)))
    Person.objects.filter(pk__in=held).update(hold_reason=HOLDS[0])


def _looked_up_outside_caseload(place: Place, user) -> None:
    """For the FG's worklist: three days ago a W&I consultant looked up three young people known only to Jeugd, in
    no case: people case work holds who are on nobody's list of that consultant."""
    in_cases = set(Case.objects.filter(controller=place.controller).values_list("persons", flat=True))
    versions = {v.activity_id: v for v in place.versions.values()}
    strangers = [
        (person, found[0])
        for person in place.persons
        if (found := place.involvements.get(person.pk))
        and person.pk not in in_cases
        and all(i.domain == "jeugd" and i.contact_id != user.pk for i in found)
    ][:3]
    moment = timezone.make_aware(datetime.combine(place.today - timedelta(days=3), time(14)))
    records = [
        log_services.Record(
            controller_id=place.controller.pk,
            occurred_at=moment + timedelta(minutes=n),
            actor_user_id=user.pk,
            actor_name=user.get_full_name(),
            actor_role="consulent",
            actor_organisation_id=place.controller.pk,
            action="read",
            subject_id=person.bsn,
            scope="involvement",
            domain=involvement.domain,
            activity_id=versions[involvement.activity_id].pk,
            activity_uri=versions[involvement.activity_id].uri,
            purpose="Nagaan of de aanvrager elders bekend is",
            outcome="allowed",
        )
        for n, (person, involvement) in enumerate(strangers)
    ]
    log_services.append(records)


def _place(world, slug: str, rng: random.Random, today: date) -> Place:
    controller = world.organisations[slug]
    versions = {
        v.name: v for v in ActivityVersion.objects.filter(activity__controller=controller, status=Status.ESTABLISHED)
    }
    users = world.users
    if slug == VOORBEELD:
        staff = {
            "wmo": [users["wmo_consulent"], users["sociaal_werker"]],
            "jeugd": [users["jeugd_consulent"]],
            "werk-inkomen": [users["wi_consulent"]],
            "schulden": [users["wi_consulent"]],
            "zorg-veiligheid": [users["regisseur"]],
        }
        regisseur = users["regisseur"]
    else:
        staff = {"wmo": [users["teamleider_regio"]], "jeugd": [users["teamleider_regio"]]}
        staff["zorg-veiligheid"] = [users["regisseur_regio"]]
        regisseur = users["regisseur_regio"]
    covenant = selectors.covenants_in_force(controller).first()
    partners = list(covenant.parties.order_by("organisation__name")) if covenant else []
    for binding in Use.values:
        RegisterBinding.objects.get_or_create(
            controller=controller, use=binding, defaults={"activity_id": versions[BINDING].activity_id}
        )
    categories = {c.code: c for c in DataCategory.objects.all()}
    return Place(controller, slug, rng, versions, staff, regisseur, partners, covenant, today, categories)


def build(world, progress) -> None:
    today = timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    number = FIRST_BSN
    for slug in (VOORBEELD, OOSTDAL, WESTVEEN):
        place = _place(world, slug, rng, today)
        progress(f"casuswerk {place.controller.name}: betrokkenen, betrokkenheden en dossiers")
        number = _people(place, number)
        _involvements(place)
        _entries(place)
        progress(f"casuswerk {place.controller.name}: casussen, triagebesluiten en uitwisselingen")
        _cases(place)
        _decisions(place)
        _holds(place)
        if slug == VOORBEELD:
            _looked_up_outside_caseload(place, world.users["wi_consulent"])
