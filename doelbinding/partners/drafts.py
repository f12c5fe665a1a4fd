"""Drafts of a processing agreement (AVG art. 28) and a covenant skeleton, as DOCX and PDF.

The text is the project's own template in reference/drafts.json; `compose` fills it with the agreement, its
parties and the current register versions of the activities it covers. Each article names the clause codes of
reference/clauses.json it arranges, so a test can hold the template to the checklists.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date
from pathlib import Path

import structlog
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from doelbinding.register.models import ActivityVersion
from doelbinding.register.selectors import fg_contact, versions_for, working_version

log = structlog.get_logger(__name__)

REFERENCE = Path(__file__).resolve().parent / "reference" / "drafts.json"
TEMPLATES = json.loads(REFERENCE.read_text(encoding="utf-8"))
DRAFT_KINDS = frozenset(TEMPLATES["drafts"])
# Control characters XML cannot hold (a vertical tab pasted from Word, say); python-docx refuses them.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Party:
    name: str
    role: str
    contact: str
    dpo: str


@dataclass(frozen=True)
class CoveredActivity:
    reference: str
    name: str
    version: int
    data_categories: tuple[str, ...]
    subject_categories: tuple[str, ...]
    retention: str
    security_measures: str


@dataclass(frozen=True)
class Article:
    number: int
    heading: str
    paragraphs: tuple[str, ...]
    covers: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    kind: str
    title: str
    agreement_title: str
    municipality: str
    parties: tuple[Party, ...]  # the municipality first
    purposes: tuple[str, ...]
    preamble: tuple[str, ...]
    articles: tuple[Article, ...]
    activities: tuple[CoveredActivity, ...]
    drafted_on: date
    template_version: str


def _blank() -> str:
    return _("[in te vullen]")


def _reach(name: str, email: str) -> str:
    return ", ".join(part for part in (name, email) if part) or _blank()


def _names(names: list[str]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    if len(names) < 2:
        return "".join(names) or _blank()
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else _blank()


def _covered(version: ActivityVersion) -> CoveredActivity:
    retention = [
        version.retention_period,
        version.retention_start and _("gaat in bij: %s") % version.retention_start,
        version.retention_basis and _("grondslag: %s") % version.retention_basis,
    ]
    return CoveredActivity(
        reference=version.activity.reference,
        name=version.name,
        version=version.version,
        data_categories=tuple(c.name for c in version.data_categories.all()),
        subject_categories=tuple(c.name for c in version.subject_categories.all()),
        retention=", ".join(part for part in retention if part) or _blank(),
        security_measures=version.security_measures or _blank(),
    )


def _current_versions(agreement) -> list[ActivityVersion]:
    """Per covered activity the version one works on (concept, else established), else its newest one."""
    by_activity: dict[int, list[ActivityVersion]] = {}
    covered = versions_for(agreement.controller).filter(activity__agreements=agreement)
    for version in covered.order_by("activity__number", "-version"):
        by_activity.setdefault(version.activity_id, []).append(version)
    return [working_version(versions) or versions[0] for versions in by_activity.values()]


def compose(agreement) -> Draft:
    """The draft of this agreement with every placeholder filled; ValueError for a kind without a draft."""
    if agreement.kind not in DRAFT_KINDS:
        raise ValueError(f"no draft for agreement kind {agreement.kind!r}")
    template = TEMPLATES["drafts"][agreement.kind]
    municipality = agreement.controller.name
    partners = list(agreement.parties.select_related("organisation"))
    values = {
        "gemeente": municipality,
        "verwerker": _names([p.organisation.name for p in partners]),
        "partijen": _names([municipality, *(p.organisation.name for p in partners)]),
        "ingangsdatum": _day(agreement.effective_from),
        "einddatum": _day(agreement.expires_on),
    }
    parties = [
        Party(municipality, template["municipality_role"], _blank(), fg_contact(agreement.controller) or _blank()),
        *(
            Party(
                p.organisation.name,
                p.get_kind_display(),
                _reach(p.contact_name, p.contact_email),
                _reach(p.dpo_name, p.dpo_email),
            )
            for p in partners
        ),
    ]
    articles = [
        Article(
            number,
            article["heading"],
            tuple(text.format_map(values) for text in article["paragraphs"]),
            tuple(article["covers"]),
        )
        for number, article in enumerate(template["articles"], start=1)
    ]
    log.info("agreement_draft_composed", agreement=str(agreement.uuid), kind=agreement.kind)
    return Draft(
        kind=agreement.kind,
        title=template["title"],
        agreement_title=agreement.title,
        municipality=municipality,
        parties=tuple(parties),
        purposes=tuple(line.strip() for line in agreement.purposes.splitlines() if line.strip()),
        preamble=tuple(text.format_map(values) for text in template["preamble"]),
        articles=tuple(articles),
        activities=tuple(_covered(v) for v in _current_versions(agreement)),
        drafted_on=timezone.localdate(),
        template_version=TEMPLATES["version"],
    )


def _activity_rows(activity: CoveredActivity) -> list[tuple[str, str]]:
    return [
        (_("Soorten gegevens"), ", ".join(activity.data_categories) or _blank()),
        (_("Betrokkenen"), ", ".join(activity.subject_categories) or _blank()),
        (_("Bewaartermijn"), activity.retention),
        (_("Beveiligingsmaatregelen"), activity.security_measures),
    ]


def _signature_lines() -> list[str]:
    return [_("Naam"), _("Functie"), _("Plaats en datum"), _("Handtekening")]


def _concept_note(draft: Draft) -> str:
    return _("%(title)s. Concept van %(date)s, opgesteld met model %(version)s van Doelbinding.") % {
        "title": draft.title,
        "date": _day(draft.drafted_on),
        "version": draft.template_version,
    }


def _xml_safe(value):
    """The same value, every string in it without the characters XML cannot hold."""
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    if isinstance(value, tuple):
        return tuple(_xml_safe(item) for item in value)
    if is_dataclass(value):
        return replace(value, **{f.name: _xml_safe(getattr(value, f.name)) for f in fields(value)})
    return value


def as_docx(draft: Draft) -> bytes:
    """A Word document: title, parties table, purposes, numbered articles, signature block and the activities."""
    from docx import Document  # imported here: only the drafts need it
    from docx.shared import Mm, Pt

    draft = _xml_safe(draft)
    document = Document()
    document.core_properties.title = draft.agreement_title
    document.core_properties.language = "nl-NL"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)

    def table(rows: list[list[str]], header: list[str] | None = None) -> None:
        grid = document.add_table(rows=0, cols=len(rows[0]))
        grid.style = "Table Grid"
        if header:
            for cell, text in zip(grid.add_row().cells, header, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell.text = text

    document.add_heading(draft.agreement_title, level=0)
    document.add_paragraph(_concept_note(draft)).runs[0].italic = True
    document.add_heading(_("Partijen"), level=1)
    table(
        [[p.name, p.role, p.contact, p.dpo] for p in draft.parties],
        header=[_("Partij"), _("Rol"), _("Contactpersoon"), _("Functionaris gegevensbescherming")],
    )
    document.add_heading(_("Doelen"), level=1)
    for purpose in draft.purposes:
        document.add_paragraph(purpose, style="List Bullet")
    document.add_heading(_("Overwegingen"), level=1)
    for text in draft.preamble:
        document.add_paragraph(text)
    for article in draft.articles:
        document.add_heading(_("Artikel %(number)s. %(heading)s") % vars(article), level=2)
        for index, text in enumerate(article.paragraphs, start=1):
            clause = document.add_paragraph(f"{article.number}.{index}\t{text}").paragraph_format
            clause.left_indent, clause.first_line_indent = Mm(10), Mm(-10)  # a hanging number
    document.add_heading(_("Ondertekening"), level=1)
    for party in draft.parties:
        document.add_paragraph().add_run(_("Namens %s") % party.name).bold = True
        table([[line, ""] for line in _signature_lines()])
    document.add_page_break()
    document.add_heading(_("Bijlage 1. Verwerkingen, gegevens en maatregelen"), level=1)
    if not draft.activities:
        document.add_paragraph(_("Aan deze afspraak zijn nog geen verwerkingen uit het register gekoppeld."))
    for activity in draft.activities:
        document.add_heading(_("%(reference)s %(name)s (versie %(version)s)") % vars(activity), level=2)
        table([list(row) for row in _activity_rows(activity)])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def as_html(draft: Draft) -> str:
    """The HTML the PDF is made from."""
    return render_to_string(
        "partners/pdf/draft.html",
        {
            "draft": draft,
            "concept_note": _concept_note(draft),
            "activities": [(a, _activity_rows(a)) for a in draft.activities],
            "signature_lines": _signature_lines(),
        },
    )


def as_pdf(draft: Draft) -> bytes:
    """An A4 portrait PDF of the same content as the DOCX."""
    from weasyprint import HTML  # imported here: it loads Pango, which only the documents need
    from weasyprint.urls import URLFetcher

    # Built from the template alone: nothing may be fetched, whatever a field contains.
    return HTML(string=as_html(draft), url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
