"""The RASIC matrix as a workbook a person fills in with Excel, and the reading of that workbook back.

Export and import are one format: the sheet "RASIC" has a header row Code | Activiteit | one column per role, and
what the export writes the import reads back to the same cells (the tests hold them to that). The import never
raises on a bad file: it collects every problem, row by row and in Dutch, so that a person can fix the whole file
at once; the caller applies nothing unless `ok`. Pure (no database), so views, commands and tests share it; the
file is read streamed (openpyxl read-only) and bounded in bytes, unpacked size, rows and columns.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from doelbinding.governance import rules
from doelbinding.governance.documents import AMBIGUOUS, LEVELS, MEANINGS, RULES, header, heading_key, role_index
from doelbinding.governance.rules import ACCOUNTABLE, Finding, Matrix, MatrixActivity, MatrixRole

SHEET, EXPLANATION, FINDINGS = "RASIC", "Toelichting", "Bevindingen"  # fixed: the import looks for them
HEADERS = ("Code", "Activiteit")
CHOICES = ("R", "A", "S", "I", "C", "R/A")
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 20 * 1024 * 1024  # the zip's parts together; 500 rows x 200 columns is far below this
MAX_ROWS = 500  # filled activity rows
MAX_COLUMNS = 200
HEADER_SCAN = 50  # the header row must be among the first rows of a sheet
SCAN_ROWS = 10 * MAX_ROWS  # rows below the header read at all, filled or not
MAX_PROBLEMS = 200
MAX_NAME = 300
EXTRA_ROWS = 30  # empty rows with the drop-down, for the municipality's own activities
OWN_CODE = re.compile(r"EIGEN-(\d{1,9})", re.IGNORECASE)
ZIP_SIGNATURE, OLD_EXCEL_SIGNATURE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
READ_ERRORS = (zipfile.BadZipFile, zlib.error, ParseError, KeyError, ValueError, TypeError, OSError, EOFError)
LOAD_ERRORS = (*READ_ERRORS, InvalidFileException, IndexError, AttributeError)  # openpyxl on malformed parts
BOLD, TITLE, MUTED = Font(bold=True), Font(bold=True, size=14), Font(italic=True, color="555555")
HEAD = PatternFill("solid", fgColor="DDE4EE")
THIN = Side(style="thin", color="999999")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP, CENTRE = Alignment(wrap_text=True, vertical="top"), Alignment(horizontal="center", vertical="center")


@dataclass(frozen=True)
class ImportProblem:
    row: int | None  # spreadsheet row number as Excel shows it; None for the file as a whole
    column: str | None  # Excel column letter; None when the whole row is meant
    message: str


@dataclass(frozen=True)
class MatrixImport:
    cells: dict[tuple[str, str], str]  # (activity code, role code) -> canonical value, '' for empty
    new_activities: tuple[MatrixActivity, ...]
    problems: tuple[ImportProblem, ...]
    changed: int = 0  # set by the service once the cells are written

    @property
    def ok(self) -> bool:
        return not self.problems


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# Export


def matrix_xlsx(matrix: Matrix, *, title: str, findings: Sequence[Finding] = ()) -> bytes:
    """The matrix sheet to fill in, a sheet explaining letters and rules, and the findings when there are any."""
    workbook = Workbook()
    _matrix_sheet(workbook.active, matrix, title)
    _explanation_sheet(workbook.create_sheet(EXPLANATION), matrix, title)
    if findings:
        _findings_sheet(workbook.create_sheet(FINDINGS), matrix, findings)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(sheet, row: int, column: int, value: str, **style):
    cell = sheet.cell(row=row, column=column)
    if value:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.data_type = "s"  # text stays text: a name starting with "=" must not become a formula
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _matrix_sheet(sheet, matrix: Matrix, title: str) -> None:
    sheet.title = SHEET
    index = role_index(matrix.roles)
    top = 3  # the header row: below the title and a line on how to fill it in
    _put(sheet, 1, 1, title, font=TITLE)
    hint = _(
        "Kies per activiteit in de kolom van elke rol R, A, S, I, C of R/A (zie het blad ‘Toelichting’). Een eigen "
        "activiteit voegt u onderaan toe: vul de naam in en laat de code leeg."
    )
    _put(sheet, 2, 1, hint, font=MUTED)
    for column, text in enumerate(HEADERS, start=1):
        _put(sheet, top, column, text, font=BOLD, fill=HEAD, border=GRID)
    for column, role in enumerate(matrix.roles, start=3):
        label = header(role, index)
        cell = _put(sheet, top, column, label, font=BOLD, fill=HEAD, border=GRID, alignment=CENTRE)
        cell.comment = Comment(f"{role.name}\n{_('code')}: {role.code}", "Doelbinding", height=80, width=220)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(len(label) + 3, 7), 16)
    for row, activity in enumerate(matrix.activities, start=top + 1):
        _put(sheet, row, 1, activity.code, border=GRID, alignment=WRAP)
        _put(sheet, row, 2, activity.name, border=GRID, alignment=WRAP)
        for column, role in enumerate(matrix.roles, start=3):
            value = rules.display(matrix.value(activity.code, role.code))
            _put(sheet, row, column, value, border=GRID, alignment=CENTRE)
    if matrix.roles:
        validation = DataValidation(type="list", formula1='"{}"'.format(",".join(CHOICES)), allow_blank=True)
        validation.errorTitle, validation.showErrorMessage = _("Geen RASIC-letter"), True
        validation.error = _("Kies R, A, S, I, C of R/A, of laat het vak leeg.")
        last = top + len(matrix.activities) + EXTRA_ROWS
        validation.add(f"C{top + 1}:{get_column_letter(2 + len(matrix.roles))}{last}")
        sheet.add_data_validation(validation)
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 60
    sheet.freeze_panes = f"C{top + 1}"
    sheet.print_title_rows = f"{top}:{top}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _explanation_sheet(sheet, matrix: Matrix, title: str) -> None:
    for letter, width in zip("ABC", (14, 40, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    lines: list[tuple[str, ...] | str] = [title, ""]
    lines += [_("Wat de letters betekenen"), (_("Letter"), _("Betekenis"), _("Toelichting"))]
    lines += [(letter, str(meaning), str(note)) for letter, meaning, note in MEANINGS]
    lines += ["", _("Regels")] + [("", str(rule)) for rule in RULES]
    lines += ["", _("Rollen"), (_("Kolomkop"), _("Rol"), _("Code"))]
    index = role_index(matrix.roles)
    lines += [(header(role, index), role.name, role.code) for role in matrix.roles]
    how = _(
        "Laat de kopregel (Code, Activiteit, de rollen) staan; als kop mag de afkorting, de naam of de code van een "
        "rol. Wijzig de codes niet; een rij zonder code met een nieuwe naam wordt een eigen activiteit."
    )
    lines += ["", _("Inlezen"), ("", how)]
    for row, line in enumerate(lines, start=1):
        if isinstance(line, str):
            _put(sheet, row, 1, line, font=TITLE if row == 1 else BOLD)
            continue
        for column, value in enumerate(line, start=1):
            _put(sheet, row, column, value, alignment=WRAP)


def _findings_sheet(sheet, matrix: Matrix, findings: Sequence[Finding]) -> None:
    names = {activity.code: f"{activity.code} {activity.name}" for activity in matrix.activities}
    roles = {role.code: role.label for role in matrix.roles}
    for letter, width in zip("ABCD", (14, 50, 14, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    for column, text in enumerate((_("Niveau"), _("Activiteit"), _("Rol"), _("Bevinding")), start=1):
        _put(sheet, 1, column, text, font=BOLD, fill=HEAD)
    for row, finding in enumerate(findings, start=2):
        activity = names.get(finding.activity, finding.activity or "")
        values = (str(LEVELS[finding.level]), activity, roles.get(finding.role, finding.role or ""), finding.message)
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, alignment=WRAP)
    sheet.freeze_panes = "A2"


# Import


def read_matrix_xlsx(
    data: bytes,
    *,
    roles: Sequence[MatrixRole],
    activities: Sequence[MatrixActivity],
    set_aside: Sequence[MatrixRole] = (),
    max_bytes: int = MAX_BYTES,
) -> MatrixImport:
    """The cells a filled-in workbook holds, the new activities it names and every problem; never raises.
    `set_aside` are roles the municipality put aside: their columns are refused with a message that says so."""
    refusal = _refusal(data, max_bytes)
    if refusal:
        return MatrixImport({}, (), (ImportProblem(None, None, refusal),))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except LOAD_ERRORS:
        return MatrixImport({}, (), (ImportProblem(None, None, _("Het Excel-bestand is beschadigd.")),))
    reader = _Reader(roles, activities, set_aside)
    try:
        reader.read(workbook)
    except LOAD_ERRORS:
        reader.add(None, None, _("Het bestand kon niet helemaal worden gelezen; het is mogelijk beschadigd."))
    finally:
        workbook.close()
    return reader.result()


def _refusal(data: bytes, max_bytes: int) -> str:
    """Why the file as a whole is not a workbook to read, or '' when it may be one."""
    too_large = _("Het bestand is %(what)sgroter dan %(limit)s; een RASIC-matrix is veel kleiner.")
    if not data:
        return _("Het bestand is leeg.")
    if len(data) > max_bytes:
        return too_large % {"what": "", "limit": filesizeformat(max_bytes)}
    if data[:4] == OLD_EXCEL_SIGNATURE:
        return _("Dit is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx en probeer het opnieuw.")
    if data[:4] != ZIP_SIGNATURE:
        return _("Dit is geen Excel-bestand (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except READ_ERRORS:
        return _("Het Excel-bestand is beschadigd.")
    if not any(part.filename.startswith("xl/") for part in parts):
        return _("Dit is een zip-bestand, maar geen Excel-werkmap (.xlsx).")
    if sum(part.file_size for part in parts) > MAX_UNPACKED:
        return too_large % {"what": _("uitgepakt "), "limit": filesizeformat(MAX_UNPACKED)}
    return ""


@dataclass
class _Column:
    index: int  # 0-based position in the row
    text: str
    role: MatrixRole | None = None  # None: an empty header, an unknown role or a role already taken

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


class _Reader:
    """One pass over the rows of the sheet with the header row; problems are collected, never raised."""

    def __init__(
        self, roles: Sequence[MatrixRole], activities: Sequence[MatrixActivity], set_aside: Sequence[MatrixRole] = ()
    ):
        self.roles, self.index = {role.code: role for role in roles}, role_index(roles)
        self.set_aside = role_index(set_aside)
        self.cells: dict[tuple[str, str], str] = {}
        self.new: list[MatrixActivity] = []
        self.problems: list[ImportProblem] = []
        self.unlisted, self.columns, self.first_row_of = 0, [_Column(0, ""), _Column(1, "")], {}
        self.by_code = {heading_key(a.code): a for a in activities}
        self.by_name: dict[str, MatrixActivity | None] = {}
        for activity in activities:  # a name two activities share is marked None: ask for the code
            key = heading_key(activity.name)
            self.by_name[key] = activity if self.by_name.get(key, activity) == activity else None
        owned = [int(match[1]) for a in activities if (match := OWN_CODE.fullmatch(a.code.strip()))]
        self.next_own = max(owned, default=0) + 1

    def add(self, row: int | None, column: str | None, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(ImportProblem(row, column, message))
        else:
            self.unlisted += 1

    def result(self) -> MatrixImport:
        problems = list(self.problems)
        if self.unlisted:
            message = _("En nog %(n)d problemen; los eerst de problemen hierboven op.") % {"n": self.unlisted}
            problems.append(ImportProblem(None, None, message))
        return MatrixImport(dict(self.cells), tuple(self.new), tuple(problems))

    def read(self, workbook) -> None:
        sheets = sorted(workbook.worksheets, key=lambda sheet: heading_key(sheet.title) != heading_key(SHEET))
        if not any(self._read_sheet(sheet) for sheet in sheets):
            message = _(
                "Geen werkblad heeft een kopregel met ‘Code’ en ‘Activiteit’ in de eerste twee kolommen. Gebruik "
                "het bestand dat u hier heeft gedownload en laat die kopregel staan."
            )
            self.add(None, None, message)

    def _read_sheet(self, sheet) -> bool:
        """Read the sheet from its header row on; False when it has none (and nothing was read)."""
        top, filled = None, 0
        for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1), start=1):
            if top is None:
                if number > HEADER_SCAN:
                    return False
                top = number if self._header(number, [_text(cell.value) for cell in cells]) else None
            elif number - top > SCAN_ROWS:
                self.add(None, None, _("Het blad is langer dan %(n)d rijen.") % {"n": SCAN_ROWS})
                break
            elif self._row(number, cells) and (filled := filled + 1) > MAX_ROWS:
                self.add(None, None, _("Het blad heeft meer dan %(n)d activiteiten.") % {"n": MAX_ROWS})
                break
        return top is not None

    def _header(self, number: int, texts: list[str]) -> bool:
        """Map the role columns when this is the header row: its first two filled cells read Code, Activiteit."""
        start = next((i for i, text in enumerate(texts) if text), len(texts))
        if [heading_key(text) for text in texts[start : start + 2]] != ["code", "activiteit"]:
            return False
        if any(texts[MAX_COLUMNS:]):
            self.add(number, None, _("Het blad heeft meer dan %(n)d kolommen.") % {"n": MAX_COLUMNS})
        self.columns = [_Column(start, ""), _Column(start + 1, "")]
        taken: dict[str, _Column] = {}
        for index in range(start + 2, min(len(texts), MAX_COLUMNS)):
            column = _Column(index, texts[index])
            code = self.index.get(heading_key(column.text)) if column.text else ""
            where = {"column": column.letter, "value": column.text, "row": number}
            if code is None and column.text and self.set_aside.get(heading_key(column.text)):
                message = _(
                    "Kolom %(column)s: ‘%(value)s’ staat bij Rollen op ‘past niet bij de gemeente’ (kopregel, rij "
                    "%(row)d). Zet de rol weer aan, of verwijder de kolom."
                )
                self.add(number, column.letter, message % where)
            elif code is None:
                message = _(
                    "Kolom %(column)s: ‘%(value)s’ is geen rol van deze gemeente (kopregel, rij %(row)d). Gebruik "
                    "de afkorting, de naam of de code van een rol (zie het blad ‘Toelichting’), of verwijder de kolom."
                )
                self.add(number, column.letter, message % where)
            elif code == AMBIGUOUS:
                message = _("Kolom %(column)s: ‘%(value)s’ past bij meer dan één rol (rij %(row)d); gebruik de code.")
                self.add(number, column.letter, message % where)
            elif code in taken:
                message = _(
                    "Kolom %(column)s: ‘%(value)s’ is dezelfde rol als kolom %(other)s (rij %(row)d). Elke rol heeft "
                    "één kolom; voeg de kolommen samen."
                )
                self.add(number, column.letter, message % {**where, "other": taken[code].letter})
            elif code:
                column.role, taken[code] = self.roles[code], column
            self.columns.append(column)
        if not any(texts[start + 2 :]):
            self.add(number, None, _("De kopregel in rij %(row)d heeft geen kolommen voor rollen.") % {"row": number})
        return True

    def _row(self, number: int, cells: Sequence) -> bool:
        """Read one activity row; False when it is empty."""
        code_column, _name, *columns = self.columns
        texts = [_text(cells[c.index].value) if c.index < len(cells) else "" for c in self.columns]
        if not any(texts):
            return False
        code, name, *values = texts
        found: dict[str, str] = {}
        problems: list[tuple[str | None, str]] = []
        for column, value in zip(columns, values, strict=True):
            where = {"row": number, "column": column.letter, "value": value, "role": column.role and column.role.label}
            if column.role is None:
                if value and not column.text:  # a column with a wrong header is reported once, at the header
                    message = _(
                        "Rij %(row)d, kolom %(column)s: ‘%(value)s’ staat in een kolom zonder kop. Zet de afkorting "
                        "van een rol in de kop, of maak het vak leeg."
                    )
                    problems.append((column.letter, message % where))
            elif value and cells[column.index].data_type == "f":
                message = _("Rij %(row)d, kolom %(column)s (%(role)s): ‘%(value)s’ is een formule; typ de letter in.")
                problems.append((column.letter, message % where))
            else:
                try:
                    found[column.role.code] = rules.parse_cell(value)
                except rules.CellError as error:
                    prefix = _("Rij %(row)d, kolom %(column)s (%(role)s): ") % where
                    problems.append((column.letter, prefix + str(error)))
        accountable = [self.roles[role].label for role, value in found.items() if ACCOUNTABLE in value]
        if len(accountable) > 1:
            message = _("Rij %(row)d: %(count)d rollen hebben een A (%(roles)s). Precies één rol keurt goed.")
            problems.append(
                (None, message % {"row": number, "count": len(accountable), "roles": ", ".join(accountable)})
            )
        activity = self._activity(number, code, name, code_column.letter, problems)
        for column_letter, message in problems:
            self.add(number, column_letter, message)
        if activity is not None:
            self.cells.update({(activity.code, role): value for role, value in found.items()})
        return True

    def _activity(self, number: int, code: str, name: str, letter: str, problems: list) -> MatrixActivity | None:
        """The activity a row is about, a new one for a new name; None (with a problem) when it cannot be told."""
        where = {"row": number, "column": letter, "value": code or name, "max": MAX_NAME}
        activity = self.by_code.get(heading_key(code)) if code else self.by_name.get(heading_key(name), False)
        if code and activity is None:
            message = _(
                "Rij %(row)d, kolom %(column)s: de code ‘%(value)s’ hoort bij geen activiteit van deze gemeente. "
                "Gebruik de code uit het gedownloade bestand, of maak de code leeg voor een eigen activiteit."
            )
            problems.append((letter, message % where))
        elif not code and not name:
            message = _("Rij %(row)d: er staan letters, maar geen code of naam van een activiteit; vul de naam in.")
            problems.append((None, message % where))
        elif activity is None:
            message = _("Rij %(row)d: ‘%(value)s’ is de naam van meer dan één activiteit; vul de code in.")
            problems.append((None, message % where))
        elif activity is False and len(name) > MAX_NAME:
            message = _("Rij %(row)d: de naam van de activiteit is langer dan %(max)d tekens; kort hem in.")
            problems.append((None, message % where))
        else:
            if activity is False:  # a name not known yet: the municipality's own activity
                activity = self.by_name[heading_key(name)] = MatrixActivity(f"EIGEN-{self.next_own}", name)
                self.next_own += 1
                self.new.append(activity)
            first = self.first_row_of.setdefault(activity.code, number)
            if first == number:
                return activity
            message = _("Rij %(row)d: ‘%(value)s’ staat ook in rij %(first)d; voeg de twee rijen samen.")
            problems.append((None, message % {**where, "value": activity.name, "first": first}))
        return None
