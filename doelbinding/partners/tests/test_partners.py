"""Partners and agreements: demo gaps, checklists, services, scoping and pages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from doelbinding.partners import demo as partners_demo
from doelbinding.partners import selectors, services
from doelbinding.partners.checklists import BY_AGREEMENT_KIND, CLAUSES, checklist
from doelbinding.partners.models import Agreement, AgreementClause, ClauseStatus, Partner
from doelbinding.tenancy import demo

ART_28_3 = {f"AVG art. 28 lid 3 sub {letter}" for letter in "abcdefgh"}
SEED_PROCESSOR_ITEMS = {
    "proc-yearly-report",
    "proc-audit",
    "proc-subprocessor-consent",
    "proc-breach-notice",
    "proc-no-transfer",
    "proc-return-destroy",
    "proc-liability",
}


def _voorbeeld(world):
    return world.organisations[demo.VOORBEELD]


def _label(finding) -> str:
    return finding.name.split(" ", 1)[1] if finding.subject == "activity" else finding.name


@pytest.mark.parametrize("slug", list(partners_demo.GAPS))
def test_the_worklist_equals_exactly_the_seeded_gaps(world, slug):
    findings = selectors.worklist(world.organisations[slug])
    assert {(f.check, _label(f)) for f in findings} == partners_demo.GAPS[slug]
    assert len(findings) == len(partners_demo.GAPS[slug])


def test_the_demo_has_about_25_partners_across_three_municipalities(world):
    assert Partner.objects.count() == 25
    assert Partner.objects.values("controller").distinct().count() == 3


def test_the_processor_checklist_contains_every_article_28_3_item():
    codes = BY_AGREEMENT_KIND["processing"]
    sources = {CLAUSES[code].source for code in codes}
    assert sources >= ART_28_3
    assert set(codes) >= SEED_PROCESSOR_ITEMS
    assert all(CLAUSES[code].mandatory for code in codes)


def test_checklists_add_the_items_of_the_way_of_working_together():
    covenant = checklist("covenant", ["case_level", "outsourced"])
    assert {"case-veilig-thuis", "out-continuity", "cov-steering"} <= set(covenant)
    assert len(covenant) == len(set(covenant))
    assert "care-back-office" in checklist("purchase", ["purchased_care"])
    assert checklist("processing", ["outsourced"]) == BY_AGREEMENT_KIND["processing"]


def _fields(**changes):
    fields = {
        "title": "Verwerkersovereenkomst Testbedrijf",
        "kind": "processing",
        "purposes": "Hosting van het cliëntdossier.",
        "signed_on": None,
        "effective_from": None,
        "expires_on": None,
        "status": "concept",
        "public": True,
    }
    fields.update(changes)
    return fields


def test_an_agreement_gets_its_checklist_from_the_reference(world):
    partner = Partner.objects.filter(controller=_voorbeeld(world), kind="processor").first()
    agreement = services.agreement_create(
        actor=world.users["fg"], controller=_voorbeeld(world), fields=_fields(), parties=[partner]
    )
    assert [c.clause for c in agreement.clauses.all()] == BY_AGREEMENT_KIND["processing"]
    assert {c.status for c in agreement.clauses.all()} == {ClauseStatus.OPEN}


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"signed_on": "2026-03-01", "effective_from": "2026-02-01"}, "effective_from"),
        ({"effective_from": "2026-03-01", "expires_on": "2026-03-01"}, "expires_on"),
        ({"effective_from": "2026-03-01", "expires_on": "2025-03-01"}, "expires_on"),
    ],
)
def test_contradicting_dates_are_refused_and_nothing_is_saved(world, as_persona, dates, field):
    before = (Agreement.objects.count(), AgreementClause.objects.count())
    partner = Partner.objects.filter(controller=_voorbeeld(world)).first()
    data = {**_fields(**dates), "parties": [partner.pk], "public": "on"}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not True or k == "public"}
    response = as_persona("fg").post("/partners/afspraken/nieuw/", data)
    assert response.status_code == 200
    assert "Controleer uw invoer" in response.content.decode()
    assert (Agreement.objects.count(), AgreementClause.objects.count()) == before
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            actor=None,
            controller=_voorbeeld(world),
            fields=_fields(**{k: date.fromisoformat(v) for k, v in dates.items()}),
            parties=[partner],
        )
    assert field in error.value.message_dict
    assert (Agreement.objects.count(), AgreementClause.objects.count()) == before


def test_another_municipality_cannot_reach_voorbeelds_records(world):
    oostdal = world.organisations[demo.OOSTDAL]
    partner = Partner.objects.filter(controller=_voorbeeld(world)).first()
    agreement = Agreement.objects.filter(controller=_voorbeeld(world)).first()
    with pytest.raises(Http404):
        selectors.partner_get(oostdal, partner.uuid)
    with pytest.raises(Http404):
        selectors.agreement_get(oostdal, agreement.uuid)
    with pytest.raises(ValidationError):
        services.agreement_create(actor=None, controller=oostdal, fields=_fields(), parties=[partner])


def test_create_a_partner_and_an_agreement_through_the_pages(world, as_persona):
    fg = as_persona("fg")
    response = fg.post(
        "/partners/nieuw/",
        {"name": "Schuldhulpmaatje Voorbeeld", "kind": "chain", "collaboration": "case_level", "domains": ["schulden"]},
    )
    assert response.status_code == 302
    partner = Partner.objects.get(organisation__name="Schuldhulpmaatje Voorbeeld")
    assert partner.organisation.controller == _voorbeeld(world) and partner.domains == ["schulden"]
    page = fg.get(response["Location"]).content.decode()
    assert "Fatima Goudsmit" in page and "aangemaakt" in page
    assert "Schuldhulpmaatje Voorbeeld" in fg.get("/partners/werklijst/").content.decode()

    response = fg.post(
        "/partners/afspraken/nieuw/",
        {
            "title": "Convenant schuldhulp",
            "kind": "covenant",
            "parties": [partner.pk],
            "purposes": "Samen schulden voorkomen.",
            "signed_on": "2026-01-01",
            "effective_from": "2026-01-15",
            "expires_on": "2030-01-01",
            "status": "active",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Convenant schuldhulp")
    assert "case-direction" in {c.clause for c in agreement.clauses.all()}
    data = {f"status_{c.clause}": "present" for c in agreement.clauses.all()}
    data.update({f"article_{c.clause}": "art. 1" for c in agreement.clauses.all()})
    assert fg.post(f"/partners/afspraken/{agreement.uuid}/controlelijst/", data).status_code == 302
    assert set(agreement.clauses.values_list("status", flat=True)) == {ClauseStatus.PRESENT}
    worklist = fg.get("/partners/werklijst/").content.decode()
    assert "Schuldhulpmaatje Voorbeeld" not in worklist and "Convenant schuldhulp" not in worklist


def test_an_unknown_domain_is_refused(world):
    with pytest.raises(ValidationError):
        services.partner_create(
            actor=None,
            controller=_voorbeeld(world),
            name="Nieuwe partner",
            fields={
                "kind": "chain",
                "collaboration": "case_level",
                "domains": ["bestaat-niet"],
                "contact_name": "",
                "contact_email": "",
                "dpo_name": "",
                "dpo_email": "",
            },
        )
    assert not Partner.objects.filter(organisation__name="Nieuwe partner").exists()


def test_list_search_with_htmx_returns_the_table_only(as_persona):
    response = as_persona("wmo_consulent").get("/partners/?q=Linde", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Zorggroep De Linde" in content and "Thuiszorg Zonnehof" not in content and "<h1" not in content


def test_the_change_history_says_what_changed(world, as_persona):
    agreement = Agreement.objects.get(controller=_voorbeeld(world), title="Verwerkersovereenkomst Cloudmail")
    fields = {name: getattr(agreement, name) for name in services.AGREEMENT_FIELDS}
    services.agreement_edit(
        actor=world.users["fg"],
        agreement=agreement,
        fields={**fields, "expires_on": date(2030, 1, 1), "status": "ended"},
        parties=agreement.parties.all(),
        activities=agreement.activities.all(),
    )
    latest = selectors.changes(agreement, services.AGREEMENT_FIELDS)[0]
    assert latest["who"] == world.users["fg"] and latest["reason"] == "gewijzigd"
    assert set(latest["what"]) == {"Loopt af op gewijzigd", "Status: Van kracht → Beëindigd"}
    page = as_persona("fg").get(f"/partners/afspraken/{agreement.uuid}/").content.decode()
    assert "Status: Van kracht → Beëindigd" in page
