"""Access by purpose (DESIGN §3.3) for every persona: involvements, own-domain and other-domain content, content
shared by an exchange for this case and for another, and aggregates. Every attempt, allowed or refused, is in the
processing log; a record of another municipality is a 404 and leaves nothing in this municipality's log."""

import pytest
from django.utils import timezone

from doelbinding.casework import services
from doelbinding.casework.models import Exchange, FileEntry
from doelbinding.casework.tests.casefile import A_INTEREST
from doelbinding.processinglog import selectors as log_selectors
from doelbinding.processinglog.models import ProcessingAction
from doelbinding.tenancy import demo
from tests.test_authorization import PERSONAS

CASEWORKERS = {"regisseur", "wmo_consulent", "jeugd_consulent"}
OWN_FILE = {"wmo_consulent": ("anna", "wmo"), "jeugd_consulent": ("tim", "jeugd")}
OTHER_FILE = {"wmo_consulent": ("tim", "jeugd"), "jeugd_consulent": ("anna", "wmo")}


def _url(kind: str, record, **extra) -> str:
    from django.urls import reverse

    return reverse(f"casework:{kind}", kwargs={"uuid": record.uuid, **extra})


def attempt(client, url, *, data=None, method="get"):
    """The response and the log entries written during the request."""
    last = ProcessingAction.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = getattr(client, method)(url, data or {})
    return response, list(ProcessingAction.objects.filter(id__gt=last))


def assert_logged(entries, *, outcome: str, subjects: set[str], scope: str, controller, user, **fields):
    assert entries, "the attempt left no entry in the processing log"
    assert {e.outcome for e in entries} == {outcome}
    assert {e.subject_id for e in entries} == subjects
    assert {e.scope for e in entries} == {scope}
    assert {e.controller_id for e in entries} == {controller.pk}
    assert {e.actor_user_id for e in entries} == {user.pk}
    for name, value in fields.items():
        assert {getattr(e, name) for e in entries} == {value}, name


def expect(persona, allowed: bool, response, entries, cf, world, *, subjects, scope, **fields):
    if persona == "buitenstaander":  # another municipality: as if the record did not exist, nothing logged
        assert response.status_code == 404 and entries == []
        return
    assert response.status_code == (200 if allowed else 403), persona
    assert_logged(
        entries,
        outcome="allowed" if allowed else "denied",
        subjects=subjects,
        scope=scope,
        controller=cf.controller,
        user=world.users[persona],
        **fields,
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_involvements_elsewhere_need_a_purpose_and_are_logged(persona, cf, world, as_persona):
    anna = cf.persons["anna"]
    url = _url("known_elsewhere", anna)
    purpose = "Afstemmen met wie al helpt bij de hulpvraag"
    response, entries = attempt(as_persona(persona), url, data={"doel": purpose}, method="post")
    expect(
        persona,
        persona in CASEWORKERS,
        response,
        entries,
        cf,
        world,
        subjects={anna.bsn},
        scope="involvement",
        action="search",
        purpose=purpose,
    )
    if persona in CASEWORKERS:
        assert "Team wmo" in response.content.decode()
        assert "Keukentafelgesprek" not in response.content.decode()  # dat-informatie only, never the content


def test_no_purpose_no_look(cf, world, as_persona):
    response, entries = attempt(
        as_persona("wmo_consulent"), _url("known_elsewhere", cf.persons["anna"]), data={"doel": "x"}, method="post"
    )
    assert entries == [] and "Team wmo" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_own_domain_content(persona, cf, world, as_persona):
    person, domain = OWN_FILE.get(persona, ("anna", "wmo"))
    response, entries = attempt(as_persona(persona), _url("domain_file", cf.persons[person], domain=domain))
    expect(
        persona,
        persona in OWN_FILE,
        response,
        entries,
        cf,
        world,
        subjects={cf.persons[person].bsn},
        scope="content",
        domain=domain,
    )
    if persona in OWN_FILE:
        entry = cf.entries[f"{person}_{domain}"]
        assert entry.content in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_other_domain_content_is_refused_and_logged(persona, cf, world, as_persona):
    person, domain = OTHER_FILE.get(persona, ("tim", "jeugd"))
    response, entries = attempt(as_persona(persona), _url("domain_file", cf.persons[person], domain=domain))
    expect(
        persona, False, response, entries, cf, world, subjects={cf.persons[person].bsn}, scope="content", domain=domain
    )
    assert cf.entries[f"{person}_{domain}"].content not in response.content.decode()


SHARED_THIS_CASE = CASEWORKERS  # the regisseur and the Wmo participant receive; Jeugd provides
SHARED_OTHER_CASE = {"regisseur", "jeugd_consulent"}  # the Wmo consulent takes no part in Bert's case


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("case", "allowed"), [("family", SHARED_THIS_CASE), ("other", SHARED_OTHER_CASE)])
def test_content_shared_by_an_exchange_stays_within_its_case(persona, case, allowed, cf, world, as_persona):
    exchange = cf.exchanges[case]
    response, entries = attempt(as_persona(persona), _url("exchange_content", exchange))
    persons = {p.bsn for p in exchange.persons.all()}
    expect(
        persona,
        persona in allowed,
        response,
        entries,
        cf,
        world,
        subjects=persons,
        scope="content",
        domain="jeugd",
        case_reference=exchange.case.reference,
    )
    shared = exchange.entries.get()
    assert (shared.content in response.content.decode()) is (persona in allowed and persona != "buitenstaander")


@pytest.mark.parametrize("persona", PERSONAS)
def test_aggregates_for_everyone_on_the_staff_hold_no_person(persona, cf, world, as_persona):
    response, entries = attempt(as_persona(persona), "/casuswerk/cijfers/")
    assert response.status_code == 200
    controller = world.organisations[demo.OOSTDAL if persona == "buitenstaander" else demo.VOORBEELD]
    assert_logged(
        entries, outcome="allowed", subjects={""}, scope="aggregate", controller=controller, user=world.users[persona]
    )
    page = response.content.decode()
    assert not any(p.bsn in page or str(p) in page for p in cf.persons.values())


def test_withdrawal_ends_the_recipients_access_at_once(cf, world, as_persona):
    exchange = cf.exchanges["family"]
    recipient, provider = as_persona("wmo_consulent"), as_persona("jeugd_consulent")
    assert attempt(recipient, _url("exchange_content", exchange))[0].status_code == 200
    response = provider.post(_url("exchange_withdraw", exchange), {"reason": "Het plan is rond; niet meer nodig."})
    assert response.status_code == 302
    assert Exchange.objects.get(pk=exchange.pk).status == "withdrawn"
    response, entries = attempt(recipient, _url("exchange_content", exchange))
    assert response.status_code == 403 and [e.outcome for e in entries] == ["denied"]
    assert attempt(provider, _url("exchange_content", exchange))[0].status_code == 200  # the provider keeps it


def test_only_the_providing_domain_decides_and_withdraws(cf, world, as_persona):
    exchange = cf.exchanges["family"]
    for persona in ["regisseur", "wmo_consulent"]:
        response = as_persona(persona).post(_url("exchange_withdraw", exchange), {"reason": "Zelf ingetrokken"})
        assert response.status_code == 403
    assert Exchange.objects.get(pk=exchange.pk).status == "allowed"


def test_the_requester_cancels_an_open_request_from_its_page(cf, world, as_persona):
    case = cf.cases["family"]
    exchange = services.exchange_request(
        actor=case.regisseur,
        case=case,
        provider_domain="wmo",
        recipient_domain="jeugd",
        persons=[cf.persons["anna"]],
        entries=[cf.entries["anna_wmo"]],
        purpose="Afstemmen",
        facts=A_INTEREST,
    )
    assert (
        "Verzoek annuleren" not in as_persona("wmo_consulent").get(_url("exchange_detail", exchange)).content.decode()
    )
    assert as_persona("wmo_consulent").post(_url("exchange_cancel", exchange)).status_code == 403
    regisseur = as_persona("regisseur")
    assert "Verzoek annuleren" in regisseur.get(_url("exchange_detail", exchange)).content.decode()
    assert regisseur.post(_url("exchange_cancel", exchange)).status_code == 302
    assert Exchange.objects.get(pk=exchange.pk).status == "cancelled"
    page = regisseur.get(_url("exchange_detail", exchange)).content.decode()
    assert "Geannuleerd door de aanvrager" in page and "Verzoek annuleren" not in page


def test_a_person_is_never_recorded_as_known_at_a_processor(cf, world, as_persona):
    from doelbinding.partners.models import Partner, PartnerKind

    page = as_persona("wmo_consulent").get(_url("involvement_create", cf.persons["anna"])).content.decode()
    voorbeeld = world.organisations[demo.VOORBEELD]
    processors = Partner.objects.filter(controller=voorbeeld, kind=PartnerKind.PROCESSOR).select_related("organisation")
    care = Partner.objects.filter(controller=voorbeeld, kind=PartnerKind.CARE_PROVIDER).select_related("organisation")
    assert processors and care
    assert not any(f">{p.organisation.name}<" in page for p in processors)
    assert all(f">{p.organisation.name}<" in page for p in care)


def test_the_caseload_is_paged(cf, world, as_persona, monkeypatch):
    from django.urls import reverse

    from doelbinding.casework import selectors, views

    cases = list(selectors.cases_involving(world.organisations[demo.VOORBEELD], world.users["regisseur"]))
    assert len(cases) >= 2
    monkeypatch.setattr(views, "CASES_PER_PAGE", 1)
    client = as_persona("regisseur")
    first = client.get(reverse("casework:home")).content.decode()
    second = client.get(reverse("casework:home") + "?pagina=2").content.decode()
    assert f"Pagina 1 van {len(cases)}" in first and "Volgende pagina" in first
    assert cases[0].reference in first and cases[1].reference not in first
    assert cases[1].reference in second and "Vorige pagina" in second
    assert client.get(reverse("casework:home") + "?pagina=abc").status_code == 200


def test_closing_a_case_asks_for_confirmation(cf, world, as_persona):
    case = cf.cases["family"]
    regisseur = as_persona("regisseur")
    response = regisseur.post(_url("case_phase", case), {"phase": "closed"}, follow=True)
    assert "Bevestig dat u de casus afsluit" in response.content.decode()
    case.refresh_from_db()
    assert case.phase != "closed"
    regisseur.post(_url("case_phase", case), {"phase": "closed", "confirm_close": "on"})
    case.refresh_from_db()
    assert case.phase == "closed" and case.closed_on is not None


def test_break_glass_needs_a_reason_and_reaches_the_fgs_worklist(cf, world, as_persona):
    tim = cf.persons["tim"]
    client = as_persona("wmo_consulent")
    response, entries = attempt(
        client, _url("break_glass", tim), data={"domain": "jeugd", "reason": "kort"}, method="post"
    )
    assert response.status_code == 400 and entries == []
    reason = "Acute zorg om de veiligheid van het kind; de jeugdconsulent is niet bereikbaar."
    response, entries = attempt(
        client, _url("break_glass", tim), data={"domain": "jeugd", "reason": reason}, method="post"
    )
    assert response.status_code == 200 and cf.entries["tim_jeugd"].content in response.content.decode()
    assert_logged(
        entries,
        outcome="allowed",
        subjects={tim.bsn},
        scope="content",
        controller=cf.controller,
        user=world.users["wmo_consulent"],
        action="break_glass",
        purpose=reason,
    )
    signals = log_selectors.unusual_access(cf.controller, today=timezone.localdate())
    assert any(s.kind == "break_glass" for s in signals)


def test_writing_shows_the_prompts_before_saving(cf, world, as_persona):
    anna = cf.persons["anna"]
    client = as_persona("wmo_consulent")
    url = _url("entry_create", anna, domain="wmo")
    from doelbinding.register.models import DataCategory

    naw = DataCategory.objects.get(code="naw").pk
    mail = "Van: buurvrouw@example.invalid\nAan: wijkteam@example.invalid\nOnderwerp: Anna\n\nZij heeft veel last."
    data = {"kind": "note", "title": "Bericht buurvrouw", "content": mail, "categories": [naw]}
    before = FileEntry.objects.count()
    response = client.post(url, data)
    assert "geplakte e-mail" in response.content.decode() and FileEntry.objects.count() == before
    response = client.post(url, data | {"confirmed": "on"})
    assert response.status_code == 302 and FileEntry.objects.count() == before + 1


def test_the_regisseur_sees_involvements_across_domains_for_the_case(cf, world, as_persona):
    case = cf.cases["family"]
    response, entries = attempt(as_persona("regisseur"), _url("case_detail", case))
    page = response.content.decode()
    assert response.status_code == 200 and "Team wmo" in page and "Team jeugd" in page
    assert "Keukentafelgesprek" not in page  # no content on the case page
    assert_logged(
        entries,
        outcome="allowed",
        subjects={p.bsn for p in case.persons.all()},
        scope="involvement",
        controller=cf.controller,
        user=world.users["regisseur"],
        case_reference=case.reference,
        purpose=case.purpose,
    )


def test_the_search_takes_the_bsn_by_post_and_answers_with_the_persons_page(cf, world, as_persona):
    anna = cf.persons["anna"]
    client = as_persona("wmo_consulent")
    purpose = "Aanvraag huishoudelijke hulp behandelen"
    response, entries = attempt(
        client, "/casuswerk/betrokkenen/", data={"bsn": anna.bsn, "doel": purpose}, method="post"
    )
    assert response.status_code == 302 and anna.bsn not in response["Location"]
    assert response["Location"] == _url("person_detail", anna)
    assert [(e.action, e.subject_id, e.outcome, e.purpose) for e in entries] == [
        ("search", anna.bsn, "allowed", purpose)
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"bsn": "123456789", "doel": "Aanvraag huishoudelijke hulp"}, "elfproef"),
        ({"bsn": "abcdefghi", "doel": "Aanvraag huishoudelijke hulp"}, "elfproef"),
        ({"bsn": "900000077", "doel": ""}, "verplicht"),
        ({"bsn": "900000077", "doel": "kijken"}, "ten minste 10 tekens"),
    ],
)
def test_the_search_needs_a_valid_bsn_and_a_purpose_and_looks_up_nothing_without(cf, world, as_persona, data, message):
    response, entries = attempt(as_persona("wmo_consulent"), "/casuswerk/betrokkenen/", data=data, method="post")
    assert response.status_code == 200 and message in response.content.decode().lower() and entries == []


def test_a_household_member_is_registered_from_a_members_page(cf, world, as_persona):
    from doelbinding.processinglog.demo import synthetic_bsn

    anna = cf.persons["anna"]
    client = as_persona("wmo_consulent")
    url = f"/casuswerk/betrokkenen/nieuw/?huishouden={anna.household.uuid}"
    data = {"bsn": synthetic_bsn(30), "given_names": "Lotte", "family_name": "Jansen", "birth_date": "2016-02-03"}
    response, entries = attempt(client, url, data=data, method="post")
    assert response.status_code == 302
    assert anna.household.members.filter(given_names="Lotte").exists()
    assert [(e.action, e.outcome) for e in entries] == [("create", "allowed")]
    assert client.get("/casuswerk/betrokkenen/nieuw/?huishouden=onzin").status_code == 404
    data |= {"bsn": "123456789"}
    response = client.post(url, data)
    assert response.status_code == 400 and "elfproef" in response.content.decode()


def _pending(cf) -> Exchange:

    case = cf.cases["family"]
    return services.exchange_request(
        actor=case.regisseur,
        case=case,
        provider_domain="jeugd",
        recipient_domain="wmo",
        persons=[cf.persons["tim"]],
        entries=[cf.entries["tim_jeugd"]],
        purpose="De Wmo-ondersteuning afstemmen op de hulp aan het kind.",
        facts=A_INTEREST,
    )


def test_a_decision_missing_a_field_keeps_what_was_typed_and_names_the_field(cf, world, as_persona):
    exchange = _pending(cf)
    typed = {"allow": "1", "reasons": "Nodig voor het plan.", "informed": "informed", "informed_how": ""}
    response = as_persona("jeugd_consulent").post(_url("exchange_decide", exchange), typed)
    form = response.context["decision_form"]
    assert response.status_code == 200 and list(form.errors) == ["informed_how"]
    assert form["reasons"].value() == "Nodig voor het plan." and form["allow"].value() == "1"
    exchange.refresh_from_db()
    assert exchange.status == "requested"


def test_withdrawing_without_a_reason_asks_for_the_reason(cf, world, as_persona):
    exchange = cf.exchanges["family"]
    response = as_persona("jeugd_consulent").post(_url("exchange_withdraw", exchange), {"reason": ""})
    assert response.status_code == 200 and list(response.context["withdraw_form"].errors) == ["reason"]
    exchange.refresh_from_db()
    assert exchange.status == "allowed"


def test_the_request_offers_only_the_domains_taking_part_in_the_case(cf, world, as_persona):
    response = as_persona("regisseur").get(_url("exchange_create", cf.cases["family"]))
    offered = {code for code, _label in response.context["form"].fields["recipient_domain"].choices if code}
    assert offered == {"wmo", "jeugd"}


def test_an_exchange_the_assessment_refused_can_only_be_refused():
    from doelbinding.casework.forms import DecisionForm

    assert [code for code, _label in DecisionForm(refused=True).fields["allow"].choices] == ["0"]
    assert [code for code, _label in DecisionForm().fields["allow"].choices] == ["1", "0"]
    posted = {"allow": "1", "reasons": "x", "informed": "informed", "informed_how": "y"}
    assert not DecisionForm(posted, refused=True).is_valid()


def test_a_file_whose_involvement_ended_is_closed_for_writing(cf, world, as_persona):
    from datetime import timedelta

    anna, involvement = cf.persons["anna"], cf.involvements["anna_wmo"]
    Involvement = type(involvement)
    Involvement.objects.filter(pk=involvement.pk).update(until=timezone.localdate() - timedelta(days=1))
    client = as_persona("wmo_consulent")
    page = client.get(_url("domain_file", anna, domain="wmo")).content.decode()
    assert "Aantekening schrijven" not in page
    before = FileEntry.objects.count()
    response = client.post(
        _url("entry_create", anna, domain="wmo"), {"kind": "note", "title": "Gesprek", "content": "Tekst"}, follow=True
    )
    assert response.status_code == 200 and FileEntry.objects.count() == before
    assert "het dossier staat niet meer open" in response.content.decode()


def test_a_new_entry_goes_to_the_running_involvement_of_the_domain(cf, world, as_persona):
    from datetime import timedelta

    from doelbinding.register.models import DataCategory

    anna, running = cf.persons["anna"], cf.involvements["anna_wmo"]
    today = timezone.localdate()
    ended = type(running).objects.create(
        controller=running.controller,
        person=anna,
        domain="wmo",
        organisation=running.organisation,
        team="Oud team",
        since=today - timedelta(days=900),
        until=today - timedelta(days=400),
        activity=running.activity,
    )
    naw = DataCategory.objects.get(code="naw").pk
    data = {"kind": "note", "title": "Gesprek", "content": "Afspraken over de hulp.", "categories": [naw]}
    response = as_persona("wmo_consulent").post(_url("entry_create", anna, domain="wmo"), data)
    assert response.status_code == 302
    written = FileEntry.objects.order_by("-pk").first()
    assert written.involvement_id == running.pk != ended.pk


def test_closing_the_case_ends_the_recipients_access_to_what_was_shared(cf, world, as_persona):
    exchange = cf.exchanges["family"]
    recipient, provider = as_persona("wmo_consulent"), as_persona("jeugd_consulent")
    assert attempt(recipient, _url("exchange_content", exchange))[0].status_code == 200
    services.case_move(actor=world.users["regisseur"], case=exchange.case, phase="closed")
    response, entries = attempt(recipient, _url("exchange_content", exchange))
    assert response.status_code == 403 and [e.outcome for e in entries] == ["denied"]
    regisseur = as_persona("regisseur")
    assert attempt(regisseur, _url("exchange_content", exchange))[0].status_code == 403
    assert attempt(provider, _url("exchange_content", exchange))[0].status_code == 200  # its own domain's file


def test_the_providing_domain_sees_shared_entries_only_within_its_data_set(cf, world, as_persona):
    """A professional of the providing domain sees on the exchange exactly what their own domain's file shows them,
    even when the exchange was refused."""
    case, anna = cf.cases["family"], cf.persons["anna"]
    shared = [cf.entries["anna_wmo"], cf.entries["anna_wmo_health"]]
    exchange = services.exchange_request(
        actor=case.regisseur,
        case=case,
        provider_domain="wmo",
        recipient_domain="jeugd",
        persons=[anna],
        entries=shared,
        purpose="Afstemmen",
        facts=A_INTEREST,
    )
    held_back_somewhere = False
    for persona in ("wmo_consulent", "sociaal_werker"):
        client = as_persona(persona)
        own_file = client.get(_url("domain_file", anna, domain="wmo")).content.decode()
        on_exchange = client.get(_url("exchange_content", exchange)).content.decode()
        for entry in shared:
            assert (entry.content in on_exchange) is (entry.content in own_file), (persona, entry.title)
            held_back_somewhere |= entry.content not in own_file
    assert held_back_somewhere  # the data sets differ, or this test would prove nothing


def test_a_regisseur_who_registers_a_referral_directs_the_case(cf, world, as_persona):
    from doelbinding.casework.models import Case

    bert = cf.persons["bert"]
    services.case_move(actor=world.users["regisseur"], case=cf.cases["other"], phase="closed")
    client = as_persona("regisseur")
    data = {
        "purpose": "Bert helpen met zijn schulden en zijn woning behouden.",
        "activity": cf.activities["case"].versions.get(status="established").pk,
        "referring_domain": "schulden",
    }
    response = client.post(_url("case_create", bert), data, follow=True)
    case = Case.objects.filter(persons=bert).exclude(pk=cf.cases["other"].pk).get()
    assert case.regisseur == world.users["regisseur"]
    assert response.status_code == 200 and case.reference in response.content.decode()
    assert "u bent de regisseur" in response.content.decode()


def test_forms_that_log_nothing_show_no_name_or_address(cf, world, as_persona):
    from django.urls import reverse

    anna = cf.persons["anna"]
    client = as_persona("regisseur")
    response, entries = attempt(client, _url("known_elsewhere", anna))
    assert response.status_code == 200 and entries == []
    assert anna.family_name not in response.content.decode()
    household = anna.household
    response, entries = attempt(client, reverse("casework:person_create") + f"?huishouden={household.uuid}")
    assert response.status_code == 200 and entries == []
    assert household.name not in response.content.decode()


def test_the_exchange_form_says_why_not_before_it_is_filled_in(cf, world, as_persona):
    regisseur = world.users["regisseur"]
    closed = cf.cases["other"]
    services.case_move(actor=regisseur, case=closed, phase="closed")
    untriaged = services.case_open(
        actor=regisseur,
        controller=cf.controller,
        persons=[cf.persons["bert"]],
        purpose="Bert helpen",
        activity=cf.activities["case"],
        referring_domain="wmo",
        regisseur=regisseur,
    )
    client = as_persona("regisseur")
    for case, why in ((untriaged, "nog geen triagebesluit"), (closed, "De casus is afgesloten")):
        response = client.get(_url("exchange_create", case), follow=True)
        assert response.redirect_chain[-1][0] == _url("case_detail", case)
        assert why in response.content.decode()


def test_a_pasted_document_is_refused_with_the_limit_named(cf, world, as_persona):
    from doelbinding.casework.forms import ENTRY_MAX
    from doelbinding.register.models import DataCategory

    naw = DataCategory.objects.get(code="naw").pk
    data = {
        "kind": "note",
        "title": "Gesprek",
        "content": "x" * (ENTRY_MAX + 1),
        "categories": [naw],
        "confirmed": "on",
    }
    before = FileEntry.objects.count()
    response = as_persona("wmo_consulent").post(_url("entry_create", cf.persons["anna"], domain="wmo"), data)
    assert response.status_code == 400 and FileEntry.objects.count() == before
    assert "20000" in response.content.decode()


def test_requests_waiting_for_a_decision_are_on_the_providing_domains_worklist(cf, world, as_persona):
    from django.urls import reverse

    case, tim = cf.cases["family"], cf.persons["tim"]
    waiting = services.exchange_request(
        actor=case.regisseur,
        case=case,
        provider_domain="jeugd",
        recipient_domain="wmo",
        persons=[tim],
        entries=[cf.entries["tim_jeugd"]],
        purpose="Afstemmen",
        facts=A_INTEREST,
    )
    link = _url("exchange_detail", waiting)
    provider = as_persona("jeugd_consulent").get(reverse("casework:home")).content.decode()
    assert link in provider and "wachten op uw besluit" in provider
    assert str(tim) not in provider and tim.bsn not in provider
    assert link not in as_persona("wmo_consulent").get(reverse("casework:home")).content.decode()  # not its domain
    services.exchange_decide(
        actor=world.users["jeugd_consulent"],
        exchange=waiting,
        allow=False,
        reasons="Niet nodig voor het plan.",
        informed="informed",
        informed_how="Telefonisch",
    )
    assert link not in as_persona("jeugd_consulent").get(reverse("casework:home")).content.decode()


def test_a_persons_name_stays_out_of_the_page_title_and_so_out_of_the_browser_history(cf, world, as_persona):
    import re

    anna = cf.persons["anna"]
    client = as_persona("wmo_consulent")
    for url in (_url("person_detail", anna), _url("domain_file", anna, domain="wmo")):
        page = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert anna.family_name not in title and anna.family_name in page


def test_a_participant_who_leaves_loses_what_was_shared_with_them(cf, world, as_persona):
    from django.urls import reverse

    exchange, case = cf.exchanges["family"], cf.cases["family"]
    recipient = as_persona("wmo_consulent")
    assert attempt(recipient, _url("exchange_content", exchange))[0].status_code == 200
    taking_part = case.participants.get(user=world.users["wmo_consulent"])
    leave = reverse("casework:participant_leave", kwargs={"uuid": case.uuid, "participant": taking_part.pk})
    assert as_persona("jeugd_consulent").post(leave).status_code == 403  # only who directs the case
    assert "Deelname beëindigen" in as_persona("regisseur").get(_url("case_detail", case)).content.decode()
    response = as_persona("regisseur").post(leave, follow=True)
    assert "De deelname is beëindigd." in response.content.decode()
    taking_part.refresh_from_db()
    assert taking_part.left_on == timezone.localdate()
    assert attempt(recipient, _url("exchange_content", exchange))[0].status_code == 403
    again = as_persona("regisseur").post(leave, follow=True).content.decode()
    assert "neemt al niet meer deel" in again
    other = reverse(
        "casework:participant_leave", kwargs={"uuid": cf.cases["other"].uuid, "participant": taking_part.pk}
    )
    assert as_persona("regisseur").post(other).status_code == 404  # a participant of another case
