"""The log's pages: the FG's search, unusual access, the access-request overview (page and PDF) and the
citizen's own view, each passing the gate; the citizen never sees confidential processing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from doelbinding.processinglog import citizens, demo, selectors
from doelbinding.processinglog.models import ProcessingAction, Review
from doelbinding.tenancy import demo as tenancy_demo

CITIZEN = demo.DEMO_CITIZEN


def _entries_about(subject: str) -> int:
    return ProcessingAction.objects.filter(subject_id=subject).count()


def test_the_fg_searches_by_person_and_the_search_itself_is_logged(world, as_persona):
    before = _entries_about(CITIZEN)
    response = as_persona("fg").post("/logboek/", {"subject_id": CITIZEN})
    page = response.content.decode()
    assert response.status_code == 200 and CITIZEN in page and "Fraudeonderzoek bijstand" in page
    search = ProcessingAction.objects.filter(subject_id=CITIZEN).latest("id")
    assert _entries_about(CITIZEN) == before + 1
    assert (search.action, search.actor_user, search.outcome) == ("search", world.users["fg"], "allowed")
    assert search.activity.name == "Logboek van verwerkingen en inzage"


def test_a_search_by_employee_logs_one_entry_per_person_shown(world, as_persona):
    user = world.users["jeugd_consulent"]
    before = ProcessingAction.objects.filter(action="search").count()
    response = as_persona("fg").get("/logboek/", {"actor": user.pk})
    shown = {e.subject_id for e in response.context["entries"]}
    assert shown and ProcessingAction.objects.filter(action="search").count() == before + len(shown)


def test_a_bsn_that_fails_the_elfproef_is_refused(as_persona):
    response = as_persona("fg").post("/logboek/", {"subject_id": "123456789"})
    assert "elfproef" in response.content.decode() and response.context["entries"] is None


def test_staff_without_the_capability_are_refused_and_the_attempt_is_not_shown_data(world, as_persona):
    response = as_persona("wmo_consulent").post("/logboek/", {"subject_id": CITIZEN})
    assert response.status_code == 403 and CITIZEN not in response.content.decode()


def test_with_the_log_unavailable_no_personal_data_is_returned(world, as_persona):
    fg = as_persona("fg")
    with connection.cursor() as cursor:  # the log's table disappears, inside this test's transaction only
        cursor.execute("ALTER TABLE processinglog_processingaction RENAME TO processinglog_gone")
    for url, params in [
        ("/logboek/", {"subject_id": CITIZEN}),
        ("/logboek/inzageverzoek/", {"subject_id": CITIZEN}),
        ("/logboek/inzageverzoek.pdf", {"subject_id": CITIZEN}),
    ]:
        response = fg.post(url, params)
        assert response.status_code == 503, url
        body = response.content.decode()
        assert CITIZEN not in body and "Tijdelijk niet beschikbaar" in body
        assert "Fraudeonderzoek" not in body and "Maatwerkvoorziening" not in body


def test_without_a_register_activity_for_the_use_nothing_is_shown(world, as_persona):
    from doelbinding.processinglog.models import ActivityBinding

    ActivityBinding.objects.filter(controller=world.organisations[tenancy_demo.VOORBEELD]).delete()
    response = as_persona("fg").post("/logboek/", {"subject_id": CITIZEN})
    assert response.status_code == 503 and CITIZEN not in response.content.decode()


def test_the_unusual_access_worklist_shows_the_seeded_signals_and_a_review_closes_one(world, as_persona):
    fg = as_persona("fg")
    signals = fg.get("/logboek/opvallend/").context["signals"]
    kinds = {(s.kind, s.user_name) for s in signals}
    assert kinds == {
        ("break_glass", "Jeroen Jansen"),
        ("denied", "Wendy Molenaar"),
        ("volume", "Ruben Egberts"),
    }
    spike = next(s for s in signals if s.kind == "volume")
    assert (
        fg.post("/logboek/opvallend/beoordelen/", {"signal": spike.key, "remark": "Casusoverleg, klopt."}).status_code
        == 302
    )
    assert Review.objects.get(signal=spike.key).reviewed_by == world.users["fg"]
    assert spike.key not in {s.key for s in fg.get("/logboek/opvallend/").context["signals"]}
    assert as_persona("ciso").post("/logboek/opvallend/beoordelen/", {"signal": "x", "remark": "y"}).status_code == 403


def test_the_access_overview_hides_confidential_processing_and_comes_as_a_pdf(world, as_persona):
    coordinator = as_persona("klachtencoordinator")
    page = coordinator.post("/logboek/inzageverzoek/", {"subject_id": CITIZEN}).content.decode()
    assert "Maatwerkvoorziening Wmo" in page and "Zorggroep De Linde" in page
    assert "Fraudeonderzoek bijstand" not in page
    before = ProcessingAction.objects.filter(subject_id=CITIZEN, action="export").count()
    pdf = coordinator.post("/logboek/inzageverzoek.pdf", {"subject_id": CITIZEN})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert ProcessingAction.objects.filter(subject_id=CITIZEN, action="export").count() == before + 1


def _as_citizen(client, bsn: str = CITIZEN):
    session = client.session
    session[citizens.SESSION_KEY] = {"controller": tenancy_demo.VOORBEELD, "bsn": bsn}
    session.save()
    return client


def test_the_citizen_sees_who_processed_their_data_but_not_what_is_still_confidential(world, client):
    before = _entries_about(CITIZEN)
    page = _as_citizen(client).get(f"/openbaar/{tenancy_demo.VOORBEELD}/mijn-gegevens/").content.decode()
    assert "Beslissen op een aanvraag voor een maatwerkvoorziening" in page
    assert "Consulent, Gemeente Voorbeeld" in page and "Zorggroep De Linde" in page
    assert "Fraudeonderzoek" not in page and "Onderzoek naar de rechtmatigheid" not in page
    viewed = ProcessingAction.objects.filter(subject_id=CITIZEN).latest("id")
    assert _entries_about(CITIZEN) == before + 1 and viewed.actor_role == "betrokkene"


def test_confidential_processing_appears_once_its_confidentiality_has_ended(world):
    controller = world.organisations[tenancy_demo.VOORBEELD]
    today = timezone.localdate()
    entry = ProcessingAction.objects.filter(subject_id=CITIZEN, confidential=True).first()
    shown = selectors.citizen_overview(controller, CITIZEN, since=today - timedelta(365), until=today, today=today)
    assert entry.pk not in {e.pk for e in shown}
    later = entry.confidential_until + timedelta(days=1)
    shown = selectors.citizen_overview(controller, CITIZEN, since=today - timedelta(365), until=today, today=later)
    assert entry.pk in {e.pk for e in shown}


def test_another_citizens_data_and_another_municipality_stay_out_of_view(world, client):
    page = _as_citizen(client, demo.PERSONS[1]).get(f"/openbaar/{tenancy_demo.VOORBEELD}/mijn-gegevens/")
    assert CITIZEN not in page.content.decode()
    other = client.get(f"/openbaar/{tenancy_demo.OOSTDAL}/mijn-gegevens/").content.decode()
    assert "Demo-inlog" in other or "DigiD" in other  # signed in for Voorbeeld only


@pytest.mark.parametrize("demo_mode", [True, False])
def test_the_demo_login_exists_in_demo_mode_only(client, world, settings, demo_mode):
    settings.DEMO_MODE = demo_mode
    url = f"/openbaar/{tenancy_demo.VOORBEELD}/mijn-gegevens/demo-inloggen/"
    response = client.post(url, {"subject_id": CITIZEN})
    if demo_mode:
        assert response.status_code == 302
        assert client.session[citizens.SESSION_KEY]["bsn"] == CITIZEN
    else:
        assert response.status_code == 404 and citizens.SESSION_KEY not in client.session


def test_the_citizen_overview_holds_exactly_the_local_days_of_the_period(world):
    """The period runs from local midnight of its first day to local midnight after its last, on either database."""
    from django.db import transaction

    from doelbinding.processinglog import services
    from doelbinding.processinglog.tests.factories import record

    controller = world.organisations[tenancy_demo.VOORBEELD]
    since, until = timezone.localdate() - timedelta(days=40), timezone.localdate() - timedelta(days=10)
    first, after = selectors.day_start(since), selectors.day_start(until + timedelta(days=1))
    tick = timedelta(microseconds=1)
    moments = {"before": first - tick, "first": first, "last": after - tick, "after": after}
    with transaction.atomic():
        written = {
            name: services.append([record(controller, subject="999990019", occurred_at=moment)])[0].pk
            for name, moment in moments.items()
        }
    shown = selectors.citizen_overview(controller, "999990019", since=since, until=until, today=until)
    assert [e.pk for e in shown] == [written["last"], written["first"]]
    assert [e.occurred_at for e in shown] == [moments["last"], moments["first"]]


def test_access_to_a_person_off_the_users_caseload_lands_on_the_worklist(world, as_persona):
    """Outside the caseload: the contact of the person's involvement reads them unremarked, a colleague does not."""
    from django.db import transaction

    from doelbinding.casework.models import Involvement, Person
    from doelbinding.processinglog import services
    from doelbinding.processinglog.tests.factories import record
    from doelbinding.register.models import Activity

    controller = world.organisations[tenancy_demo.VOORBEELD]
    contact, colleague = world.users["wmo_consulent"], world.users["jeugd_consulent"]
    person = Person.objects.create(
        controller=controller, bsn="999990020", given_names="Test", family_name="Caseload", birth_date="1980-01-01"
    )
    Involvement.objects.create(
        controller=controller,
        person=person,
        domain="wmo",
        organisation=controller,
        contact=contact,
        since=timezone.localdate() - timedelta(days=100),
        activity=Activity.objects.filter(controller=controller).first(),
    )
    with transaction.atomic():
        for user in (contact, colleague):
            services.append(
                [record(controller, subject=person.bsn, actor_user_id=user.pk, actor_name=user.get_full_name())]
            )
    signals = as_persona("fg").get("/logboek/opvallend/").context["signals"]
    caseload = [(s.user_id, s.count) for s in signals if s.kind == "caseload"]
    assert caseload == [(colleague.pk, 1)]


def test_the_citizen_reads_the_registers_purpose_never_what_a_worker_typed(world):
    """A reason typed for emergency access (or any purpose typed for the log) stays with the FG."""
    from django.db import transaction

    from doelbinding.processinglog import services
    from doelbinding.processinglog.tests.factories import record

    controller = world.organisations[tenancy_demo.VOORBEELD]
    reason = "Melding van huiselijk geweld, vader mogelijk betrokken"
    with transaction.atomic():
        entry = services.append([record(controller, subject=CITIZEN, action="break_glass", purpose=reason)])[0]
    today = timezone.localdate()
    shown = selectors.citizen_overview(controller, CITIZEN, since=today - timedelta(days=7), until=today, today=today)
    mine = next(e for e in shown if e.pk == entry.pk)
    assert reason not in {e.purpose for e in shown} and mine.purpose == entry.activity.purposes.strip().rstrip(".")


def test_a_refused_break_glass_attempt_is_signalled_as_refused_never_as_used(world, as_persona):
    """The head of the social domain may not use emergency access: the attempt is refused (403) and logged, and the
    FG's worklist says it was refused; "Noodtoegang gebruikt" is for emergency access that was granted."""
    from django.urls import reverse

    from doelbinding.casework.tests import casefile

    manager, person = world.users["manager"], casefile.build(world).persons["tim"]
    reason = "Acute zorg om de veiligheid van het kind; de jeugdconsulent is niet bereikbaar."
    url = reverse("casework:break_glass", kwargs={"uuid": person.uuid})
    response = as_persona("manager").post(url, {"domain": "jeugd", "reason": reason})
    assert response.status_code == 403
    refused = ProcessingAction.objects.filter(actor_user=manager).latest("id")
    assert (refused.action, refused.outcome, refused.subject_id) == ("break_glass", "denied", person.bsn)
    fg = as_persona("fg")
    signals = [s for s in fg.get("/logboek/opvallend/").context["signals"] if s.user_id == manager.pk]
    assert [(s.kind, s.count) for s in signals] == [("break_glass_refused", 1)]
    assert signals[0].reason.startswith("Noodtoegang geweigerd") and "gebruikt" not in signals[0].reason
    page = fg.get("/logboek/opvallend/").content.decode()
    assert page.count("Noodtoegang gebruikt") == 1  # the demo's one granted emergency access, not this attempt
    assert "Noodtoegang geweigerd" in page and "buiten zijn autorisatie" not in page


def test_searching_for_a_person_the_log_does_not_know_is_logged_too(world, as_persona):
    unknown = demo.synthetic_bsn(777)
    assert _entries_about(unknown) == 0
    response = as_persona("fg").post("/logboek/", {"subject_id": unknown})
    assert response.status_code == 200 and response.context["entries"] == []
    assert ProcessingAction.objects.get(subject_id=unknown).action == "search"


@pytest.mark.parametrize(
    ("persona", "url", "data"),
    [
        ("fg", "/logboek/", {"since": "0001-01-01", "until": "9999-12-31"}),
        ("klachtencoordinator", "/logboek/inzageverzoek/", {"subject_id": CITIZEN, "until": "9999-12-31"}),
        ("klachtencoordinator", "/logboek/inzageverzoek.pdf", {"subject_id": CITIZEN, "until": "9999-12-31"}),
        ("klachtencoordinator", "/logboek/inzageverzoek/", {"subject_id": CITIZEN, "since": "2999-01-01"}),
    ],
)
def test_dates_far_off_are_refused_in_dutch_and_nothing_is_logged(persona, url, data, world, as_persona):
    before = ProcessingAction.objects.count()
    response = as_persona(persona).post(url, data)
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "Kies een datum tussen 1900 en 2100" in page or "ligt in de toekomst" in page
    assert ProcessingAction.objects.count() == before


def test_a_citizen_asking_for_a_far_off_period_gets_a_message(world, as_persona):
    client = as_persona("anonymous")
    session = client.session
    session[citizens.SESSION_KEY] = {"controller": tenancy_demo.VOORBEELD, "bsn": CITIZEN}
    session.save()
    response = client.get(f"/openbaar/{tenancy_demo.VOORBEELD}/mijn-gegevens/", {"until": "9999-12-31"})
    assert response.status_code == 200 and "Kies een datum tussen 1900 en 2100" in response.content.decode()


def test_only_a_listed_signal_can_be_reviewed_and_a_review_names_it_in_words(world, as_persona):
    fg = as_persona("fg")
    for key in ("bestaat-niet", "denied:1:2999-01-01"):
        response = fg.post("/logboek/opvallend/beoordelen/", {"signal": key, "remark": "Vooruit gesloten"}, follow=True)
        assert "staat niet (meer) op de werklijst" in response.content.decode()
        assert not Review.objects.filter(signal=key).exists()
    denied = next(s for s in fg.get("/logboek/opvallend/").context["signals"] if s.kind == "denied")
    fg.post("/logboek/opvallend/beoordelen/", {"signal": denied.key, "remark": "Besproken met medewerker"})
    page = fg.get("/logboek/opvallend/").content.decode()
    assert f"Toegang geweigerd, {denied.user_name}," in page and denied.key not in page
