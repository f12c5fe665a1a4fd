"""The staff's exports (XLSX, CSV, PDF) and the round trip: an exported register imports as the same register."""

import csv
import io
from io import StringIO

from django.core.management import call_command
from openpyxl import load_workbook

from doelbinding.register import selectors, services, spreadsheet
from doelbinding.register.columns import STAFF_COLUMNS, rows
from doelbinding.register.models import Activity, Status
from doelbinding.tenancy import demo as tenancy_demo
from doelbinding.tenancy.models import OrganisationKind
from doelbinding.tenancy.services import organisation_create

# What describes the version or the municipality rather than the activity: these differ after an import by design
# (a new municipality, a first version, a concept).
NOT_CONTENT = {"versie", "uri", "verwerkingsverantwoordelijke", "functionaris_gegevensbescherming", "status"}
HEADERS = [str(c.header) for c in STAFF_COLUMNS]


def _download(response) -> bytes:
    return b"".join(response.streaming_content)


def _export(as_persona, tmp_path):
    response = as_persona("fg").get("/register/exporteren/xlsx/")
    assert response.status_code == 200
    path = tmp_path / "export.xlsx"
    path.write_bytes(_download(response))
    return response, path


def _table(controller) -> list[dict[str, str]]:
    return list(rows(selectors.current_versions(controller), selectors.fg_contact(controller), STAFF_COLUMNS))


def _empty_municipality():
    return organisation_create(
        actor=None, kind=OrganisationKind.MUNICIPALITY, name="Gemeente Leegveen", slug="gemeente-leegveen"
    )


def test_xlsx_export_has_every_column_one_row_per_activity_and_an_explanation(as_persona, world, tmp_path):
    response, path = _export(as_persona, tmp_path)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="verwerkingsregister-gemeente-voorbeeld-' in response["Content-Disposition"]
    workbook = load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["Verwerkingsregister", "Toelichting"]
    table = list(workbook["Verwerkingsregister"].iter_rows(values_only=True))
    assert list(table[0]) == HEADERS
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    assert len(table) - 1 == len(selectors.current_versions(voorbeeld))
    notes = [row for row in workbook["Toelichting"].iter_rows(values_only=True) if row]
    assert notes[0][0].startswith("Verwerkingsregister Gemeente Voorbeeld, peildatum ")
    explained = {row[1]: row for row in notes[3:]}
    assert set(explained) == {c.key for c in STAFF_COLUMNS}
    assert "Verplicht" in explained["naam"][3] and "niet gebruikt" in explained["versie"][3]
    assert "andere gemeente" in explained["uri"][3]
    assert "AVG art. 30 lid 1 sub b" in explained["doeleinden"][2]


def test_xlsx_export_keeps_text_that_looks_like_a_formula_as_text(as_persona, world, tmp_path):
    version = selectors.current_versions(world.organisations[tenancy_demo.VOORBEELD])[0]
    version.recipients = '=HYPERLINK("http://example.org")'
    version.save()
    workbook = load_workbook(_export(as_persona, tmp_path)[1])
    row = next(workbook["Verwerkingsregister"].iter_rows(min_row=2))
    cell = row[HEADERS.index("Ontvangers")]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.org")', "s")


def test_export_then_import_reproduces_the_register(as_persona, world, tmp_path):
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    path = _export(as_persona, tmp_path)[1]
    empty = _empty_municipality()
    preview = spreadsheet.inspect(path)
    mapping = spreadsheet.map_headers(preview.headers)
    assert not spreadsheet.mapping_problems(mapping)
    report = spreadsheet.Report()
    result = services.register_import(
        actor=world.users["fg"],
        controller=empty,
        rows=spreadsheet.read(path, mapping, spreadsheet.Lookup.load(empty), report),
    )
    original, imported = _table(voorbeeld), _table(empty)
    assert result.created == len(original) == len(imported) == report.new
    for before, after in zip(original, imported, strict=True):
        for key in before.keys() - NOT_CONTENT:
            assert after[key] == before[key], (before["kenmerk"], key)
        assert after["status"] == "Concept" and after["versie"] == "1"
        assert after["verwerkingsverantwoordelijke"] == "College van burgemeester en wethouders van Gemeente Leegveen"
    version = selectors.current_versions(empty)[0]
    record = version.history.get()
    assert (record.history_user, record.history_change_reason) == (world.users["fg"], "ingelezen")


def test_importing_the_own_export_changes_only_what_was_edited(as_persona, world, tmp_path):
    voorbeeld = world.organisations[tenancy_demo.VOORBEELD]
    path = _export(as_persona, tmp_path)[1]
    workbook = load_workbook(path)
    sheet = workbook["Verwerkingsregister"]
    sheet.cell(row=3, column=HEADERS.index("Naam") + 1, value="Een nieuwe naam")
    workbook.save(path)
    activity = Activity.objects.get(controller=voorbeeld, number=2)
    established = activity.versions.get(status=Status.ESTABLISHED)
    before = Activity.objects.count()
    mapping = spreadsheet.map_headers(spreadsheet.inspect(path).headers)
    result = services.register_import(
        actor=world.users["fg"],
        controller=voorbeeld,
        rows=spreadsheet.read(path, mapping, spreadsheet.Lookup.load(voorbeeld), spreadsheet.Report()),
    )
    assert (result.created, result.updated) == (0, 1)
    assert result.unchanged == len(selectors.current_versions(voorbeeld)) - 1
    assert Activity.objects.count() == before
    concept = activity.versions.get(status=Status.CONCEPT)
    assert (concept.name, concept.version) == ("Een nieuwe naam", established.version + 1)
    assert concept.history.latest().history_change_reason == "gewijzigd bij inlezen"
    established.refresh_from_db()
    assert established.status == Status.ESTABLISHED and established.name != "Een nieuwe naam"


def test_the_command_checks_then_imports_the_export(as_persona, world, tmp_path):
    path = _export(as_persona, tmp_path)[1]
    empty = _empty_municipality()
    out = StringIO()
    call_command("import_register", gemeente=empty.slug, bestand=str(path), voortgang=10, stdout=out)
    assert "10 rijen gelezen" in out.getvalue() and "er is niets opgeslagen" in out.getvalue()
    assert not Activity.objects.filter(controller=empty).exists()
    out = StringIO()
    call_command("import_register", gemeente=empty.slug, bestand=str(path), bevestig=True, stdout=out)
    count = len(selectors.current_versions(world.organisations[tenancy_demo.VOORBEELD]))
    assert f"{count} nieuw" in out.getvalue()
    assert Activity.objects.filter(controller=empty).count() == count


def test_staff_csv_has_every_column_including_confidential_activities(as_persona, world):
    response = as_persona("fg").get("/register/exporteren/csv/")
    body = _download(response).decode("utf-8")
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert table[0] == HEADERS
    assert len(table) - 1 == len(selectors.current_versions(world.organisations[tenancy_demo.VOORBEELD]))
    names = {row[HEADERS.index("Naam")] for row in table[1:]}
    assert "Fraudeonderzoek bijstand" in names  # confidential: not public, but in the staff's copy
    assert {row[HEADERS.index("Vertrouwelijk")] for row in table[1:]} == {"ja", "nee"}


def test_pdf_export_is_a_pdf(as_persona):
    response = as_persona("wmo_consulent").get("/register/exporteren/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="verwerkingsregister-gemeente-voorbeeld-' in response["Content-Disposition"]


def test_exports_are_the_acting_municipalitys_register(as_persona, tmp_path):
    client = as_persona("buitenstaander")  # acts for Gemeente Oostdal
    body = _download(client.get("/register/exporteren/csv/")).decode("utf-8")
    assert "gemeente-oostdal" in body and "gemeente-voorbeeld" not in body
    path = tmp_path / "oostdal.xlsx"
    path.write_bytes(_download(client.get("/register/exporteren/xlsx/")))
    uris = [
        row[HEADERS.index("URI")] for row in load_workbook(path).worksheets[0].iter_rows(min_row=2, values_only=True)
    ]
    assert uris and all(uri.startswith("urn:doelbinding:gemeente-oostdal:") for uri in uris)


def test_csv_cells_that_look_like_formulas_are_made_inert():
    from doelbinding.register.exports import _inert

    assert [_inert(v) for v in ["=SUM(A1)", "+31 6", "-", "@x", "gewoon", ""]] == [
        "'=SUM(A1)",
        "'+31 6",
        "'-",
        "'@x",
        "gewoon",
        "",
    ]
