"""The RASIC matrix as a PDF for the council and the workshop, and the words both documents (PDF and XLSX) share.

One table must fit an A4 landscape page: the columns carry the short role headers the XLSX uses, with a legend of
the full names. Those headers, how a typed header is recognised again (`role_index`) and the letter meanings live
here so that `spreadsheets` imports them and not the other way round. WeasyPrint renders the template alone and
may fetch nothing (as the other PDFs); it is imported inside `matrix_pdf`, the only place that needs Pango.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from doelbinding.governance.rules import Finding, Level, Matrix, MatrixRole, display

MEANINGS = (  # the letters in our own words (seed 001 §3.2.3, Tabel 1)
    ("R", gettext_lazy("Voert uit"), gettext_lazy("Doet het werk. Minstens één rol per activiteit; meer mag.")),
    ("A", gettext_lazy("Keurt goed"), gettext_lazy("Eindverantwoordelijk: de R legt aan deze rol verantwoording af.")),
    ("S", gettext_lazy("Ondersteunt"), gettext_lazy("Helpt wie uitvoert, met kennis, tijd of middelen.")),
    ("I", gettext_lazy("Wordt geïnformeerd"), gettext_lazy("Hoort achteraf het resultaat, en verandert het niet.")),
    ("C", gettext_lazy("Wordt geraadpleegd"), gettext_lazy("Geeft vooraf advies en kan het resultaat beïnvloeden.")),
    ("R/A", gettext_lazy("Voert uit én keurt goed"), gettext_lazy("Mag, maar niemand anders controleert het.")),
)
RULES = (
    gettext_lazy("Elke activiteit heeft precies één A: één rol keurt goed en beslist."),
    gettext_lazy("Elke activiteit heeft minstens één R: iemand voert haar uit."),
    gettext_lazy("R/A in één vak mag, maar geeft een waarschuwing: niemand anders controleert het resultaat."),
    gettext_lazy("Een matrix die nog niet af is, mag u inlezen; de ontbrekende letters ziet u daarna als bevinding."),
)
LEVELS = {Level.ERROR: gettext_lazy("Fout"), Level.WARNING: gettext_lazy("Waarschuwing")}
AMBIGUOUS = "\0ambiguous"


def heading_key(text: object) -> str:
    """How headers, codes and names are compared: without case, without any whitespace."""
    return "".join(ILLEGAL_CHARACTERS_RE.sub("", str(text or "")).split()).casefold()


def role_index(roles: Sequence[MatrixRole]) -> dict[str, str]:
    """Normalised header text -> role code (or AMBIGUOUS): a code beats an abbreviation, which beats a name."""
    best: dict[str, tuple[int, str]] = {}
    for role in roles:
        forms = [(0, role.code), (1, role.abbreviation), (2, role.name)]
        if role.abbreviation:
            forms += [(3, f"{role.abbreviation} {role.name}"), (3, f"{role.abbreviation} ({role.name})")]
            forms += [(3, f"{role.abbreviation} - {role.name}"), (3, f"{role.abbreviation} – {role.name}")]
        for rank, text in forms:
            key = heading_key(text)
            seen = best.get(key)
            if not key or (seen and seen[0] < rank):
                continue
            best[key] = (rank, AMBIGUOUS if seen and seen[0] == rank and seen[1] != role.code else role.code)
    return {key: code for key, (_rank, code) in best.items()}


def header(role: MatrixRole, index: dict[str, str]) -> str:
    """The column header for a role: its abbreviation (or name), or its code when that would be ambiguous."""
    return role.label if index.get(heading_key(role.label)) == role.code else role.code


def matrix_context(
    matrix: Matrix, *, title: str, municipality: str, made_on: date, findings: Sequence[Finding] = ()
) -> dict:
    index = role_index(matrix.roles)
    names = {activity.code: activity.name for activity in matrix.activities}
    labels = {role.code: role.label for role in matrix.roles}
    return {
        "title": title,
        "municipality": municipality,
        "made_on": made_on,
        "roles": [(header(role, index), role) for role in matrix.roles],
        "rows": [
            (activity, [display(matrix.value(activity.code, role.code)) for role in matrix.roles])
            for activity in matrix.activities
        ],
        "meanings": MEANINGS,
        "rules": RULES,
        "findings": [
            {
                "level": LEVELS[finding.level],
                "error": finding.level == Level.ERROR,
                "activity": names.get(finding.activity or "", finding.activity or ""),
                "role": labels.get(finding.role or "", finding.role or ""),
                "message": finding.message,
            }
            for finding in findings
        ],
    }


def matrix_pdf(
    matrix: Matrix, *, title: str, municipality: str, made_on: date, findings: Sequence[Finding] = ()
) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDF needs
    from weasyprint.urls import URLFetcher

    context = matrix_context(matrix, title=title, municipality=municipality, made_on=made_on, findings=findings)
    html = render_to_string("governance/pdf/matrix.html", context)
    # The document is built from the template alone: nothing may be fetched, whatever a name contains.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
