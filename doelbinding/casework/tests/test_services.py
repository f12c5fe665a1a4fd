"""Case-work services: each bad input is refused with a Dutch message and writes nothing."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from doelbinding.casework import rules, selectors, services
from doelbinding.casework.models import (
    Case,
    CaseParticipant,
    Exchange,
    ExchangeStatus,
    FileEntry,
    Household,
    Involvement,
    Person,
    Phase,
    RegisterBinding,
    TriageDecision,
    Use,
)
from doelbinding.casework.tests.casefile import A_INTEREST, TRIAGE, categories
from doelbinding.processinglog.demo import synthetic_bsn
from doelbinding.register.models import Status
from doelbinding.tenancy import demo

TODAY = timezone.localdate()
MODELS = [Household, Person, Involvement, FileEntry, Case, CaseParticipant, TriageDecision, Exchange]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS} | {
        "history": sum(model.history.count() for model in MODELS if hasattr(model, "history"))
    }


def refused(call, message: str):
    """The call raises a ValidationError naming `message`, and not a single row was written."""
    before = counts()
    with pytest.raises(ValidationError) as error:
        call()
    assert message in " ".join(error.value.messages)
    assert counts() == before


def _person(cf, **overrides):
    arguments = {
        "actor": None,
        "controller": cf.controller,
        "bsn": synthetic_bsn(20),
        "given_names": "Sara",
        "family_name": "Bakker",
        "birth_date": date(1990, 5, 5),
    } | overrides
    return lambda: services.person_create(**arguments)


def _case(cf, persons, **overrides):
    """A referral of `persons` by the Wmo, to be opened by calling the result."""
    arguments = {
        "actor": None,
        "controller": cf.controller,
        "persons": persons,
        "purpose": "Hulp bij de hulpvraag",
        "activity": cf.activities["case"],
        "referring_domain": "wmo",
    } | overrides
    return lambda: services.case_open(**arguments)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bsn": "123456789"}, "elfproef"),
        ({"bsn": "12345678"}, "elfproef"),
        ({"bsn": synthetic_bsn(1)}, "al een betrokkene met dit BSN"),
        ({"birth_date": TODAY + timedelta(days=1)}, "geboortedatum ligt in de toekomst"),
        ({"family_name": " "}, "achternaam"),
    ],
)
def test_a_person_with_bad_data_is_refused(cf, overrides, message):
    refused(_person(cf, **overrides), message)


def test_the_bsn_is_in_no_log_message(cf, capsys):
    person = _person(cf)()
    captured = capsys.readouterr()
    assert person.bsn not in captured.out + captured.err
    assert person.bsn not in str(person)


def _involve(cf, **overrides):
    arguments = {
        "actor": None,
        "person": cf.persons["anna"],
        "domain": "schulden",
        "organisation": cf.controller,
        "activity": cf.activities["wmo"],
        "since": TODAY - timedelta(days=10),
    } | overrides
    return lambda: services.involvement_record(**arguments)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"since": TODAY + timedelta(days=1)}, "begindatum ligt in de toekomst"),
        ({"until": TODAY - timedelta(days=20)}, "einddatum ligt vóór de begindatum"),
        ({"domain": "onbekend"}, "Onbekend domein"),
    ],
)
def test_an_involvement_with_impossible_dates_is_refused(cf, overrides, message):
    refused(_involve(cf, **overrides), message)


def test_an_involvement_of_another_municipality_is_refused(cf, world):
    refused(_involve(cf, organisation=world.organisations[demo.OOSTDAL]), "partners")
    oostdal_activity = world.organisations[demo.OOSTDAL].activities.first()
    refused(_involve(cf, activity=oostdal_activity), "verwerkingsactiviteit van deze gemeente")


def test_ending_an_involvement_sets_the_retention_from_the_register(cf):
    involvement = cf.involvements["anna_wmo"]
    services.involvement_end(actor=None, involvement=involvement, until=TODAY)
    assert involvement.destruction_due == rules.add_period(TODAY, rules.Period(years=7))


def test_a_file_entry_needs_categories_and_an_open_file(cf, world):
    involvement = cf.involvements["anna_wmo"]

    def write(**overrides):
        arguments = {
            "actor": world.users["wmo_consulent"],
            "involvement": involvement,
            "kind": "note",
            "title": "Gesprek",
            "content": "Afspraken over de hulp.",
            "categories": categories("naw"),
        } | overrides
        return lambda: services.file_entry_write(**arguments)

    refused(write(categories=[]), "soorten persoonsgegevens")
    refused(write(content=" "), "inhoud")
    refused(write(categories=categories("naw", "gezondheid")), "alleen met een grondslag")
    refused(write(categories=categories("gezondheid"), basis_note="  "), "alleen met een grondslag")
    services.file_entry_write(
        **{  # with its basis it is written
            "actor": world.users["wmo_consulent"],
            "involvement": involvement,
            "kind": "note",
            "title": "Indicatie",
            "content": "Beperking in de mobiliteit.",
            "categories": categories("gezondheid"),
            "basis_note": "AVG art. 9 lid 2 sub h, Wmo 2015 art. 5.1.1",
        }
    )
    services.involvement_end(actor=None, involvement=involvement, until=TODAY - timedelta(days=1))
    refused(write(), "beëindigd")


def test_a_second_regisseur_for_the_same_family_is_refused(cf, world):
    anna = cf.persons["anna"]
    refused(_case(cf, [anna], referring_domain="jeugd"), "één gezin, één plan, één regisseur")
    other = cf.cases["other"]
    other.persons.add(cf.persons["tim"])
    refused(
        lambda: services.case_assign_regisseur(actor=None, case=other, regisseur=world.users["regisseur_regio"]),
        "regisseur",
    )


def test_a_referral_for_a_family_whose_case_has_no_regisseur_yet_belongs_in_that_case(cf, world):
    person = _person(cf)()
    first = _case(cf, [person])()
    assert first.regisseur is None
    refused(_case(cf, [person], regisseur=world.users["regisseur"]), "nog zonder regisseur")
    refused(_case(cf, [person], regisseur=world.users["wmo_consulent"]), "rol regisseur")


def test_the_one_family_rule_finds_household_members_not_yet_in_the_case(cf):
    sister = _person(cf, household=cf.persons["anna"].household)()
    refused(_case(cf, [sister], household=sister.household), "één gezin")


def test_phases_follow_the_rules(cf):
    case = cf.cases["other"]
    refused(lambda: services.case_move(actor=None, case=case, phase="referral"), "niet van de fase")
    services.case_move(actor=None, case=case, phase="monitoring")
    services.case_move(actor=None, case=case, phase="closed")
    assert case.closed_on == TODAY
    assert case.destruction_due == rules.add_period(TODAY, rules.Period(years=7))  # "7 jaar na beëindiging"
    refused(lambda: services.case_move(actor=None, case=case, phase="conference"), "afgesloten")


def test_triage_records_the_weighing_and_refuses_a_missing_part(cf, world):
    case = cf.cases["family"]
    refused(
        lambda: services.triage_record(actor=world.users["regisseur"], case=case, **(TRIAGE | {"necessity": ""})),
        "afweging",
    )
    refused(
        lambda: services.triage_record(
            actor=world.users["regisseur"], case=case, **(TRIAGE | {"criteria": ["several-problems"]})
        ),
        "meervoudige problematiek",
    )
    decision = services.triage_record(actor=world.users["regisseur"], case=case, **TRIAGE)
    with pytest.raises(ValueError):
        decision.save()


def test_partners_take_part_only_as_parties_to_the_covenant(cf, world):
    from doelbinding.partners.models import Partner

    outsider = Partner.objects.filter(controller=cf.controller).exclude(agreements=cf.cases["family"].covenant).first()
    refused(lambda: services.participant_add(actor=None, case=cf.cases["family"], partner=outsider), "geen partij")
    refused(
        lambda: services.participant_add(
            actor=None, case=cf.cases["family"], domain="wmo", user=world.users["jeugd_consulent"]
        ),
        "niet in dit domein",
    )


def test_a_partners_participant_works_there_and_nobody_takes_part_twice(cf, world):
    from doelbinding.partners.models import Partner

    family = cf.cases["family"]
    party = family.covenant.parties.exclude(kind="processor").first()
    refused(
        lambda: services.participant_add(actor=None, case=family, partner=party, user=world.users["jeugd_consulent"]),
        "werkt niet bij deze partner",
    )
    zvh = Partner.objects.get(controller=cf.controller, organisation__name="Zorg- en Veiligheidshuis Midden")
    refused(lambda: services.participant_add(actor=None, case=family, partner=zvh), "neemt al deel")
    refused(
        lambda: services.participant_add(actor=None, case=family, domain="jeugd", user=world.users["jeugd_consulent"]),
        "neemt al deel",
    )


def test_a_processor_never_refers_a_case(cf):
    from doelbinding.partners.models import Partner, PartnerKind

    processor = Partner.objects.filter(controller=cf.controller, kind=PartnerKind.PROCESSOR).first()
    person = _person(cf)()
    refused(_case(cf, [person], referring_domain="", referring_partner=processor), "ICT-leverancier")


def test_the_same_involvement_is_not_recorded_twice(cf, world):
    known = cf.involvements["anna_wmo"]

    def again(**overrides):
        arguments = {
            "actor": None,
            "person": known.person,
            "domain": known.domain,
            "organisation": known.organisation,
            "activity": known.activity,
            "since": known.since,
            "team": known.team,
        } | overrides
        return lambda: services.involvement_record(**arguments)

    refused(again(), "al vastgelegd")
    refused(again(since=known.since - timedelta(days=30), until=known.since), "al vastgelegd")  # overlaps a day
    refused(again(since=date(1, 1, 1)), "begindatum")
    refused(again(since=known.person.birth_date - timedelta(days=1), team="Ander team"), "geboortedatum")
    again(team="Ander team")()  # another team, or a period before, is another involvement
    again(since=known.since - timedelta(days=60), until=known.since - timedelta(days=1))()


def _request(cf, case, **overrides):
    arguments = {
        "actor": case.regisseur,
        "case": case,
        "provider_domain": "wmo",
        "recipient_domain": "jeugd",
        "persons": [cf.persons["anna"]],
        "entries": [cf.entries["anna_wmo"]],
        "purpose": "Afstemmen",
        "facts": A_INTEREST,
    } | overrides
    return lambda: services.exchange_request(**arguments)


def test_no_exchange_without_a_triage_decision(cf, world):
    case = _case(cf, [_person(cf)()])()
    refused(
        _request(cf, case, persons=list(case.persons.all()), entries=[], categories=categories("naw")), "triagebesluit"
    )


def test_no_exchange_for_a_closed_case(cf):
    case = cf.cases["family"]
    services.case_move(actor=None, case=case, phase="closed")
    refused(_request(cf, case), "afgesloten")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"recipient_domain": "wmo"}, "eigen domein"),
        ({"entries": [], "categories": []}, "aantekeningen of de soorten"),
        ({"persons": []}, "betrokkenen van deze casus"),
        ({"purpose": ""}, "doel"),
    ],
)
def test_a_bad_exchange_request_is_refused(cf, overrides, message):
    refused(_request(cf, cf.cases["family"], **overrides), message)


def test_an_entry_of_another_person_or_domain_cannot_be_named(cf):
    refused(_request(cf, cf.cases["family"], entries=[cf.entries["bert_jeugd"]]), "verstrekkende domein")


def test_the_engine_assesses_and_a_refused_assessment_cannot_be_allowed(cf, world):
    exchange = _request(cf, cf.cases["family"], facts={"interest": "c"})()
    assert exchange.assessment_outcome == "refused" and exchange.assessment_reasons
    refused(
        lambda: services.exchange_decide(
            actor=None, exchange=exchange, allow=True, reasons="Toch", informed="informed", informed_how="Brief"
        ),
        "niet worden toegestaan",
    )
    refused(
        lambda: services.exchange_decide(
            actor=None, exchange=exchange, allow=False, reasons="Geen grond", informed="", informed_how=""
        ),
        "geïnformeerd",
    )


def test_health_data_in_named_entries_reach_the_engine(cf):
    exchange = _request(cf, cf.cases["family"], entries=[cf.entries["anna_wmo_health"]])()
    assert any("bijzondere persoonsgegevens" in r["text"].lower() for r in exchange.assessment_reasons)


def test_withdrawal_ends_the_exchange_at_once(cf):
    exchange = cf.exchanges["family"]
    assert exchange in selectors.allowed_exchanges(exchange.case)
    refused(lambda: services.exchange_withdraw(actor=None, exchange=exchange, reason=""), "reden")
    services.exchange_withdraw(actor=None, exchange=exchange, reason="Niet meer nodig")
    assert exchange.status == ExchangeStatus.WITHDRAWN
    assert exchange not in selectors.allowed_exchanges(exchange.case)
    refused(lambda: services.exchange_withdraw(actor=None, exchange=exchange, reason="Nogmaals"), "toegestane")


def test_the_requester_cancels_an_open_request_and_only_that(cf, world):
    case = cf.cases["family"]
    exchange = _request(cf, case)()
    refused(lambda: services.exchange_cancel(actor=world.users["wmo_consulent"], exchange=exchange), "wie het verzoek")
    services.exchange_cancel(actor=case.regisseur, exchange=exchange)
    assert exchange.status == ExchangeStatus.CANCELLED
    assert exchange.history.latest().history_change_reason == "geannuleerd"
    refused(lambda: services.exchange_cancel(actor=case.regisseur, exchange=exchange), "nog niet is besloten")
    refused(
        lambda: services.exchange_decide(
            actor=None, exchange=exchange, allow=False, reasons="Nee", informed="informed", informed_how="Brief"
        ),
        "al besloten",
    )
    allowed = cf.exchanges["family"]
    refused(lambda: services.exchange_cancel(actor=allowed.requested_by, exchange=allowed), "nog niet is besloten")


def test_shared_categories_show_only_entries_that_hold_nothing_else(cf, world):
    case = cf.cases["family"]
    exchange = _request(cf, case, entries=[], categories=categories("naw", "ondersteuningsbehoefte"))()
    services.exchange_decide(
        actor=None, exchange=exchange, allow=True, reasons="Nodig", informed="informed", informed_how="Gesprek"
    )
    assert selectors.shared_entries(exchange) == [cf.entries["anna_wmo"]]


def test_vital_interest_exchanges_are_counted(cf):
    exchange = _request(cf, cf.cases["family"], facts={"interest": "c", "emergency": "vital_interest"})()
    services.exchange_decide(
        actor=None,
        exchange=exchange,
        allow=True,
        reasons="Acuut gevaar",
        informed="not_informed",
        informed_how="Onbereikbaar",
    )
    counts = selectors.emergency_exchanges(cf.controller, since=TODAY, until=TODAY)
    assert counts["vital_interest"] == 1


def test_aggregates_hold_no_person(cf):
    figures = selectors.aggregates(cf.controller, today=TODAY)
    assert figures["involvements_by_domain"] == {"wmo": 1, "jeugd": 2}
    assert figures["cases_by_phase"] == {Phase.CONFERENCE: 1, Phase.TRIAGE: 1}
    assert cf.persons["anna"].bsn not in str(figures)


def test_another_controller_gets_404(cf, world):
    from django.http import Http404

    oostdal = world.organisations[demo.OOSTDAL]
    for get, record in [
        (selectors.person_get, cf.persons["anna"]),
        (selectors.case_get, cf.cases["family"]),
        (selectors.exchange_get, cf.exchanges["family"]),
        (selectors.involvement_get, cf.involvements["anna_wmo"]),
    ]:
        assert get(cf.controller, record.uuid) == record
        with pytest.raises(Http404):
            get(oostdal, record.uuid)


def test_reassessment_reminders_go_once_per_date_and_name_no_person(
    cf, world, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    case = cf.cases["family"]
    services.case_set_reassessment(actor=None, case=case, reassess_on=TODAY + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reassessment_reminders", stdout=StringIO())
        call_command("reassessment_reminders", stdout=StringIO())
    assert len(mailoutbox) == 1 and case.reference in mailoutbox[0].body
    assert all(str(p) not in mailoutbox[0].body for p in cf.persons.values())
    refused(lambda: services.case_set_reassessment(actor=None, case=case, reassess_on=TODAY), "toekomst")


def test_the_bound_activity_is_the_established_version_of_the_controllers_own_activity(cf, world):
    """What the log records of a look-up: the established version's id, uri and confidentiality; nothing when the
    use is unbound, or bound to an activity of another municipality."""
    voorbeeld, oostdal = world.organisations[demo.VOORBEELD], world.organisations[demo.OOSTDAL]
    binding = RegisterBinding.objects.get(controller=voorbeeld, use=Use.INVOLVEMENT_LOOKUP)
    established = binding.activity.versions.get(status=Status.ESTABLISHED)
    found = selectors.bound_version(voorbeeld, Use.INVOLVEMENT_LOOKUP)
    assert found == selectors.BoundActivity(
        established.pk, established.uri, established.confidential, established.confidential_until
    )
    RegisterBinding.objects.filter(controller=oostdal, use=Use.INVOLVEMENT_LOOKUP).update(activity=binding.activity)
    assert selectors.bound_version(oostdal, Use.INVOLVEMENT_LOOKUP) is None
    binding.delete()
    assert selectors.bound_version(voorbeeld, Use.INVOLVEMENT_LOOKUP) is None
