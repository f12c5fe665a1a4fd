"""Obligations over time, expiry reminders, the covenant's information picture and the public agreements page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from doelbinding.partners import selectors, services
from doelbinding.partners.models import Agreement, ExpiryReminder, InformationShare, Obligation, Partner
from doelbinding.tenancy import demo

TODAY = timezone.localdate()
NO_DETAILS = {"subprocessor": "", "approved": None, "incident_reference": "", "notes": ""}


def _agreement(world, title, slug=demo.VOORBEELD) -> Agreement:
    return Agreement.objects.get(controller=world.organisations[slug], title=title)


def _checks(world, slug) -> set[tuple[str, str]]:
    return {(f.check, f.name) for f in selectors.worklist(world.organisations[slug])}


def test_recording_the_yearly_report_clears_the_overdue_finding(world, as_persona):
    agreement = _agreement(world, "Verwerkersovereenkomst Dossierwerk Westveen", demo.WESTVEEN)
    overdue = ("yearly_report_overdue", agreement.title)
    assert overdue in _checks(world, demo.WESTVEEN)
    # Voorbeeld's FG does not reach Westveen's agreement; the FG of the region records it.
    assert as_persona("fg").get(f"/partners/afspraken/{agreement.uuid}/verplichtingen/nieuw/").status_code == 404
    services.obligation_record(
        actor=world.users["fg_regio"],
        agreement=agreement,
        partner=agreement.parties.get(),
        fields={**NO_DETAILS, "kind": "yearly_report", "occurred_on": TODAY - timedelta(days=3)},
    )
    assert overdue not in _checks(world, demo.WESTVEEN)


def test_the_ciso_records_a_breach_notice_through_the_page(world, as_persona):
    agreement = _agreement(world, "Verwerkersovereenkomst Cloudmail")
    partner = agreement.parties.get()
    response = as_persona("ciso").post(
        f"/partners/afspraken/{agreement.uuid}/verplichtingen/nieuw/",
        {
            "partner": partner.pk,
            "kind": "breach_notice",
            "occurred_on": TODAY.isoformat(),
            "incident_reference": "INC-2026-099",
            "notes": "Phishingmail bij de verwerker; geen cliëntgegevens ingezien.",
        },
    )
    assert response.status_code == 302
    notice = agreement.obligations.get(kind="breach_notice")
    assert notice.incident_reference == "INC-2026-099" and notice.history.get().history_user == world.users["ciso"]
    assert "INC-2026-099" in as_persona("wmo_consulent").get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurred_on": TODAY + timedelta(days=1)}, "occurred_on"),
        ({"kind": "subprocessor"}, "subprocessor"),
        ({"kind": "subprocessor", "subprocessor": "Opslag BV"}, "approved"),
        ({"kind": "audit", "subprocessor": "Opslag BV"}, "subprocessor"),
    ],
)
def test_contradicting_obligations_are_refused_and_nothing_is_saved(world, changes, field):
    agreement = _agreement(world, "Verwerkersovereenkomst Cloudmail")
    before = Obligation.objects.count()
    fields = {**NO_DETAILS, "kind": "yearly_report", "occurred_on": TODAY, **changes}
    with pytest.raises(ValidationError) as error:
        services.obligation_record(actor=None, agreement=agreement, partner=agreement.parties.get(), fields=fields)
    assert field in error.value.message_dict
    assert Obligation.objects.count() == before


def test_only_a_processing_agreement_has_yearly_reports_and_subprocessors(world):
    covenant = _agreement(world, "Convenant Zorg en Veiligheid Midden")
    police = covenant.parties.get(organisation__name="Politie eenheid Midden")
    before = Obligation.objects.count()
    for kind, details in [("yearly_report", {}), ("subprocessor", {"subprocessor": "Opslag BV", "approved": True})]:
        with pytest.raises(ValidationError) as error:
            services.obligation_record(
                actor=None,
                agreement=covenant,
                partner=police,
                fields={**NO_DETAILS, "kind": kind, "occurred_on": TODAY, **details},
            )
        assert "kind" in error.value.message_dict
    audit = services.obligation_record(
        actor=None, agreement=covenant, partner=police, fields={**NO_DETAILS, "kind": "audit", "occurred_on": TODAY}
    )
    assert Obligation.objects.count() == before + 1 and audit.kind == "audit"


def test_an_obligation_of_a_partner_outside_the_agreement_is_refused(world, as_persona):
    agreement = _agreement(world, "Verwerkersovereenkomst Cloudmail")
    stranger = Partner.objects.get(controller=agreement.controller, organisation__name="Zorggroep De Linde")
    with pytest.raises(ValidationError):
        services.obligation_record(
            actor=None,
            agreement=agreement,
            partner=stranger,
            fields={**NO_DETAILS, "kind": "audit", "occurred_on": TODAY},
        )
    response = as_persona("fg").post(
        f"/partners/afspraken/{agreement.uuid}/verplichtingen/nieuw/",
        {"partner": stranger.pk, "kind": "audit", "occurred_on": TODAY.isoformat()},
    )
    assert response.status_code == 200 and "Controleer uw invoer" in response.content.decode()
    assert not agreement.obligations.filter(kind="audit", partner=stranger).exists()


def test_reminders_list_exactly_the_agreements_expiring_within_the_window(world, settings):
    voorbeeld = world.organisations[demo.VOORBEELD]
    expiring = {a.title for a in selectors.expiring_agreements(voorbeeld, today=TODAY, window_days=90)}
    assert expiring == {"Verwerkersovereenkomst Cloudmail"}  # expires in 30 days
    assert selectors.expiring_agreements(voorbeeld, today=TODAY, window_days=29) == []
    wider = {a.title for a in selectors.expiring_agreements(voorbeeld, today=TODAY, window_days=800)}
    active = Agreement.objects.filter(controller=voorbeeld, status="active", expires_on__lte=TODAY + timedelta(800))
    assert wider == set(active.values_list("title", flat=True)) and len(wider) > 1
    westveen = world.organisations[demo.WESTVEEN]
    assert {a.title for a in selectors.expiring_agreements(westveen, today=TODAY, window_days=90)} == {
        "Convenant veiligheid Westveen"
    }
    oostdal = world.organisations[demo.OOSTDAL]  # expired a month ago and still marked in force
    assert {a.title for a in selectors.expiring_agreements(oostdal, today=TODAY, window_days=90)} == {
        "Inkoopcontract jeugdhulp Oostdal"
    }


def test_the_reminder_command_mails_the_privacy_staff_once(world, django_capture_on_commit_callbacks):
    ExpiryReminder.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("agreement_reminders", stdout=(out := _Output()))
    assert "Verwerkersovereenkomst Cloudmail (herinnering verstuurd)" in out.text
    assert "[1/3]" in out.text and "[3/3]" in out.text
    by_subject = {m.subject: m for m in mail.outbox}
    voorbeeld = by_subject["Afspraken die aflopen — Gemeente Voorbeeld"]
    assert "Verwerkersovereenkomst Cloudmail" in voorbeeld.body
    assert world.users["fg"].email in voorbeeld.to and world.users["wmo_consulent"].email not in voorbeeld.to
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        call_command("agreement_reminders", stdout=(again := _Output()))
    assert len(mail.outbox) == 3 and "herinnering verstuurd" not in again.text
    assert "Verwerkersovereenkomst Cloudmail" in again.text


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_the_information_picture_shows_parties_and_schil_partners(world, as_persona):
    covenant = _agreement(world, "Convenant Zorg en Veiligheid Midden")
    picture = selectors.information_picture(covenant)
    rows = {row["partner"].organisation.name: row for row in picture["rows"]}
    assert rows["Budgetcoaches Voorbeeld"]["party"] is False and rows["Politie eenheid Midden"]["party"] is True
    domains = [code for code, _ in picture["domains"]]
    police = dict(zip(domains, rows["Politie eenheid Midden"]["cells"], strict=True))
    assert police["wmo"].level == "involvement" and police["zorg-veiligheid"] is None
    page = as_persona("regisseur").get(f"/partners/afspraken/{covenant.uuid}/informatiedeling/").content.decode()
    assert "schilpartner" in page and "Procesregie bij complexe casuïstiek" in page
    assert "Vastleggen" not in page  # the regisseur reads; only privacy staff change it


def test_privacy_staff_set_and_withdraw_a_share_and_case_work_reads_it(world, as_persona):
    covenant = _agreement(world, "Convenant Zorg en Veiligheid Midden")
    police = Partner.objects.get(controller=covenant.controller, organisation__name="Politie eenheid Midden")
    fg = as_persona("fg")
    url = f"/partners/afspraken/{covenant.uuid}/informatiedeling/"
    data = {"partner": police.pk, "domain": "schulden", "level": "involvement", "purpose": "Overlast door schulden"}
    assert fg.post(url, data).status_code == 302
    shares = selectors.information_shares_in_force(covenant.controller, police)
    assert set(shares) == {"wmo", "jeugd", "schulden"}
    assert fg.post(url, {**data, "level": "content"}).status_code == 302  # a second choice replaces the first
    share = InformationShare.objects.get(agreement=covenant, partner=police, domain="schulden")
    assert share.level == "content"
    assert as_persona("regisseur").post(url, data).status_code == 403
    assert fg.post(f"{url}{share.pk}/intrekken/").status_code == 302
    assert "schulden" not in selectors.information_shares_in_force(covenant.controller, police)


def test_shares_of_a_covenant_not_in_force_do_not_count(world):
    covenant = _agreement(world, "Convenant Zorg en Veiligheid Midden")
    police = Partner.objects.get(controller=covenant.controller, organisation__name="Politie eenheid Midden")
    Agreement.objects.filter(pk=covenant.pk).update(status="ended")
    assert selectors.information_shares_in_force(covenant.controller, police) == {}


def test_a_share_is_refused_for_other_kinds_and_other_municipalities(world):
    processing = _agreement(world, "Verwerkersovereenkomst Cloudmail")
    partner = processing.parties.get()
    with pytest.raises(ValidationError):
        services.information_share_set(
            actor=None, agreement=processing, partner=partner, domain="wmo", level="content", purpose="x"
        )
    covenant = _agreement(world, "Convenant Zorg en Veiligheid Midden")
    foreign = Partner.objects.filter(controller=world.organisations[demo.OOSTDAL]).first()
    with pytest.raises(ValidationError):
        services.information_share_set(
            actor=None, agreement=covenant, partner=foreign, domain="wmo", level="content", purpose="x"
        )
    assert not InformationShare.objects.filter(partner=foreign, agreement=covenant).exists()


def test_the_public_page_lists_public_agreements_in_force_with_their_text(world, as_persona):
    anonymous = as_persona("anonymous")
    page = anonymous.get(f"/openbaar/{demo.VOORBEELD}/afspraken/").content.decode()
    assert "Convenant Zorg en Veiligheid Midden" in page and "Verwerkersovereenkomst Dossierwerk" in page
    assert "Inkoopcontract jeugdhulp Oostdal" not in page  # another municipality's
    oostdal = anonymous.get(f"/openbaar/{demo.OOSTDAL}/afspraken/").content.decode()
    assert "Convenant veiligheid Oostdal" in oostdal
    assert "Inkoopcontract jeugdhulp Oostdal" not in oostdal  # expired
    assert "Verwerkersovereenkomst Dossierwerk Oostdal" not in oostdal  # concept
    covenant = _agreement(world, "Convenant Zorg en Veiligheid Midden")
    download = anonymous.get(f"/openbaar/{demo.VOORBEELD}/afspraken/{covenant.uuid}/document/")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    Agreement.objects.filter(pk=covenant.pk).update(public=False)
    assert anonymous.get(f"/openbaar/{demo.VOORBEELD}/afspraken/{covenant.uuid}/document/").status_code == 404
    assert (
        "Convenant Zorg en Veiligheid Midden"
        not in anonymous.get(f"/openbaar/{demo.VOORBEELD}/afspraken/").content.decode()
    )
    assert anonymous.get(f"/openbaar/{demo.OOSTDAL}/afspraken/{covenant.uuid}/document/").status_code == 404


def test_the_stakeholder_map_shows_every_partner(world, as_persona):
    page = as_persona("regisseur").get("/partners/kaart/").content.decode()
    for partner in Partner.objects.filter(controller=world.organisations[demo.VOORBEELD]):
        assert partner.organisation.name in page
    assert "Politie team Oostdal" not in page
    svg = as_persona("regisseur").get("/partners/kaart.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"Zorggroep De Linde" in svg.content
