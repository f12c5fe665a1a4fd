"""Reading a register from a spreadsheet (.xlsx): header mapping, per-row validation with Dutch messages, and the
parsed rows that `services.register_import` writes.

Only `Lookup.load` touches the database; everything else works on the file and the lookup. The file is read with
openpyxl in read-only mode, one row at a time, so memory stays bounded however long it is.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from doelbinding.policy import Role
from doelbinding.register.columns import STAFF_COLUMNS, Column
from doelbinding.register.models import (
    ActivityVersion,
    DataCategory,
    DpiaStatus,
    Provision,
    ProvisionKind,
    SubjectCategory,
)
from doelbinding.tenancy.models import Domain

KENMERK = "kenmerk"
URI = "uri"  # read only to recognise rows exported from another municipality's register
REQUIRED = ("naam", "doeleinden")
IMPORT_COLUMNS = [c for c in STAFF_COLUMNS if c.field or c.key in {KENMERK, URI}]
COLUMN_BY_KEY = {c.key: c for c in IMPORT_COLUMNS}
MAX_COLUMNS = 200
MAX_TEXT = 10_000  # for text fields without a length of their own; an Excel cell holds at most 32 767 characters
MAX_PROBLEMS = 1000  # kept for display; beyond this they are only counted
SAMPLE_ROWS = 3
ZIP_SIGNATURE = b"PK\x03\x04"
OLD_EXCEL_SIGNATURE = b"\xd0\xcf\x11\xe0"
READ_ERRORS = (zipfile.BadZipFile, zlib.error, ParseError, KeyError, ValueError, TypeError, OSError, EOFError)
REFERENCE = re.compile(r"VA-(\d{1,9})", re.IGNORECASE)
SEPARATOR = re.compile(r"[\n;]")
TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
FALSE = {"nee", "n", "no", "false", "onwaar", "0", ""}
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
AMBIGUOUS = object()


class UploadRefused(Exception):
    """The file as a whole cannot be read; the message says why, in Dutch."""


@dataclass(frozen=True)
class RowProblem:
    row: int | None  # the row number as the spreadsheet shows it; None for the file as a whole
    message: str


@dataclass(frozen=True)
class ImportRow:
    row: int
    reference: int | None  # the activity number from the kenmerk column, if any
    fields: dict[str, Any]  # ActivityVersion field → value; relations as lists of objects


@dataclass
class Report:
    read: int = 0
    valid: int = 0
    new: int = 0
    updates: int = 0
    problem_count: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def unlisted(self) -> int:
        return self.problem_count - len(self.problems)

    def add(self, problems: Sequence[RowProblem]) -> None:
        self.problem_count += len(problems)
        self.problems.extend(problems[: max(0, MAX_PROBLEMS - len(self.problems))])


class ImportRefused(Exception):
    """Raised at the end of reading when any row had a problem, so that a write consuming the rows rolls back."""

    def __init__(self, report: Report):
        super().__init__(f"{report.problem_count} problem(s)")
        self.report = report


@dataclass(frozen=True)
class Preview:
    headers: list[str]
    sample: list[list[str]]  # the first rows, as text, one list per row


@dataclass(frozen=True)
class Lookup:
    """What a file may name, per field, by normalised text; and the numbers of the controller's activities."""

    options: dict[str, dict[str, Any]]
    existing: frozenset[int]
    slug: str

    @classmethod
    def load(cls, controller) -> Lookup:
        provisions = list(Provision.objects.select_related("law"))

        def of_kind(*kinds: str) -> dict[str, Any]:
            return _index((p, (p.code, p.title, str(p))) for p in provisions if p.kind in kinds)

        return cls(
            options={
                "lawful_bases": of_kind(ProvisionKind.LAWFUL_BASIS),
                "sector_provisions": of_kind(ProvisionKind.SECTOR),
                "special_exceptions": of_kind(ProvisionKind.SPECIAL_EXCEPTION),
                "uavg_provisions": of_kind(ProvisionKind.UAVG),
                "bsn_basis": of_kind(ProvisionKind.LAWFUL_BASIS, ProvisionKind.UAVG, ProvisionKind.SECTOR),
                "subject_categories": _index((c, (c.code, c.name)) for c in SubjectCategory.objects.all()),
                "data_categories": _index((c, (c.code, c.name)) for c in DataCategory.objects.all()),
                "domain": _index((d.code, (d.code, d.name)) for d in Domain.objects.all()),
                "owner_role": _index((code, (code, label)) for code, label in Role.choices),
                "dpia_status": _index((code, (code, label)) for code, label in DpiaStatus.choices),
            },
            existing=frozenset(controller.activities.values_list("number", flat=True)),
            slug=controller.slug,
        )


def _normalise(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _index(entries: Iterable[tuple[Any, Sequence[str]]]) -> dict[str, Any]:
    """Normalised name → value; a name that two different values share is marked ambiguous."""
    index: dict[str, Any] = {}
    for value, names in entries:
        for name in {_normalise(n) for n in names if n}:
            index[name] = value if index.get(name, value) == value else AMBIGUOUS
    return index


def map_headers(headers: Sequence[object]) -> list[str]:
    """For each header of a file, the key of the column it holds, or "" for none.

    A header matches a column by its text or its key, ignoring case, spacing and underscores; each column is taken
    by the first header that names it.
    """
    known: dict[str, str] = {}
    for column in IMPORT_COLUMNS:
        known.setdefault(_header_name(column.header), column.key)
        known.setdefault(_header_name(column.key), column.key)
    mapping: list[str] = []
    for header in headers:
        key = known.get(_header_name(header), "")
        mapping.append("" if key in mapping else key)
    return mapping


def _header_name(text: object) -> str:
    return _normalise(str(text or "").replace("_", " "))


def mapping_problems(mapping: Sequence[str]) -> list[str]:
    """Why a column mapping cannot be used; empty when it can."""
    problems = []
    chosen = [key for key in mapping if key]
    for key in dict.fromkeys(k for k in chosen if chosen.count(k) > 1):
        problems.append(_("‘%(column)s’ is aan meer dan één kolom gekoppeld.") % {"column": COLUMN_BY_KEY[key].header})
    for key in REQUIRED:
        if key not in chosen:
            problems.append(_("Geen kolom is gekoppeld aan ‘%(column)s’; die is verplicht.") % _named(key))
    if "vertrouwelijk_tot" in chosen and "vertrouwelijk" not in chosen:
        problems.append(
            _("‘%(until)s’ kan alleen samen met ‘%(flag)s’ worden ingelezen.")
            % {"until": COLUMN_BY_KEY["vertrouwelijk_tot"].header, "flag": COLUMN_BY_KEY["vertrouwelijk"].header}
        )
    return problems


def _named(key: str) -> dict[str, Any]:
    return {"column": COLUMN_BY_KEY[key].header}


@contextmanager
def open_sheet(path: Path):
    """The first worksheet of the file, read-only and streamed; UploadRefused when it is not a spreadsheet."""
    with path.open("rb") as handle:
        signature = handle.read(4)
    if signature == OLD_EXCEL_SIGNATURE:
        raise UploadRefused(_("Dit is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx en probeer opnieuw."))
    if signature != ZIP_SIGNATURE:
        raise UploadRefused(_("Dit is geen Excel-bestand (.xlsx)."))
    try:
        workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (*READ_ERRORS, InvalidFileException) as error:
        raise UploadRefused(_("Dit is geen Excel-bestand (.xlsx), of het is beschadigd.")) from error
    try:
        if not workbook.worksheets:
            raise UploadRefused(_("Het bestand bevat geen werkblad."))
        yield workbook.worksheets[0]
    finally:
        workbook.close()


def _unreadable() -> UploadRefused:
    return UploadRefused(_("Het bestand kon niet helemaal worden gelezen; het is mogelijk beschadigd."))


def inspect(path: Path) -> Preview:
    """The header row and the first rows; refuses a file without usable headers."""
    with open_sheet(path) as sheet:
        try:
            rows = [
                [_text(v) for v in row]
                for row in sheet.iter_rows(max_row=1 + SAMPLE_ROWS, max_col=MAX_COLUMNS + 1, values_only=True)
            ]
        except READ_ERRORS as error:
            raise _unreadable() from error
    headers = rows[0] if rows else []
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise UploadRefused(_("De eerste rij van het eerste werkblad bevat geen kolomnamen."))
    if len(headers) > MAX_COLUMNS:
        raise UploadRefused(_("Het bestand heeft meer dan %(n)s kolommen.") % {"n": MAX_COLUMNS})
    return Preview(headers=headers, sample=[row[: len(headers)] for row in rows[1:]])


def read(
    path: Path,
    mapping: Sequence[str],
    lookup: Lookup,
    report: Report,
    *,
    progress: Callable[[int], object] | None = None,
    every: int = 1000,
) -> Iterator[ImportRow]:
    """The rows of the file, parsed and checked, in order; every problem goes into `report`.

    After the first problem nothing more is yielded, and once the whole file is read ImportRefused is raised, so
    that a write consuming these rows rolls back and the report lists every problem of the file.
    """
    first_row_of: dict[int, int] = {}
    try:
        with open_sheet(path) as sheet:
            for number, cells in enumerate(_data_rows(sheet, len(mapping)), start=2):
                result = parse_row(number, cells, mapping, lookup)
                if result is None:
                    continue
                report.read += 1
                if report.read > settings.REGISTER_IMPORT_MAX_ROWS:
                    limit = number_format(settings.REGISTER_IMPORT_MAX_ROWS, force_grouping=True)
                    report.add([RowProblem(None, _("Het bestand heeft meer dan %(n)s rijen.") % {"n": limit})])
                    break
                if progress is not None and report.read % every == 0:
                    progress(report.read)
                if isinstance(result, ImportRow) and result.reference is not None:
                    first = first_row_of.setdefault(result.reference, number)
                    if first != number:
                        result = [_duplicate(number, result.reference, first)]
                if isinstance(result, list):
                    report.add(result)
                    continue
                report.valid += 1
                if result.reference in lookup.existing:
                    report.updates += 1
                else:
                    report.new += 1
                if report.ok:
                    yield result
    except UploadRefused as refusal:
        report.add([RowProblem(None, str(refusal))])
    if report.ok and not report.read:
        report.add([RowProblem(None, _("Het bestand bevat geen verwerkingen: onder de kolomnamen staan geen rijen."))])
    if not report.ok:
        raise ImportRefused(report)


def _data_rows(sheet, width: int) -> Iterator[Sequence[Any]]:
    """The rows below the header, `width` cells each; a file that breaks off midway is refused."""
    rows = sheet.iter_rows(min_row=2, max_col=width)
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except READ_ERRORS as error:
            raise _unreadable() from error
        yield cells


def check(path: Path, mapping: Sequence[str], lookup: Lookup, **options) -> Report:
    """Read and check every row without writing anything."""
    report = Report()
    with suppress(ImportRefused):
        for _row in read(path, mapping, lookup, report, **options):
            pass
    return report


def _duplicate(number: int, reference: int, first: int) -> RowProblem:
    return RowProblem(number, _("Kenmerk VA-%(ref)04d staat ook in rij %(row)s.") % {"ref": reference, "row": first})


def parse_row(number: int, cells: Sequence[Any], mapping: Sequence[str], lookup: Lookup):
    """One row → an ImportRow, a list of RowProblems, or None for an empty row."""
    raw = {key: cells[i] if i < len(cells) else None for i, key in enumerate(mapping) if key}
    if all(cell is None or _text(cell.value) == "" for cell in raw.values()):
        return None
    problems: list[RowProblem] = []
    fields: dict[str, Any] = {}
    reference, uri = None, ""
    for key, cell in raw.items():
        column = COLUMN_BY_KEY[key]
        value = None if cell is None else cell.value
        if _is_formula(cell):
            problems.append(RowProblem(number, _formula(column)))
            continue
        try:
            if key == KENMERK:
                reference = _reference(value)
            elif key == URI:
                uri = _text(value)
            else:
                fields[column.field] = _value(column, value, lookup)
        except ValueError as error:
            problems.append(RowProblem(number, f"{column.header}: {error}"))
    for key in REQUIRED:
        name = COLUMN_BY_KEY[key].field
        if name in fields and not fields[name]:
            problems.append(RowProblem(number, _("‘%(column)s’ is leeg; dat veld is verplicht.") % _named(key)))
    if fields.get("confidential_until") and not fields.get("confidential"):
        problems.append(RowProblem(number, _("Een einddatum hoort alleen bij een vertrouwelijke verwerking.")))
    from_elsewhere = bool(uri) and not uri.startswith(f"urn:doelbinding:{lookup.slug}:")
    if reference is not None and reference not in lookup.existing and not from_elsewhere:
        problems.append(
            RowProblem(
                number,
                _(
                    "Kenmerk VA-%(ref)04d bestaat niet in het register van deze gemeente. Maak het kenmerk leeg om "
                    "de rij als nieuwe verwerking in te lezen."
                )
                % {"ref": reference},
            )
        )
    elif reference in lookup.existing and from_elsewhere:
        problems.append(
            RowProblem(
                number,
                _(
                    "Deze rij komt uit het register van een andere gemeente, maar het kenmerk bestaat ook hier. "
                    "Maak het kenmerk leeg om haar als nieuwe verwerking in te lezen."
                ),
            )
        )
    return problems or ImportRow(number, reference, fields)


def _is_formula(cell) -> bool:
    if cell is None:
        return False
    return cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))


def _formula(column: Column) -> str:
    message = _("%(column)s: bevat een formule. Alleen waarden worden ingelezen; plak de waarden in plaats daarvan.")
    return message % {"column": column.header}


def _text(value: object) -> str:
    """A cell as text, the way a person reads it; line endings normalised, surrounding space removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime | date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _reference(value: object) -> int | None:
    text = _text(value)
    if not text:
        return None
    match = REFERENCE.fullmatch(text)
    if match is None or int(match[1]) == 0:
        raise ValueError(
            _("‘%(value)s’ heeft niet de vorm VA-0001. Laat het leeg voor een nieuwe verwerking.") % {"value": text}
        )
    return int(match[1])


def _value(column: Column, value: object, lookup: Lookup) -> Any:
    """The model value of one cell; ValueError with a Dutch message when it cannot be one."""
    assert column.field is not None
    model_field = ActivityVersion._meta.get_field(column.field)
    if isinstance(model_field, models.BooleanField):
        return _boolean(value)
    if isinstance(model_field, models.DateField):
        return _date(value)
    text = _text(value)
    if model_field.many_to_many:
        return _many(text, lookup.options[column.field])
    if column.field in lookup.options:
        return _one(text, lookup.options[column.field]) if text else model_field.get_default()
    limit = getattr(model_field, "max_length", None) or MAX_TEXT
    if len(text) > limit:
        raise ValueError(_("de tekst is te lang (%(n)s tekens, hoogstens %(max)s).") % {"n": len(text), "max": limit})
    return text


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _normalise(_text(value))
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(_("‘%(value)s’ is geen ja of nee.") % {"value": _text(value)})


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in DATE_FORMATS:
        with suppress(ValueError):
            return datetime.strptime(text, pattern).date()
    raise ValueError(_("‘%(value)s’ is geen datum; schrijf de datum als dd-mm-jjjj.") % {"value": text})


def _one(text: str, options: dict[str, Any]) -> Any:
    return _many(text, options, separator=None)[0]


def _many(text: str, options: dict[str, Any], separator: re.Pattern | None = SEPARATOR) -> list[Any]:
    """The values the text names, one per line or `;` (or the whole text when `separator` is None)."""
    parts = [text] if separator is None else [part.strip() for part in separator.split(text)]
    found, unknown, ambiguous = [], [], []
    for part in dict.fromkeys(part for part in parts if part):
        value = options.get(_normalise(part))
        if value is None:
            unknown.append(part)
        elif value is AMBIGUOUS:
            ambiguous.append(part)
        elif value not in found:
            found.append(value)
    problems = []
    if unknown:
        problems.append(
            ngettext(
                "‘%(values)s’ is onbekend; gebruik de code of de naam.",
                "‘%(values)s’ zijn onbekend; gebruik de code of de naam.",
                len(unknown),
            )
            % {"values": "’, ‘".join(unknown)}
        )
    if ambiguous:
        problems.append(
            _("‘%(values)s’ past bij meer dan één mogelijkheid; gebruik de code.") % {"values": "’, ‘".join(ambiguous)}
        )
    if problems:
        raise ValueError(" ".join(problems))
    return found


def how_to_fill(column: Column) -> str:
    """How to fill in a column for the import, for the explanation sheet of the export."""
    if column.key == KENMERK:
        return _(
            "Leeg voor een nieuwe verwerking. Met het kenmerk van een bestaande verwerking van deze gemeente wordt "
            "die bijgewerkt, als nieuw concept."
        )
    if column.key == URI:
        return _("Wordt bij inlezen alleen gebruikt om rijen uit het register van een andere gemeente te herkennen.")
    if column.field is None:
        return _("Alleen ter informatie; wordt bij inlezen niet gebruikt.")
    model_field = ActivityVersion._meta.get_field(column.field)
    if model_field.many_to_many:
        hint = _("Eén per regel (of gescheiden door ;): de code of de naam uit de bibliotheek.")
    elif isinstance(model_field, models.BooleanField):
        hint = _("ja of nee.")
    elif isinstance(model_field, models.DateField):
        hint = _("Datum als dd-mm-jjjj, of leeg.")
    elif model_field.is_relation or model_field.choices or column.field == "domain":
        hint = _("De code of de naam, of leeg.")
    else:
        hint = _("Tekst, hoogstens %(n)s tekens.") % {"n": getattr(model_field, "max_length", None) or MAX_TEXT}
    return f"{hint} {_('Verplicht.')}" if column.key in REQUIRED else hint
