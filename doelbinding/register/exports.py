"""The register as a file: for staff as XLSX (with an explanation sheet), CSV and PDF with every column of
`STAFF_COLUMNS`; and the streamed CSV that the open-data register shares."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from datetime import date
from typing import IO

import structlog
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from doelbinding.register import selectors, spreadsheet
from doelbinding.register.columns import STAFF_COLUMNS, Column, rows
from doelbinding.register.models import ActivityVersion

log = structlog.get_logger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDE = {"naam", "doeleinden", "uitleg", "toelichting_grondslag", "beveiliging", "verenigbaarheidstoets"}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
# What the columns without a field of their own hold; field columns explain themselves by their help text.
DESCRIPTIONS = {
    "kenmerk": gettext_lazy("Vast kenmerk van de verwerking binnen de gemeente."),
    "versie": gettext_lazy("De versie in deze rij: het concept als dat er is, anders de vastgestelde versie."),
    "uri": gettext_lazy("Blijvende, citeerbare id van deze versie; het logboek verwijst ernaar."),
    "verwerkingsverantwoordelijke": gettext_lazy("AVG art. 30 lid 1 sub a: wie de verwerking verantwoordt."),
    "functionaris_gegevensbescherming": gettext_lazy("AVG art. 30 lid 1 sub a: hoe de FG te bereiken is."),
    "status": gettext_lazy("Concept of Vastgesteld."),
}


class _Echo:
    def write(self, value):
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection, OWASP)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_response(table: Iterable[dict[str, str]], columns: list[Column], filename: str) -> StreamingHttpResponse:
    """Semicolon-separated with a byte-order mark, so that Excel opens it in UTF-8; streamed row by row."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow([str(c.header) for c in columns])
        for row in table:
            yield writer.writerow([_inert(row[c.key]) for c in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def filename(controller, today: date, extension: str) -> str:
    return f"verwerkingsregister-{controller.slug}-{today.isoformat()}.{extension}"


def staff_table(controller, versions: list[ActivityVersion] | None = None) -> Iterable[dict[str, str]]:
    """The current version of every activity, as rows of STAFF_COLUMNS; log the export."""
    if versions is None:
        versions = selectors.current_versions(controller)
    log.info("register_exported", controller=str(controller.uuid), activities=len(versions))
    return rows(versions, selectors.fg_contact(controller), STAFF_COLUMNS)


def xlsx(controller, today: date) -> IO[bytes]:
    """A workbook with the register (one header row, one row per activity) and a sheet explaining the columns.

    Written in openpyxl's write-only mode, which streams rows to disk, into a temporary file for the response.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Verwerkingsregister"))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(STAFF_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 50 if column.key in WIDE else 24
    sheet.append([_cell(sheet, str(c.header), bold=True) for c in STAFF_COLUMNS])
    for row in staff_table(controller):
        sheet.append([_cell(sheet, row[c.key]) for c in STAFF_COLUMNS])
    _explanation(workbook.create_sheet(_("Toelichting")), controller, today)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def _explanation(sheet, controller, today: date) -> None:
    for letter, width in zip("ABCD", (40, 30, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    title = _("Verwerkingsregister %(name)s, peildatum %(date)s") % {
        "name": controller.name,
        "date": today.strftime("%d-%m-%Y"),
    }
    sheet.append([_cell(sheet, title, bold=True)])
    sheet.append(
        [
            _cell(
                sheet,
                _(
                    "Het blad ‘Verwerkingsregister’ heeft één rij per verwerking. Na bewerken kunt u het bestand "
                    "weer inlezen via Verwerkingsregister › Inlezen uit Excel; de laatste kolom hieronder zegt hoe "
                    "u elke kolom dan invult."
                ),
            )
        ]
    )
    sheet.append([])
    sheet.append([_cell(sheet, h, bold=True) for h in (_("Kolom"), _("Sleutel"), _("Inhoud"), _("Invullen"))])
    for column in STAFF_COLUMNS:
        sheet.append(
            [
                _cell(sheet, str(column.header)),
                _cell(sheet, column.key),
                _cell(sheet, _description(column)),
                _cell(sheet, spreadsheet.how_to_fill(column)),
            ]
        )


def _description(column: Column) -> str:
    if column.field is None:
        return str(DESCRIPTIONS[column.key])
    return str(ActivityVersion._meta.get_field(column.field).help_text)


def _cell(sheet, value: str, *, bold: bool = False) -> WriteOnlyCell | None:
    if not value:
        return None
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # text stays text: a value starting with "=" must not become a formula
    cell.alignment = WRAP
    if bold:
        cell.font = BOLD
    return cell


def pdf(controller, today: date) -> bytes:
    """An A4 landscape document: a title page with the contents, then every activity with all its fields."""
    from weasyprint import HTML  # imported here: it loads Pango, which only this export needs
    from weasyprint.urls import URLFetcher

    versions = selectors.current_versions(controller)
    activities = [
        (version, [(str(c.header), row[c.key]) for c in STAFF_COLUMNS if c.key not in {"kenmerk", "naam"}])
        for version, row in zip(versions, staff_table(controller, versions), strict=True)
    ]
    html = render_to_string(
        "register/pdf/register.html", {"controller": controller, "today": today, "activities": activities}
    )
    # The document is built from the template alone: nothing may be fetched, whatever a field contains.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
