"""The spreadsheet import: header mapping, per-row checks, the upload → check → confirm flow, and its limits."""

import io
import string
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import sign_in
from doelbinding.register import services, spreadsheet, uploads
from doelbinding.register.models import Activity, ActivityVersion, Status
from doelbinding.tenancy import demo as tenancy_demo
from doelbinding.tenancy.selectors import CONTROLLER_SESSION_KEY

UPLOAD, CHECK, CONFIRM, CANCEL = (
    f"/register/importeren/{step}" for step in ("", "controleren/", "bevestigen/", "annuleren/")
)
BASIC = ["Naam", "Doeleinden"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media" / "imports"


def xlsx(table: list[list[object]]) -> bytes:
    """A workbook whose first sheet holds `table`; a string starting with "=" becomes a formula, as in Excel."""
    workbook = Workbook()
    for row in table:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client: Client, content: bytes, name: str = "register.xlsx"):
    return client.post(UPLOAD, {"bestand": SimpleUploadedFile(name, content)})


def check(client: Client):
    """Submit the proposed column mapping, as a user who changes nothing would."""
    page = client.get(CHECK)
    mapping = {f"kolom_{i}": key for i, key in enumerate(spreadsheet.map_headers(page.context["form"].preview.headers))}
    return client.post(CHECK, mapping)


# --- header mapping


def test_every_column_maps_from_its_header_and_its_key():
    for column in spreadsheet.IMPORT_COLUMNS:
        assert spreadsheet.map_headers([column.header]) == [column.key]
        assert spreadsheet.map_headers([column.key]) == [column.key]


def _disguise(text: str, upper: list[bool], padding: str) -> str:
    """The same header as someone might type it: other case, extra spaces, underscores for spaces."""
    letters = [c.upper() if up else c.lower() for c, up in zip(text, upper + [False] * len(text), strict=False)]
    return padding + "".join(letters).replace(" ", padding or " ") + padding


@given(
    st.permutations(spreadsheet.IMPORT_COLUMNS),
    st.integers(min_value=0, max_value=len(spreadsheet.IMPORT_COLUMNS)),
    st.lists(st.booleans(), max_size=60),
    st.sampled_from(["", " ", "  "]),
    st.lists(st.text(string.ascii_letters, min_size=1, max_size=12).map(lambda t: "x" + t), max_size=4),
    st.booleans(),
)
def test_mapping_finds_disguised_headers_ignores_unknown_ones_and_takes_each_column_once(
    columns, count, upper, padding, unknown, by_key
):
    chosen = columns[:count]
    headers = [_disguise(c.key if by_key else str(c.header), upper, padding) for c in chosen]
    mapping = spreadsheet.map_headers([*headers, *unknown, *headers])
    assert mapping[: len(chosen)] == [c.key for c in chosen]
    assert mapping[len(chosen) :] == [""] * (len(unknown) + len(chosen))  # unknown, then repeated headers


def test_mapping_problems_name_missing_and_doubled_columns():
    assert spreadsheet.mapping_problems(["naam", "doeleinden"]) == []
    problems = spreadsheet.mapping_problems(["naam", "naam", "vertrouwelijk_tot"])
    assert problems == [
        "‘Naam’ is aan meer dan één kolom gekoppeld.",
        "Geen kolom is gekoppeld aan ‘Doeleinden’; die is verplicht.",
        "‘Vertrouwelijk tot’ kan alleen samen met ‘Vertrouwelijk’ worden ingelezen.",
    ]


# --- what a row may say


def test_references_map_by_code_title_or_full_name_in_any_case(world, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(
        xlsx(
            [
                [
                    *BASIC,
                    "Grondslagen (art. 6 lid 1)",
                    "Categorieën persoonsgegevens",
                    "Domein",
                    "Dpia",
                    "Vertrouwelijk",
                ],
                [
                    "A",
                    "Doel",
                    "AVG-6-1-E",
                    "naw; BSN\ncontactgegevens",
                    "werk & inkomen",
                    "nodig, nog niet uitgevoerd",
                    "ja",
                ],
                ["B", "Doel", "wettelijke verplichting van de verwerkingsverantwoordelijke", "", "", "", "nee"],
                ["C", "Doel", "AVG art. 6 lid 1 sub a — Toestemming van de betrokkene", "", "jeugd", "UITGEVOERD", ""],
            ]
        )
    )
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    mapping = spreadsheet.map_headers(spreadsheet.inspect(path).headers)
    report = spreadsheet.Report()
    rows = list(spreadsheet.read(path, mapping, spreadsheet.Lookup.load(voorbeeld), report))
    assert report.ok and (report.read, report.valid, report.new) == (3, 3, 3)
    first, second, third = (row.fields for row in rows)
    assert [p.code for p in first["lawful_bases"]] == ["avg-6-1-e"]
    assert [c.code for c in first["data_categories"]] == ["naw", "bsn", "contactgegevens"]
    assert (first["domain"], first["dpia_status"], first["confidential"]) == ("werk-inkomen", "needed", True)
    assert [p.code for p in second["lawful_bases"]] == ["avg-6-1-c"]
    assert (second["data_categories"], second["domain"], second["dpia_status"]) == ([], "", "unknown")
    assert ([p.code for p in third["lawful_bases"]], third["dpia_status"]) == (["avg-6-1-a"], "done")


MALFORMED = {
    "wrong columns": ([["Omschrijving", "Wet"], ["A", "Wmo"]], "Geen kolom is gekoppeld aan ‘Naam’; die is verplicht."),
    "bad date": (
        [[*BASIC, "Herbeoordelen op"], ["A", "Doel", "31-02-2027"]],
        "Herbeoordelen op: ‘31-02-2027’ is geen datum; schrijf de datum als dd-mm-jjjj.",
    ),
    "formula cell": (
        [[*BASIC], ['=CONCAT("A","B")', "Doel"]],
        "Naam: bevat een formule. Alleen waarden worden ingelezen",
    ),
    "unknown code": (
        [[*BASIC, "Grondslagen (art. 6 lid 1)"], ["A", "Doel", "avg-6-1-e\navg-6-1-z"]],
        "Grondslagen (art. 6 lid 1): ‘avg-6-1-z’ is onbekend; gebruik de code of de naam.",
    ),
    "unknown domain": ([[*BASIC, "Domein"], ["A", "Doel", "Sport"]], "Domein: ‘Sport’ is onbekend"),
    "missing name": ([[*BASIC], ["", "Doel"]], "‘Naam’ is leeg; dat veld is verplicht."),
    "too long": ([[*BASIC], ["x" * 201, "Doel"]], "Naam: de tekst is te lang (201 tekens, hoogstens 200)."),
    "not yes or no": ([[*BASIC, "Vertrouwelijk"], ["A", "Doel", "misschien"]], "‘misschien’ is geen ja of nee."),
    "bad kenmerk": ([["Kenmerk", *BASIC], ["12", "A", "Doel"]], "Kenmerk: ‘12’ heeft niet de vorm VA-0001."),
    "unknown kenmerk": (
        [["Kenmerk", *BASIC], ["VA-9999", "A", "Doel"]],
        "Kenmerk VA-9999 bestaat niet in het register van deze gemeente.",
    ),
    "no rows": ([[*BASIC]], "Het bestand bevat geen verwerkingen"),
    "kenmerk twice": (
        [["Kenmerk", *BASIC], ["VA-0001", "A", "Doel"], ["VA-0001", "B", "Doel"]],
        "Kenmerk VA-0001 staat ook in rij 2.",
    ),
    "end date without confidentiality": (
        [[*BASIC, "Vertrouwelijk", "Vertrouwelijk tot"], ["A", "Doel", "nee", "01-01-2030"]],
        "Een einddatum hoort alleen bij een vertrouwelijke verwerking.",
    ),
    "another municipality's row": (
        [["Kenmerk", "URI", *BASIC], ["VA-0001", "urn:doelbinding:gemeente-oostdal:verwerking:VA-0001:v1", "A", "D"]],
        "Deze rij komt uit het register van een andere gemeente",
    ),
    "a text file renamed": (b"Naam;Doeleinden\nA;Doel\n", "Dit is geen Excel-bestand (.xlsx)."),
    "an old Excel file": (b"\xd0\xcf\x11\xe0" + bytes(60), "Dit is een oud Excel-bestand (.xls)."),
    "a zip that is no workbook": (
        b"PK\x03\x04" + bytes(60),
        "Dit is geen Excel-bestand (.xlsx), of het is beschadigd.",
    ),
    "no headers": ([[None, None], ["A", "Doel"]], "De eerste rij van het eerste werkblad bevat geen kolomnamen."),
    "oversized": ([[*BASIC], ["A", "Doel"]], "Het bestand is groter dan "),
    "too many rows": ([[*BASIC], ["A", "Doel"], ["B", "Doel"], ["C", "Doel"]], "Het bestand heeft meer dan 2 rijen."),
}


@pytest.mark.parametrize(("content", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_file_changes_nothing_and_says_why(as_persona, settings, media, content, message):
    if message.startswith("Het bestand is groter"):
        settings.REGISTER_IMPORT_MAX_BYTES = 1000  # a few kilobytes of workbook are too much now
    settings.REGISTER_IMPORT_MAX_ROWS = 2
    before = (Activity.objects.count(), ActivityVersion.objects.count())
    client = as_persona("fg")
    response = upload(client, content if isinstance(content, bytes) else xlsx(content))
    if response.status_code == 200:  # refused at the upload: the file is not kept
        page = response.content.decode()
        assert not media.exists() or not any(media.iterdir())
    else:
        page = check(client).content.decode()
        assert "Inlezen bevestigen" not in page
        confirm = client.post(CONFIRM, follow=True).content.decode()
        assert "Er is geen gecontroleerd bestand om in te lezen." in confirm
    assert message in page
    assert (Activity.objects.count(), ActivityVersion.objects.count()) == before


# --- the flow through the pages


def test_upload_map_check_and_confirm_through_the_pages(as_persona, world, media):
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    established = Activity.objects.get(controller=voorbeeld, number=1).versions.get(status=Status.ESTABLISHED)
    client = as_persona("fg")
    content = xlsx([["Kenmerk", "Titel", "Doeleinden"], ["VA-0001", "Hernoemd", "Doel 1"], ["", "Nieuw", "Doel 2"]])
    assert upload(client, content)["Location"] == CHECK
    stored = list(media.glob("*.xlsx"))
    assert len(stored) == 1 and stored[0].read_bytes() == content

    page = client.get(CHECK).content.decode()
    assert "Titel" in page and "Hernoemd" in page and "Nieuw" in page  # the headers and the first rows
    assert "Geen kolom is gekoppeld aan ‘Naam’" in page  # "Titel" is no name the mapping knows
    response = client.post(CHECK, {"kolom_0": "kenmerk", "kolom_1": "naam", "kolom_2": "doeleinden"})
    page = response.content.decode()
    assert "Rijen gelezen: 2, waarvan in orde: 2." in page
    assert "Nieuwe verwerkingen: 1; bestaande verwerkingen om bij te werken: 1" in page
    assert "Inlezen bevestigen" in page

    before = Activity.objects.count()
    response = client.post(CONFIRM)
    assert response.status_code == 302 and response["Location"] == "/register/"
    assert Activity.objects.count() == before + 1
    assert Activity.objects.filter(controller=voorbeeld, versions__name="Nieuw").exists()
    concept = established.activity.versions.get(status=Status.CONCEPT)
    assert (concept.name, concept.purposes) == ("Hernoemd", "Doel 1")
    assert concept.retention_period == established.retention_period  # a column not in the file stays as it was
    assert list(media.glob("*")) == [] and uploads.SESSION_KEY not in client.session
    assert "Nieuw: 1, bijgewerkt: 1, ongewijzigd: 0." in client.get("/register/").content.decode()


def test_confirm_answers_htmx_with_a_full_page_redirect(as_persona):
    client = as_persona("fg")
    upload(client, xlsx([BASIC, ["A", "Doel"]]))
    check(client)
    response = client.post(CONFIRM, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/register/"


def test_cancel_deletes_the_file_and_writes_nothing(as_persona, media):
    client = as_persona("fg")
    before = Activity.objects.count()
    upload(client, xlsx([BASIC, ["A", "Doel"]]))
    check(client)
    assert len(list(media.glob("*.xlsx"))) == 1
    assert client.post(CANCEL)["Location"] == "/register/"
    assert list(media.glob("*.xlsx")) == [] and uploads.SESSION_KEY not in client.session
    assert client.post(CONFIRM).status_code == 302 and Activity.objects.count() == before
    assert client.get(CHECK)["Location"] == UPLOAD


def test_a_new_upload_replaces_the_waiting_one(as_persona, media):
    client = as_persona("fg")
    upload(client, xlsx([BASIC, ["A", "Doel"]]))
    first = next(media.glob("*.xlsx"))
    upload(client, xlsx([BASIC, ["B", "Doel"]]))
    assert [p.name for p in media.glob("*.xlsx")] != [first.name] and len(list(media.glob("*.xlsx"))) == 1


def test_the_stored_file_is_not_served(as_persona, media):
    client = as_persona("fg")
    upload(client, xlsx([BASIC, ["A", "Doel"]]))
    name = next(media.glob("*.xlsx")).name
    for url in [f"/media/imports/{name}", f"/imports/{name}", f"/static/imports/{name}"]:
        assert client.get(url).status_code == 404


def test_only_the_uploader_can_confirm_and_only_for_the_same_municipality(as_persona, world):
    before = Activity.objects.count()
    fg = as_persona("fg")
    upload(fg, xlsx([BASIC, ["A", "Doel"]]))
    check(fg)
    privacy_officer = as_persona("privacy_officer")  # may import for Voorbeeld too, in a session of her own
    assert privacy_officer.post(CONFIRM).status_code == 302
    assert Activity.objects.count() == before

    regional = sign_in(Client(), world.users["fg_regio"], controller=world.organisations[tenancy_demo.OOSTDAL])
    upload(regional, xlsx([BASIC, ["A", "Doel"]]))
    check(regional)
    session = regional.session
    session[CONTROLLER_SESSION_KEY] = str(world.organisations[tenancy_demo.WESTVEEN].uuid)
    session.save()
    assert regional.post(CONFIRM).status_code == 302  # acting for Westveen now: the Oostdal file is not offered
    assert Activity.objects.count() == before
    session[CONTROLLER_SESSION_KEY] = str(world.organisations[tenancy_demo.OOSTDAL].uuid)
    session.save()
    regional.post(CONFIRM)
    assert Activity.objects.count() == before + 1
    assert fg.post(CONFIRM).status_code == 302 and Activity.objects.count() == before + 2


def test_a_file_that_no_longer_passes_at_confirm_writes_nothing(as_persona, world, settings):
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    client = as_persona("fg")
    upload(client, xlsx([BASIC, ["A", "Doel"], ["B", "Doel"]]))
    check(client)
    before = Activity.objects.filter(controller=voorbeeld).count()
    settings.REGISTER_IMPORT_MAX_ROWS = 1  # what passed the check fails now, after the first row was written
    response = client.post(CONFIRM)
    assert response["Location"] == CHECK
    assert Activity.objects.filter(controller=voorbeeld).count() == before
    assert "bleek het bestand niet meer in orde (problemen: 1)" in client.get(CHECK).content.decode()


# --- the batch write matches the one-by-one write


def test_a_batch_created_activity_equals_one_created_through_the_form_service(world):
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    lookup = spreadsheet.Lookup.load(voorbeeld)
    fields = {
        "name": "Gelijk",
        "purposes": "Een doel",
        "domain": "wmo",
        "owner_role": "fg",
        "lawful_bases": [lookup.options["lawful_bases"]["avg-6-1-e"]],
        "data_categories": [lookup.options["data_categories"]["naw"], lookup.options["data_categories"]["bsn"]],
        "bsn_basis": lookup.options["bsn_basis"]["wmo-2015-5-1-1"],
        "confidential": True,
        "review_date": date(2030, 1, 1),
    }
    one = services.activity_create(actor=world.users["fg"], controller=voorbeeld, fields=fields)
    services.register_import(
        actor=world.users["fg"], controller=voorbeeld, rows=[spreadsheet.ImportRow(2, None, dict(fields))]
    )
    batch = ActivityVersion.objects.get(activity__controller=voorbeeld, activity__number=one.activity.number + 1)
    skip = {"id", "activity"}
    for field in ActivityVersion._meta.concrete_fields:
        if field.name not in skip:
            assert getattr(batch, field.attname) == getattr(one, field.attname), field.name
    for name in ["lawful_bases", "data_categories", "subject_categories", "sector_provisions"]:
        assert set(getattr(batch, name).all()) == set(getattr(one, name).all()), name
    assert batch.history.get().history_user == one.history.get().history_user == world.users["fg"]


def test_a_failing_batch_rolls_back_everything(world):
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    before = Activity.objects.count()
    rows = [spreadsheet.ImportRow(2, None, {"name": "Goed", "purposes": "Doel"})] * 1500
    rows.append(spreadsheet.ImportRow(9, None, {"name": "Fout", "purposes": "Doel", "owner_role": "koning"}))
    with pytest.raises(ValidationError, match="owner_role"):
        services.register_import(actor=None, controller=voorbeeld, rows=rows)
    assert Activity.objects.count() == before


def test_a_file_that_breaks_off_after_the_first_rows_is_refused_at_the_check(as_persona):
    whole = xlsx([BASIC, *[[f"Verwerking {n}", "Doel"] for n in range(50)]])
    source, broken = zipfile.ZipFile(io.BytesIO(whole)), io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    client = as_persona("fg")
    assert upload(client, broken.getvalue()).status_code == 302  # the header and the first rows are intact
    page = check(client).content.decode()
    assert "Het bestand kon niet helemaal worden gelezen" in page and "Inlezen bevestigen" not in page


def test_several_unknown_or_ambiguous_names_are_reported_together():
    options = spreadsheet._index([("one", ("a", "Een")), ("two", ("b", "een"))])
    with pytest.raises(ValueError) as refused:
        spreadsheet._many("a\nx; y\nEEN", options)
    assert str(refused.value) == (
        "‘x’, ‘y’ zijn onbekend; gebruik de code of de naam. ‘EEN’ past bij meer dan één mogelijkheid; gebruik de code."
    )
    assert spreadsheet._many("A; b\na", options) == ["one", "two"]
