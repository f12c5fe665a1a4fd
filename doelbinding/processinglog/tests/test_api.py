"""The partner API of the logboek: partners write and read processing actions with real keys, scoped to the
municipality that issued the key; bad input writes nothing; reading is itself logged."""

import json
from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from doelbinding.policy import ApiScope
from doelbinding.processinglog import api, selectors, services
from doelbinding.processinglog.models import ProcessingAction
from doelbinding.register.models import ActivityVersion, Status
from doelbinding.tenancy import demo
from doelbinding.tenancy.services import api_client_create

URL = "/api/v1/verwerkingsacties/"
SEARCH = URL + "zoeken/"
BOTH = (ApiScope.WRITE_PROCESSING_LOG, ApiScope.READ_PROCESSING_LOG)
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
SPAN = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE}-{SPAN}-01"


def bsn(n: int) -> str:
    """A synthetic BSN that passes the elfproef: eight digits and the check digit that makes the sum fit."""
    for start in range(n, n + 20):
        head = f"{start:08d}"
        check = sum(int(d) * w for d, w in zip(head, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return head + str(check)
    raise AssertionError


ANNA, BOB, CHRIS = bsn(97_100_000), bsn(97_200_000), bsn(97_300_000)


# --- the elfproef ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("123456782", True),
        ("111222333", True),
        ("999999990", True),
        ("123456789", False),  # fails the elfproef
        ("12345678", False),  # eight digits
        ("0123456782", False),  # ten digits
        ("000000000", False),
        ("12345678a", False),
        ("1234.56.782", False),  # valid once compacted, but stored and searched as nine digits
        (" 123456782", False),
        ("１２３４５６７８２", False),  # full-width digits are digits to Python, not a BSN
        ("", False),
    ],
)
def test_the_elfproef(value, valid):
    assert api.is_bsn(value) is valid


@given(st.integers(min_value=1_000_000, max_value=99_999_979), st.integers(0, 8), st.integers(1, 9))
def test_the_elfproef_catches_every_single_digit_error(n, position, delta):
    number = bsn(n)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert api.is_bsn(number) and not api.is_bsn(changed)


# --- fixtures -------------------------------------------------------------------------------------------------


@pytest.fixture
def key_for(world):
    def make(controller=demo.VOORBEELD, scopes=BOTH, organisation="zorg-de-linde", name="Zorgdossier De Linde"):
        _, key = api_client_create(
            actor=None,
            name=name,
            organisation=world.organisations[organisation],
            controller=world.organisations[controller],
            scopes=list(scopes),
        )
        return key

    return make


def client_with(key: str | None) -> APIClient:
    client = APIClient()
    if key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def version_of(controller: str, *, name: str | None = None, **filters) -> ActivityVersion:
    versions = ActivityVersion.objects.filter(activity__controller__slug=controller, **filters)
    if name is not None:
        versions = versions.filter(name=name)
    return versions.select_related("activity__controller").order_by("activity__number", "version").first()


@pytest.fixture
def wmo(world) -> ActivityVersion:
    return version_of(demo.VOORBEELD, name="Melding en vraagverheldering Wmo", status=Status.ESTABLISHED)


def body(activity: ActivityVersion | None, **changes) -> dict:
    data = {
        "tijdstip": timezone.now().isoformat(),
        "handeling": "inzien",
        "betrokkenen": [{"soort": "bsn", "kenmerk": ANNA}],
        "reikwijdte": "wat",
        "doel": "Beoordelen van de aanvraag",
        "casus": "Z-2025-0042",
        "uitvoerder": {"naam": "Lotte de Linde", "rol": "wijkverpleegkundige"},
    }
    if activity is not None:
        data["verwerkingsactiviteit"] = activity.uri
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(key, data, **headers):
    return client_with(key).post(URL, data, format="json", **headers)


def get(key, **params):
    """A read: by GET, or by POST to the search when it names a person (a BSN never goes into a URL)."""
    headers = {k: params.pop(k) for k in list(params) if k.startswith("HTTP_")}
    if "betrokkene" not in params:
        return client_with(key).get(URL, params, **headers)
    paging = "&".join(f"{k}={params.pop(k)}" for k in ("limit", "offset") if k in params)
    return client_with(key).post(f"{SEARCH}?{paging}", params, format="json", **headers)


def count() -> int:
    return ProcessingAction.objects.count()


# --- writing and reading back ---------------------------------------------------------------------------------


def test_a_partner_logs_one_entry_per_person_and_reads_them_back(key_for, world, wmo):
    key = key_for()
    data = body(wmo, betrokkenen=[{"soort": "bsn", "kenmerk": ANNA}, {"kenmerk": BOB}, {"kenmerk": ANNA}])
    response = post(
        key, data, HTTP_TRACEPARENT=TRACEPARENT, HTTP_X_DOELBINDING="Wmo-maatwerk", HTTP_X_VERWERKING="Wmo@zorg"
    )
    assert response.status_code == 201, response.json()
    written = response.json()
    assert [e["betrokkene"]["kenmerk"] for e in written] == [ANNA, BOB]  # one per person, duplicates once
    assert all(e["id"] and e["volgnummer"] and len(e["hash"]) == 64 for e in written)
    assert written[0]["handeling"] == "inzien" and written[0]["reikwijdte"] == "wat"
    assert written[0]["verwerkingsactiviteit"] == wmo.uri and written[0]["vertrouwelijkheid"] == "normaal"
    assert written[0]["traceId"] == TRACE and written[0]["spanId"] == SPAN
    assert written[0]["uitvoerder"] == {
        "organisatie": "Zorggroep De Linde",
        "naam": "Lotte de Linde",
        "rol": "wijkverpleegkundige",
    }

    stored = ProcessingAction.objects.get(pk=written[0]["id"])
    assert stored.controller == world.organisations[demo.VOORBEELD]
    assert stored.actor_organisation == world.organisations["zorg-de-linde"]
    assert stored.actor_system.name == stored.application == "Zorgdossier De Linde"
    assert stored.actor_user is None and stored.action == "read" and stored.scope == "content"
    assert stored.activity == wmo and stored.domain == "wmo" and stored.outcome == "allowed"
    assert stored.declared_purpose == "Wmo-maatwerk" and stored.declared_processing == "Wmo@zorg"
    assert stored.case_reference == "Z-2025-0042" and stored.purpose == "Beoordelen van de aanvraag"

    by_person = get(key, betrokkene=ANNA).json()
    assert by_person["count"] == 1 and by_person["results"][0]["id"] == written[0]["id"]
    by_trace = get(key, traceId=TRACE.upper()).json()
    assert {e["id"] for e in by_trace["results"]} == {e["id"] for e in written}
    by_activity = get(key, verwerkingsactiviteit=wmo.uri).json()
    assert {e["id"] for e in written} <= {e["id"] for e in by_activity["results"]}
    both = get(key, betrokkene=BOB, traceId=TRACE).json()
    assert [e["id"] for e in both["results"]] == [written[1]["id"]]


def test_the_chains_verify_after_api_writes_and_reads(key_for, world, wmo, settings):
    settings.PROCESSINGLOG_STRIPES = 2
    key = key_for()
    for person in (ANNA, BOB, CHRIS):
        assert post(key, body(wmo, betrokkenen=[{"kenmerk": person}, {"kenmerk": ANNA}])).status_code == 201
        assert get(key, betrokkene=person).status_code == 200
    counted, breaks = selectors.verify_controller(world.organisations[demo.VOORBEELD].pk)
    assert counted >= 6 and breaks == []


def test_reading_is_logged_as_a_search_under_the_activity_of_the_entries(key_for, world, wmo):
    writer, reader = key_for(), key_for(organisation="thuisbasis-wonen", name="Huurdersdossier")
    dagbesteding = version_of(demo.VOORBEELD, name="Dagbesteding", status=Status.ESTABLISHED)
    post(writer, body(wmo))
    post(writer, body(dagbesteding))
    post(writer, body(wmo))
    before = count()

    response = get(reader, betrokkene=ANNA, HTTP_TRACEPARENT=TRACEPARENT, HTTP_X_DOELBINDING="Huurachterstand")
    assert response.status_code == 200 and response.json()["count"] == 3
    reads = list(ProcessingAction.objects.filter(actor_system__name="Huurdersdossier").order_by("id"))
    assert count() == before + 2  # one per person and activity on the page
    assert {r.activity_uri for r in reads} == {wmo.uri, dagbesteding.uri}
    assert all(r.action == "search" and r.subject_id == ANNA and r.scope == "involvement" for r in reads)
    assert all(r.actor_organisation == world.organisations["thuisbasis-wonen"] for r in reads)
    assert all(r.trace_id == TRACE and r.declared_purpose == "Huurachterstand" for r in reads)
    assert all(r.purpose == api.READ_PURPOSE for r in reads)

    # The reader sees that it searched; the writer's employee is named to the writer only.
    again = get(reader, betrokkene=ANNA).json()["results"]
    assert again[0]["handeling"] == "zoeken" and again[0]["uitvoerder"]["organisatie"] == "Woningcorporatie Thuisbasis"
    others = [e for e in again if e["uitvoerder"]["organisatie"] == "Zorggroep De Linde"]
    assert others and all(e["uitvoerder"]["naam"] == "" and e["uitvoerder"]["rol"] for e in others)


def test_an_empty_answer_logs_nothing(key_for):
    before = count()
    response = get(key_for(), betrokkene=CHRIS)
    assert response.status_code == 200 and response.json()["count"] == 0
    assert count() == before


def test_pages_are_limited_and_each_page_logged(key_for, wmo):
    key = key_for()
    post(key, body(wmo, betrokkenen=[{"kenmerk": bsn(97_400_000 + i * 100)} for i in range(5)]))
    before = count()
    page = get(key, verwerkingsactiviteit=wmo.uri, limit=2).json()
    assert page["count"] >= 5 and len(page["results"]) == 2 and page["next"]
    assert count() == before + 2
    assert len(get(key, verwerkingsactiviteit=wmo.uri, limit=5000).json()["results"]) <= api.MAX_SUBJECTS


def test_a_lapsed_version_can_still_be_logged_for_what_happened_under_it(key_for):
    lapsed = version_of(demo.VOORBEELD, name="Dagbesteding", status=Status.LAPSED)
    assert lapsed is not None
    assert post(key_for(), body(lapsed)).status_code == 201


def test_a_timestamp_a_little_ahead_is_clock_skew(key_for, wmo):
    ahead = (timezone.now() + timedelta(minutes=2)).isoformat()
    assert post(key_for(), body(wmo, tijdstip=ahead)).status_code == 201


def test_the_confidentiality_comes_from_the_activity(key_for):
    confidential = version_of(demo.VOORBEELD, confidential=True, status=Status.ESTABLISHED)
    response = post(key_for(), body(confidential))
    assert response.status_code == 201
    assert response.json()[0]["vertrouwelijkheid"] == "vertrouwelijk"
    assert ProcessingAction.objects.get(pk=response.json()[0]["id"]).confidential is True


def test_other_organisations_confidential_entries_are_not_shown(key_for):
    confidential = version_of(demo.VOORBEELD, confidential=True, status=Status.ESTABLISHED)
    writer, other = key_for(), key_for(organisation="thuisbasis-wonen", name="Huurdersdossier")
    post(writer, body(confidential, betrokkenen=[{"kenmerk": CHRIS}]))
    assert get(writer, betrokkene=CHRIS).json()["count"] == 1
    before = count()
    assert get(other, betrokkene=CHRIS).json()["count"] == 0
    assert count() == before


# --- the context headers --------------------------------------------------------------------------------------


def test_x_verwerking_names_the_activity_when_the_body_does_not(key_for, wmo):
    response = post(key_for(), body(None), HTTP_X_VERWERKING=wmo.uri)
    assert response.status_code == 201, response.json()
    assert response.json()[0]["verwerkingsactiviteit"] == wmo.uri
    assert response.json()[0]["opgegevenVerwerking"] == wmo.uri


def test_headers_are_case_insensitive(key_for, wmo):
    client = client_with(key_for())
    response = client.post(
        URL,
        body(None),
        format="json",
        headers={"X-VERWERKING": wmo.uri, "X-Doelbinding": "Toezicht", "TraceParent": TRACEPARENT},
    )
    assert response.status_code == 201, response.json()
    assert response.json()[0]["opgegevenDoel"] == "Toezicht" and response.json()[0]["traceId"] == TRACE


def test_the_same_activity_in_body_and_header_is_fine(key_for, wmo):
    assert post(key_for(), body(wmo), HTTP_X_VERWERKING=wmo.uri).status_code == 201


# --- bad input writes nothing ---------------------------------------------------------------------------------


def _future():
    return (timezone.now() + timedelta(minutes=10)).isoformat()


def _too_old(settings):
    return (timezone.now() - timedelta(days=settings.PROCESSINGLOG_RETENTION_DAYS + 1)).isoformat()


REFUSALS = {
    "no activity": (lambda wmo, s: body(None), {}, "verwerkingsactiviteit", "Verplicht"),
    "unknown activity": (
        lambda wmo, s: body(None, verwerkingsactiviteit="urn:doelbinding:gemeente-voorbeeld:verwerking:VA-9999:v1"),
        {},
        "verwerkingsactiviteit",
        "Onbekende verwerkingsactiviteit.",
    ),
    "not an activity uri": (
        lambda wmo, s: body(None, verwerkingsactiviteit="Wmo-melding"),
        {},
        "verwerkingsactiviteit",
        "Onbekende verwerkingsactiviteit.",
    ),
    "a concept version": (
        lambda wmo, s: body(version_of(demo.VOORBEELD, name="Dagbesteding", status=Status.CONCEPT)),
        {},
        "verwerkingsactiviteit",
        "Onbekende verwerkingsactiviteit.",
    ),
    "another municipality's activity": (
        lambda wmo, s: body(version_of(demo.OOSTDAL, status=Status.ESTABLISHED)),
        {},
        "verwerkingsactiviteit",
        "Onbekende verwerkingsactiviteit.",
    ),
    "another municipality's activity in the header": (
        lambda wmo, s: body(None),
        {"HTTP_X_VERWERKING": "oostdal"},
        "verwerkingsactiviteit",
        "Onbekende verwerkingsactiviteit.",
    ),
    "header and body differ": (
        lambda wmo, s: body(wmo),
        {"HTTP_X_VERWERKING": "dagbesteding"},
        "verwerkingsactiviteit",
        "Wijkt af",
    ),
    "a BSN that fails the elfproef": (
        lambda wmo, s: body(wmo, betrokkenen=[{"kenmerk": ANNA}, {"kenmerk": "123456789"}]),
        {},
        "betrokkenen",
        "elfproef",
    ),
    "a BSN of eight digits": (
        lambda wmo, s: body(wmo, betrokkenen=[{"kenmerk": "12345678"}]),
        {},
        "betrokkenen",
        "elfproef",
    ),
    "another kind of subject": (
        lambda wmo, s: body(wmo, betrokkenen=[{"soort": "clientnummer", "kenmerk": ANNA}]),
        {},
        "betrokkenen",
        "geldige keuze",
    ),
    "no data subjects": (lambda wmo, s: body(wmo, betrokkenen=[]), {}, "betrokkenen", "ten minste één"),
    "too many data subjects": (
        lambda wmo, s: body(wmo, betrokkenen=[{"kenmerk": ANNA}] * (api.MAX_SUBJECTS + 1)),
        {},
        "betrokkenen",
        "Ten hoogste 1000 betrokkenen",
    ),
    "a timestamp in the future": (lambda wmo, s: body(wmo, tijdstip=_future()), {}, "tijdstip", "toekomst"),
    "a timestamp before the retention period": (
        lambda wmo, s: body(wmo, tijdstip=_too_old(s)),
        {},
        "tijdstip",
        "bewaartermijn",
    ),
    "a timestamp without time zone": (
        lambda wmo, s: body(wmo, tijdstip="2025-03-01T09:30:00"),
        {},
        "tijdstip",
        "tijdzone",
    ),
    "no timestamp": (lambda wmo, s: body(wmo, tijdstip=None), {}, "tijdstip", "vereist"),
    "an unknown action": (lambda wmo, s: body(wmo, handeling="bekijken"), {}, "handeling", "geldige keuze"),
    "an unknown domain": (lambda wmo, s: body(wmo, domein="sport"), {}, "domein", "Onbekend domein"),
    "an unknown field": (lambda wmo, s: body(wmo, bsn=ANNA), {}, "bsn", "Onbekend veld"),
    "an unknown field of a person": (
        lambda wmo, s: body(wmo, betrokkenen=[{"kenmerk": ANNA, "naam": "Anna"}]),
        {},
        "betrokkenen",
        "Onbekend veld",
    ),
    "a field the log sets itself": (lambda wmo, s: body(wmo, hash="0" * 64), {}, "hash", "stuur het niet mee"),
    "confidentiality set by the partner": (
        lambda wmo, s: body(wmo, vertrouwelijkheid="normaal"),
        {},
        "vertrouwelijkheid",
        "stuur het niet mee",
    ),
    "a malformed traceparent": (lambda wmo, s: body(wmo), {"HTTP_TRACEPARENT": "00-abc-def-01"}, "traceparent", "W3C"),
    "an all-zero trace id": (
        lambda wmo, s: body(wmo),
        {"HTTP_TRACEPARENT": f"00-{'0' * 32}-{SPAN}-01"},
        "traceparent",
        "W3C",
    ),
    "a long x-verwerking": (lambda wmo, s: body(wmo), {"HTTP_X_VERWERKING": "x" * 201}, "x-verwerking", "200"),
    "a long x-doelbinding": (lambda wmo, s: body(wmo), {"HTTP_X_DOELBINDING": "x" * 301}, "x-doelbinding", "300"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=str)
def test_bad_input_is_refused_in_dutch_and_writes_nothing(case, key_for, wmo, settings):
    make, headers, field, message = REFUSALS[case]
    headers = dict(headers)
    for name, value in headers.items():  # stand-ins for activities the case names
        if value == "oostdal":
            headers[name] = version_of(demo.OOSTDAL, status=Status.ESTABLISHED).uri
        elif value == "dagbesteding":
            headers[name] = version_of(demo.VOORBEELD, name="Dagbesteding", status=Status.ESTABLISHED).uri
    key, before = key_for(), count()
    response = post(key, make(wmo, settings), **headers)
    assert response.status_code == 400, response.json()
    assert message in json.dumps(response.json()[field], ensure_ascii=False)
    assert count() == before


def test_unknown_fields_are_reported_with_the_other_errors(key_for, wmo):
    response = post(key_for(), body(wmo, bsn=ANNA, handeling="bekijken"))
    assert response.status_code == 400 and set(response.json()) == {"bsn", "handeling"}


def test_a_foreign_activity_answers_as_an_unknown_one(key_for):
    """Whether Oostdal has an activity VA-0001 is not Voorbeeld's partner's business: same answer as a missing one."""
    oostdal = version_of(demo.OOSTDAL, status=Status.ESTABLISHED)
    missing = oostdal.uri.replace(f":v{oostdal.version}", ":v99")
    key = key_for()
    answers = [post(key, body(None, verwerkingsactiviteit=uri)).json() for uri in (oostdal.uri, missing)]
    assert answers[0] == answers[1] == {"verwerkingsactiviteit": ["Onbekende verwerkingsactiviteit."]}


def test_an_oversized_body_is_413_and_writes_nothing(key_for, wmo):
    before = count()
    data = body(wmo, doel="x" * (api.MAX_BODY_BYTES + 1))
    response = post(key_for(), data)
    assert response.status_code == 413
    assert response.json()["detail"] == "Het verzoek is te groot: ten hoogste 256 kB per verzoek."
    assert count() == before


def test_a_body_that_is_not_json_is_refused(key_for):
    before = count()
    response = client_with(key_for()).post(URL, b"{niet: json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Het verzoek is geen geldige JSON (UTF-8)."
    response = client_with(key_for()).post(URL, "tijdstip=nu", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert count() == before


def test_a_log_that_cannot_be_written_answers_503_and_keeps_nothing(key_for, wmo, monkeypatch):
    key = key_for()
    post(key, body(wmo))

    def broken(records):
        raise DatabaseError("schijf vol")

    monkeypatch.setattr(services, "append", broken)
    before = count()
    response = post(key, body(wmo))
    assert response.status_code == 503 and "niets vastgelegd" in response.json()["detail"]
    response = get(key, betrokkene=ANNA)
    assert response.status_code == 503 and "results" not in response.json()
    assert count() == before


# --- reading: filters -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "non_field_errors", "Geef ten minste één filter"),
        ({"limit": "10"}, "non_field_errors", "Geef ten minste één filter"),
        ({"bsn": ANNA}, "bsn", "Onbekend veld"),
        ({"betrokkene": "123456789"}, "betrokkene", "elfproef"),
        ({"traceId": "xyz"}, "traceId", "32 hex"),
        (
            {"verwerkingsactiviteit": "urn:doelbinding:gemeente-oostdal:verwerking:VA-0001:v1"},
            "verwerkingsactiviteit",
            "Onbekende",
        ),
        ({"betrokkene": ANNA, "HTTP_TRACEPARENT": "ongeldig"}, "traceparent", "W3C"),
    ],
)
def test_a_read_without_a_good_filter_is_refused_and_logs_nothing(key_for, params, field, message):
    before = count()
    response = get(key_for(), **params)
    assert response.status_code == 400
    assert message in json.dumps(response.json()[field], ensure_ascii=False)
    assert count() == before


def test_a_bsn_in_the_url_is_refused_without_repeating_it_and_the_search_takes_it_in_the_body(key_for):
    key = key_for()
    before = count()
    response = client_with(key).get(URL, {"betrokkene": ANNA})
    assert response.status_code == 400 and ANNA not in response.content.decode()
    assert "POST /api/v1/verwerkingsacties/zoeken/" in response.json()["betrokkene"][0]
    assert count() == before
    found = client_with(key).post(SEARCH, {"betrokkene": ANNA}, format="json")
    assert found.status_code == 200 and found.json()["count"] == 0
    writer_only = key_for(scopes=[ApiScope.WRITE_PROCESSING_LOG])
    assert client_with(writer_only).post(SEARCH, {"betrokkene": ANNA}, format="json").status_code == 403


# --- keys, scopes and municipalities --------------------------------------------------------------------------


def test_without_a_key_the_answer_is_401(world, wmo):
    before = count()
    assert client_with(None).get(URL, {"betrokkene": ANNA}).status_code == 401
    response = post(None, body(wmo))
    assert response.status_code == 401 and response.json() == {"detail": "Geen geldige sleutel meegestuurd."}
    assert count() == before


def test_a_key_without_the_scope_is_403(key_for, wmo):
    write_only = key_for(scopes=[ApiScope.WRITE_PROCESSING_LOG])
    read_only = key_for(scopes=[ApiScope.READ_PROCESSING_LOG])
    register_only = key_for(scopes=[ApiScope.READ_REGISTER])
    before = count()
    assert get(write_only, betrokkene=ANNA).status_code == 403
    for key in (read_only, register_only):
        response = post(key, body(wmo))
        assert response.status_code == 403
        assert response.json()["detail"] == "Deze koppeling heeft geen toestemming voor deze handeling."
    assert count() == before
    assert post(write_only, body(wmo)).status_code == 201
    assert get(read_only, betrokkene=ANNA).json()["count"] == 1


def test_another_municipalitys_entries_never_appear(key_for, wmo):
    voorbeeld = key_for()
    oostdal = key_for(controller=demo.OOSTDAL, organisation="oostdal-jeugdhulp", name="Jeugdhulpdossier")
    jeugd = version_of(demo.OOSTDAL, status=Status.ESTABLISHED)
    assert post(voorbeeld, body(wmo), HTTP_TRACEPARENT=TRACEPARENT).status_code == 201
    response = post(oostdal, body(jeugd), HTTP_TRACEPARENT=TRACEPARENT)
    assert response.status_code == 201
    assert ProcessingAction.objects.get(pk=response.json()[0]["id"]).controller.slug == demo.OOSTDAL

    for key, own in ((voorbeeld, wmo.uri), (oostdal, jeugd.uri)):
        for params in ({"betrokkene": ANNA}, {"traceId": TRACE}):
            results = get(key, **params).json()["results"]
            assert results and {e["verwerkingsactiviteit"] for e in results} == {own}
    assert get(oostdal, verwerkingsactiviteit=wmo.uri).status_code == 400
