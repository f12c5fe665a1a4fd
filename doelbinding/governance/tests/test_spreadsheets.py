"""The RASIC matrix as XLSX and PDF: what is exported reads back to the same cells, and a bad file is refused with
one Dutch message per offending row or column, never with an exception. Workbooks are built in memory."""

import io
import json
import logging
import re
import string
import zipfile
import zlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from doelbinding.governance import documents, spreadsheets
from doelbinding.governance.rules import Matrix, MatrixActivity, MatrixRole, check
from doelbinding.governance.spreadsheets import matrix_xlsx, read_matrix_xlsx

REFERENCE = Path(__file__).resolve().parent.parent / "reference"
ROLE_DATA = json.loads((REFERENCE / "roles.json").read_text())["roles"]
ACTIVITY_DATA = json.loads((REFERENCE / "activities.json").read_text())["activities"]
ROLES = tuple(MatrixRole(r["code"], r["name"], r["abbreviation"]) for r in ROLE_DATA)
ACTIVITIES = tuple(MatrixActivity(a["code"], a["name"]) for a in ACTIVITY_DATA)
EXAMPLE = Matrix(
    ACTIVITIES,
    ROLES,
    {(a["code"], role): value for a in ACTIVITY_DATA for role, value in {**a["prefilled"], **a["example"]}.items()},
)
VALUES = ("", "R", "A", "S", "I", "C", "RA")
HEAD = ["Code", "Activiteit"]


def _full(matrix: Matrix) -> dict[tuple[str, str], str]:
    return {(a.code, r.code): matrix.value(a.code, r.code) for a in matrix.activities for r in matrix.roles}


def _xlsx(*rows, title="RASIC", extra_sheets=()) -> bytes:
    workbook = Workbook()
    for name in extra_sheets:
        workbook.create_sheet(name, 0).append(["Iets anders"])
    sheet = workbook["Sheet"]
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _read(data: bytes, **options):
    return read_matrix_xlsx(data, roles=ROLES, activities=options.pop("activities", ACTIVITIES), **options)


def _problems(result) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.column) for p in result.problems]


def _message(result) -> str:
    assert len(result.problems) == 1, result.problems
    return result.problems[0].message


# Export and round trip


def test_the_reference_example_reads_back_cell_for_cell():
    assert any(value == "" for value in _full(EXAMPLE).values())
    result = _read(matrix_xlsx(EXAMPLE, title="RASIC-matrix Voorbeeld", findings=check(EXAMPLE)))
    assert result.ok, result.problems
    assert result.cells == _full(EXAMPLE)
    assert len(result.cells) == 22 * 19
    assert result.new_activities == ()


def test_the_export_is_laid_out_to_be_filled_in():
    matrix = Matrix(ACTIVITIES, ROLES, {**EXAMPLE.cells, ("T2-03", "fg"): "RA"})
    workbook = load_workbook(io.BytesIO(matrix_xlsx(matrix, title="RASIC-matrix Voorbeeld", findings=check(matrix))))
    assert workbook.sheetnames == ["RASIC", "Toelichting", "Bevindingen"]
    sheet = workbook["RASIC"]
    assert sheet["A1"].value == "RASIC-matrix Voorbeeld"
    header = [cell.value for cell in sheet[3]]
    assert header[:5] == ["Code", "Activiteit", "Burger", "Raad", "B&W"]
    assert len(header) == 2 + 19
    assert "Functionaris gegevensbescherming" in sheet.cell(3, 6).comment.text
    assert sheet.freeze_panes == "C4"
    t203 = next(row for row in sheet.iter_rows(min_row=4) if row[0].value == "T2-03")
    assert t203[5].value == "R/A"
    assert t203[4].value == "A"  # B&W
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"R,A,S,I,C,R/A"'
    assert "C4" in validation.sqref and f"U{3 + 22}" in validation.sqref
    assert sheet.column_dimensions["B"].width >= 40
    explanation = " ".join(str(c.value) for row in workbook["Toelichting"].iter_rows() for c in row if c.value)
    assert "precies één A" in explanation and "minstens één R" in explanation and "R/A" in explanation
    found = [[c.value for c in row] for row in workbook["Bevindingen"].iter_rows(min_row=2)]
    assert {row[0] for row in found} == {"Fout", "Waarschuwing"}
    assert any(row[1].startswith("T2-03 ") and row[2] == "FG" and "R/A" in row[3] for row in found)


def test_text_that_looks_like_a_formula_stays_text():
    evil = '=HYPERLINK("https://example.org","klik")'
    matrix = Matrix((MatrixActivity("EIGEN-1", evil),), (MatrixRole("x", "Rol", "=1+1"),), {("EIGEN-1", "x"): "A"})
    sheet = load_workbook(io.BytesIO(matrix_xlsx(matrix, title="=2+2")))["RASIC"]
    for cell in (sheet["A1"], sheet["C3"], sheet["B4"]):
        assert cell.data_type == "s", cell
    assert (sheet["B4"].value, sheet["C3"].value) == (evil, "=1+1")


def test_without_findings_there_is_no_findings_sheet():
    workbook = load_workbook(io.BytesIO(matrix_xlsx(EXAMPLE, title="RASIC")))
    assert workbook.sheetnames == ["RASIC", "Toelichting"]


@st.composite
def matrices(draw):
    code = st.text(string.ascii_letters + string.digits + "-_=.", min_size=1, max_size=8)
    role_codes = draw(st.lists(code, min_size=1, max_size=7, unique_by=str.casefold))
    abbreviations = st.sampled_from(["", "FG", "fg", "B&W", "Raad", "Code", "=SUM(A1)", "R", "A b"])
    names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
    roles = tuple(MatrixRole(c, draw(names) or c, draw(abbreviations)) for c in role_codes)
    activity_codes = draw(st.lists(code, max_size=8, unique_by=str.casefold))
    activities = tuple(MatrixActivity(c, draw(names)) for c in activity_codes)
    cells = {(a.code, r.code): draw(st.sampled_from(VALUES)) for a in activities for r in roles}
    return Matrix(activities, roles, cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrices())
def test_any_matrix_reads_back_cell_for_cell(matrix):
    result = read_matrix_xlsx(matrix_xlsx(matrix, title="Matrix"), roles=matrix.roles, activities=matrix.activities)
    assert result.cells == _full(matrix)
    assert result.new_activities == ()
    several = [a for a in matrix.activities if sum("A" in matrix.value(a.code, r.code) for r in matrix.roles) > 1]
    assert len(result.problems) == len(several)
    assert all("rollen hebben een A" in p.message for p in result.problems)
    assert result.ok is not several


# Refusals, row by row


def test_an_unknown_role_column_is_refused_naming_column_and_header():
    result = _read(_xlsx([*HEAD, "FG", "Wethouder"], ["T2-05", "", "R", "A"]))
    assert not result.ok
    assert _problems(result) == [(1, "D")]
    message = _message(result)
    assert message.startswith("Kolom D: ‘Wethouder’ is geen rol van deze gemeente")
    assert result.cells == {("T2-05", "fg"): "R"}


def test_the_same_role_twice_is_refused():
    result = _read(_xlsx([*HEAD, "FG", "IBC", "Functionaris gegevensbescherming"], ["T2-05", "", "R", "", "A"]))
    assert _problems(result) == [(1, "E")]
    assert "dezelfde rol als kolom C" in _message(result)


@pytest.mark.parametrize(
    ("value", "reason"),
    [("X", "geen RASIC-letter"), ("RS", "alleen R/A mag samen"), ("RR", "twee keer"), (3, "geen RASIC-letter")],
)
def test_an_invalid_letter_is_refused_naming_row_column_role_and_value(value, reason):
    result = _read(_xlsx([*HEAD, "B&W", "FG"], ["T2-05", "", "A", "R"], ["T2-06", "", "A", value]))
    assert not result.ok
    assert _problems(result) == [(3, "D")]
    message = _message(result)
    assert message.startswith(f"Rij 3, kolom D (FG): ‘{value}’") and reason in message
    assert result.cells[("T2-05", "fg")] == "R"


def test_two_accountable_roles_in_one_row_are_refused_naming_the_roles():
    result = _read(_xlsx([*HEAD, "B&W", "FG", "IBC"], ["T2-05", "", "A", "R/A", "S"]))
    assert _problems(result) == [(2, None)]
    message = _message(result)
    assert message.startswith("Rij 2: 2 rollen hebben een A (B&W, FG)")
    assert result.cells == {("T2-05", "college"): "A", ("T2-05", "fg"): "RA", ("T2-05", "ciso"): "S"}


@pytest.mark.parametrize(
    "second",
    [
        ["T2-05", ""],
        ["", "toezicht houden op, controleren van en adviseren over de naleving van de AVG en het privacybeleid"],
    ],
)
def test_the_same_activity_twice_is_refused(second):
    result = _read(_xlsx([*HEAD, "FG"], ["T2-05", "Toezicht", "R"], [], [*second, "C"]))
    assert _problems(result) == [(4, None)]
    assert "staat ook in rij 2" in _message(result)
    assert result.cells == {("T2-05", "fg"): "R"}


def test_an_unknown_code_is_refused():
    result = _read(_xlsx([*HEAD, "FG"], ["T9-99", "Iets nieuws", "R"]))
    assert _problems(result) == [(2, "A")]
    assert "‘T9-99’ hoort bij geen activiteit" in _message(result)
    assert result.new_activities == ()


def test_every_problem_of_a_file_is_reported_not_just_the_first():
    result = _read(
        _xlsx(
            ["RASIC-matrix"],
            [*HEAD, "B&W", "FG", "Wethouder", "IBC"],
            ["T2-05", "", "A", "R", "R", "X"],
            ["T2-06", "", "A", "A", "", ""],
            ["T9-99", "", "", "", "", ""],
            ["T2-05", "", "", "", "", "S"],
            ["T2-07", "", "A", "R", "", "RS"],
        )
    )
    assert _problems(result) == [(2, "E"), (3, "F"), (4, None), (5, "A"), (6, None), (7, "F")]
    assert [p.message.split(":")[0] for p in result.problems] == [
        "Kolom E",
        "Rij 3, kolom F (IBC)",
        "Rij 4",
        "Rij 5, kolom A",
        "Rij 6",
        "Rij 7, kolom F (IBC)",
    ]
    assert result.cells[("T2-07", "fg")] == "R" and not result.ok


def test_a_formula_and_a_letter_under_an_empty_header_are_refused():
    result = _read(_xlsx([*HEAD, "FG", None, "IBC"], ["T2-05", "", "=B1", "R", "S"]))
    assert _problems(result) == [(2, "C"), (2, "D")]
    assert "formule" in result.problems[0].message and "zonder kop" in result.problems[1].message


def test_a_half_finished_matrix_and_empty_rows_are_no_problem():
    result = _read(_xlsx([*HEAD, "FG", "IBC"], ["T2-05", "", "", "C"], [None, None, None], ["T2-06", "", "", ""]))
    assert result.ok
    assert result.cells == {("T2-05", "fg"): "", ("T2-05", "ciso"): "C", ("T2-06", "fg"): "", ("T2-06", "ciso"): ""}


@pytest.mark.parametrize(
    "text",
    [
        "fg",
        "FG",
        " f g ",
        "Functionaris gegevensbescherming",
        "FUNCTIONARIS  GEGEVENSBESCHERMING",
        "FG (Functionaris gegevensbescherming)",
        "FG\nFunctionaris gegevensbescherming",
    ],
)
def test_a_role_column_is_known_by_code_abbreviation_or_name(text):
    result = _read(_xlsx([*HEAD, text, "b & w", "head_of_social_domain"], ["T2-05", "", "R", "A", "I"]))
    assert result.ok, result.problems
    assert result.cells == {("T2-05", "fg"): "R", ("T2-05", "college"): "A", ("T2-05", "head_of_social_domain"): "I"}


def test_the_header_row_may_stand_lower_and_on_another_sheet():
    data = _xlsx(
        ["Onze matrix"],
        [],
        ["code", "ACTIVITEIT", "FG"],
        ["t2-05", "", "r/a"],
        title="Blad1",
        extra_sheets=["Voorblad"],
    )
    result = _read(data)
    assert result.ok and result.cells == {("T2-05", "fg"): "RA"}


def test_rows_with_a_new_name_become_own_activities_with_free_codes():
    known = (*ACTIVITIES, MatrixActivity("EIGEN-3", "Bestaande eigen activiteit"))
    result = _read(
        _xlsx(
            [*HEAD, "FG", "B&W"],
            ["", "Wijkteam-overleg", "R", "A"],
            ["", "bestaande eigen activiteit", "", "A"],
            ["", "Rapporteren over beveiligingsincidenten", "C"],
            ["", "Kwartaalrapportage", "", ""],
            ["", "wijkteam-overleg", "S"],
        ),
        activities=known,
    )
    assert result.new_activities == (
        MatrixActivity("EIGEN-4", "Wijkteam-overleg"),
        MatrixActivity("EIGEN-5", "Kwartaalrapportage"),
    )
    assert result.cells[("EIGEN-4", "fg")] == "R" and result.cells[("EIGEN-3", "college")] == "A"
    assert result.cells[("T2-10", "fg")] == "C"
    assert _problems(result) == [(6, None)]
    assert "‘Wijkteam-overleg’ staat ook in rij 2" in _message(result)


# Refusals of the file as a whole


def _zip(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


def _many_rows(count: int) -> bytes:
    return _xlsx([*HEAD, "FG"], *[["", f"Activiteit {n}", "R"] for n in range(count)])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "leeg"),
        (bytes(range(256)) * 8, "geen Excel-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "oud Excel-bestand (.xls)"),
        (_zip({"notes.txt": "hallo"}), "zip-bestand, maar geen Excel-werkmap"),
        (_zip({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<kapot"}), "beschadigd"),
        (b"PK\x03\x04" + bytes(100), "beschadigd"),
        (_xlsx(title="Blad1"), "Geen werkblad heeft een kopregel"),
        (_xlsx(["Activiteit", "Code", "FG"], ["T2-05", "", "R"]), "Geen werkblad heeft een kopregel"),
        (_many_rows(501), "meer dan 500 activiteiten"),
        (_xlsx([*HEAD, *["FG"] + [f"Rol {n}" for n in range(250)]]), "meer dan 200 kolommen"),
    ],
)
def test_a_file_that_is_no_usable_workbook_gives_a_dutch_message_and_no_exception(data, words):
    result = _read(data)
    assert not result.ok
    assert any(words in p.message for p in result.problems), result.problems


def test_500_activities_are_still_fine_and_a_file_too_large_is_refused():
    assert _read(_many_rows(500)).ok
    data = matrix_xlsx(EXAMPLE, title="RASIC")
    result = _read(data, max_bytes=len(data) - 1)
    assert _problems(result) == [(None, None)] and "groter dan" in _message(result) and result.cells == {}


def test_a_truncated_or_oversized_package_is_refused():
    data = matrix_xlsx(EXAMPLE, title="RASIC")
    assert "beschadigd" in _read(data[: len(data) // 2]).problems[0].message
    bomb = _zip({"xl/sharedStrings.xml": b" " * (spreadsheets.MAX_UNPACKED + 1)})
    assert "uitgepakt groter" in _message(_read(bomb))


# Made once: a workbook's bytes differ between runs (the creation time is in it), and hypothesis needs the same
# sizes to draw from in every example.
UNDAMAGED = matrix_xlsx(EXAMPLE, title="RASIC")


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_damaged_workbook_never_raises(data):
    original = bytearray(UNDAMAGED)
    for _ in range(data.draw(st.integers(1, 20))):
        original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    result = _read(bytes(original))
    assert isinstance(result, spreadsheets.MatrixImport)
    assert all(isinstance(p.message, str) and p.message for p in result.problems)


# PDF


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF's uncompressed objects: WeasyPrint packs them into deflated object streams."""
    found = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            found.append(zlib.decompress(match[1]))
        except zlib.error:
            continue
    return b"\n".join(found)


@pytest.fixture
def rendered(monkeypatch):
    """The WeasyPrint documents matrix_pdf lays out, to look at their pages and text."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    documents_seen = []
    render = HTML.render

    def spy(self, *args, **kwargs):
        documents_seen.append(render(self, *args, **kwargs))
        return documents_seen[-1]

    monkeypatch.setattr(HTML, "render", spy)
    return documents_seen


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def test_the_pdf_shows_the_whole_matrix_within_the_page_width(rendered):
    from weasyprint.formatting_structure import boxes

    matrix = Matrix(ACTIVITIES, ROLES, {**EXAMPLE.cells, ("T2-03", "fg"): "RA"})
    pdf = documents.matrix_pdf(
        matrix,
        title="RASIC-matrix",
        municipality="Gemeente Súdwest-Fryslân",
        made_on=date(2026, 12, 3),
        findings=check(matrix),
    )
    assert pdf.startswith(b"%PDF")
    objects = _pdf_objects(pdf)
    assert b"/MediaBox [0 0 841.889764 595.275591]" in objects  # A4 landscape
    assert "Gemeente Súdwest-Fryslân".encode("utf-16-be").hex().encode() in objects  # the author metadata
    (document,) = rendered
    page = document.pages[0]._page_box
    text = " ".join(b.text for p in document.pages for b in _boxes(p._page_box) if isinstance(b, boxes.TextBox))
    assert "Gemeente Súdwest-Fryslân" in text and "3 december 2026" in text
    assert "Functionaris gegevensbescherming" in text and "R/A" in text and "Waarschuwing" in text
    (table,) = [b for b in _boxes(page) if isinstance(b, boxes.TableBox) and "matrix" in b.element.get("class")]
    right = page.content_box_x() + page.width
    assert table.border_box_x() + table.border_width() <= right + 1
    assert len(table.column_widths) == 2 + 19
    rows = [b for b in _boxes(table) if isinstance(b, boxes.TableRowBox)]
    assert len(rows) == 1 + 22  # the whole matrix on the first page
    sizes = {b.style["font_size"] for p in document.pages for b in _boxes(p._page_box) if isinstance(b, boxes.TextBox)}
    assert min(sizes) >= 7 * 96 / 72 - 0.01  # at least 7 pt
