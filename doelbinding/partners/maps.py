"""The stakeholder map of seed 000 §4.2–4.3: a municipality's partners as one SVG picture (pure layout, no database).

Layout. The municipality sits on top, joined by connector lines to one column per way of working together
(seed 000 §4.3), in the order of `collaboration_labels`; each column heading carries the Dutch label and a count.
Inside a column the partners are grouped by domain, in the order of `domain_names`: a partner with one domain
stands under that domain; a partner with several under "Meerdere domeinen", with its domains as small labels in its
box, so that it appears exactly once and no single domain silently claims it; a partner without domains under
"Alle domeinen / domeinoverstijgend". A box shows the name (wrapped to two lines, then cut with "…") and the kind as
text; its <title> holds the full name, kind and domains.

Accessibility. Colour only repeats what the text says (each column has an accent); every text colour has a contrast
of at least 4.5:1 on its background, box borders at least 3:1. With `links` (the default) every box is a link to the
partner page and the root is a `figure`: ARIA makes the children of an `img` presentational, so links inside an
`img` would be hidden from assistive technology and fail axe's nested-interactive rule. Without `links` the picture
is a plain `img` whose <desc> lists every partner. There are no font metrics here: text widths are estimated
generously for Arial-metric fonts. Everything is stacked top to bottom, so the height grows with the partners and
boxes cannot overlap.
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

INK, MUTED, WHITE, NAVY = "#1a1a1a", "#4a5766", "#ffffff", "#1c3a5e"  # text
PANEL, BORDER, CHIP_BG = "#f2f5f8", "#6b7a8c", "#e4ebf3"  # surfaces
ACCENTS = ("#1d4e89", "#2e6b30", "#8a3b12")  # column headings, under white text
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
EM, EM_BOLD = 0.55, 0.6  # estimated glyph width per unit of font size; Arial averages 0.48 (0.51 bold)
MARGIN, COL_W, GAP, PAD = 24, 340, 24, 12
BOX_W = COL_W - 2 * PAD
TEXT_W = BOX_W - 28  # inside a box: 16 left (after the accent stripe), 12 right
TITLE_ID, DESC_ID = "stakeholder-map-title", "stakeholder-map-desc"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class MapPartner:
    name: str
    kind_label: str
    collaboration: str
    domains: tuple[str, ...]
    url: str

    def __post_init__(self) -> None:
        if not self.url.startswith(("/", "https://", "http://")):
            raise ValueError(f"A partner link must be a path or an http(s) address, not {self.url!r}.")


def _clean(text: object) -> str:
    """Drop what XML 1.0 cannot carry at all; ElementTree escapes the rest (&, <, >, quotes)."""
    return _NOT_XML.sub("", str(text))


def _num(value: float) -> str:
    return str(round(value, 1)).removesuffix(".0")


def _wrap(text: str, size: int, width: float, max_lines: int = 1, *, bold: bool = False) -> list[str]:
    limit = max(2, int(width / (size * (EM_BOLD if bold else EM))))
    return textwrap.wrap(text, limit, max_lines=max_lines, placeholder="…") or [""]


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: float | str) -> ET.Element:
    """A child element; `font_size=` becomes `font-size`, `class_=` becomes `class`; numbers are rounded."""
    names = {key: key.rstrip("_").replace("_", "-") for key in attrs}
    values = {names[k]: v if isinstance(v, str) else _num(v) for k, v in attrs.items()}
    element = ET.SubElement(parent, tag, values)
    element.text = text
    return element


def _text(parent: ET.Element, x: float, y: float, text: str, size: int, fill: str, **attrs: str) -> None:
    _el(parent, "text", text, x=x, y=y, font_size=size, fill=fill, **attrs)


def _box(parent: ET.Element, x: float, y: float, lines: list[str], kind: str, chips: list[str], accent: str) -> float:
    """One partner box with its top left at (x, y); returns its height."""
    box = _el(parent, "rect", class_="partner-box", x=x, y=y, width=BOX_W, rx=6, fill=WHITE, stroke=BORDER)
    stripe = _el(parent, "rect", x=x, y=y, width=5, fill=accent)
    left, cursor = x + 16, y + 8
    for line in lines:
        _text(parent, left, cursor + 15, line, 15, INK, font_weight="bold")
        cursor += 20
    _text(parent, left, cursor + 14, _wrap(kind, 13, TEXT_W)[0], 13, MUTED)
    cursor += 20
    chip_x = left
    for n, chip in enumerate(_wrap(c, 12, TEXT_W - 16)[0] for c in chips):
        chip_w = len(chip) * 12 * EM + 16
        if n == 0 or chip_x + chip_w > left + TEXT_W:
            chip_x, cursor = left, cursor + (4 if n == 0 else 24)
        _el(parent, "rect", class_="chip", x=chip_x, y=cursor, width=chip_w, height=20, rx=10, fill=CHIP_BG)
        _text(parent, chip_x + chip_w / 2, cursor + 14, chip, 12, NAVY, text_anchor="middle")
        chip_x += chip_w + 6
    height = cursor + (28 if chips else 6) - y
    for rect in (box, stripe):
        rect.set("height", _num(height))
    return height


def stakeholder_map(
    municipality: str,
    partners: Iterable[MapPartner],
    *,
    domain_names: dict[str, str],
    collaboration_labels: dict[str, str],
    links: bool = True,
) -> str:
    """The complete SVG document (without XML declaration) of `municipality`'s partners; see the module docstring."""
    municipality, partners = _clean(municipality), list(partners)
    columns = list(collaboration_labels) + sorted({p.collaboration for p in partners} - set(collaboration_labels))
    domain_order = {code: i for i, code in enumerate(domain_names)}

    def label(code: str) -> str:
        return _clean(domain_names.get(code, code))

    def domains(partner: MapPartner) -> list[str]:
        return sorted(set(partner.domains), key=lambda code: (domain_order.get(code, len(domain_order)), code))

    def group(partner: MapPartner) -> tuple[int, int, str]:
        codes = domains(partner)
        if len(codes) == 1:
            return (0, domain_order.get(codes[0], len(domain_order)), label(codes[0]))
        return (1, 0, _("Meerdere domeinen")) if codes else (2, 0, _("Alle domeinen / domeinoverstijgend"))

    width = 2 * MARGIN + len(columns) * COL_W + (len(columns) - 1) * GAP
    svg = ET.Element("svg", xmlns="http://www.w3.org/2000/svg", role="figure" if links else "img")
    svg.set("aria-labelledby", f"{TITLE_ID} {DESC_ID}")
    svg.set("font-family", FONT)
    title = _("Stakeholderkaart sociaal domein van %(municipality)s") % {"municipality": municipality}
    _el(svg, "title", title, id=TITLE_ID)
    desc = _el(svg, "desc", id=DESC_ID)
    background = _el(svg, "rect", x=0, y=0, width=width, fill=WHITE)

    # The municipality on top, connected to the columns like an organisation chart.
    centre, muni_w = width / 2, min(width - 2 * MARGIN, 440)
    _el(svg, "rect", x=centre - muni_w / 2, y=MARGIN, width=muni_w, height=64, rx=8, fill=NAVY)
    name = _wrap(municipality, 20, muni_w - 24, bold=True)[0]
    _text(svg, centre, MARGIN + 28, name, 20, WHITE, font_weight="bold", text_anchor="middle")
    _text(svg, centre, MARGIN + 50, _("Samenwerkingspartners in het sociaal domein"), 13, WHITE, text_anchor="middle")
    col_x = [MARGIN + i * (COL_W + GAP) for i in range(len(columns))]
    headings = [_clean(collaboration_labels.get(code, code)) for code in columns]
    heading_lines = [_wrap(heading, 15, COL_W - 2 * PAD, 2, bold=True) for heading in headings]
    bus, head_top, head_h = MARGIN + 84, MARGIN + 104, 40 + 20 * max(map(len, heading_lines))
    body_top = head_top + head_h
    connectors = [(centre, MARGIN + 64, centre, bus), (col_x[0] + COL_W / 2, bus, col_x[-1] + COL_W / 2, bus)]
    connectors += [(x + COL_W / 2, bus, x + COL_W / 2, head_top) for x in col_x]
    for x1, y1, x2, y2 in connectors:
        _el(svg, "line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=BORDER, stroke_width=2)

    bottoms, panels, summaries = [], [], []
    for index, (code, x) in enumerate(zip(columns, col_x, strict=True)):
        accent = ACCENTS[index % len(ACCENTS)]
        members = sorted((p for p in partners if p.collaboration == code), key=lambda p: (group(p), p.name, p.url))
        column = _el(svg, "g", class_="column", data_collaboration=_clean(code))
        panels.append(_el(column, "rect", x=x, y=body_top - 6, width=COL_W, fill=PANEL, stroke=BORDER))
        _el(column, "rect", x=x, y=head_top, width=COL_W, height=head_h, rx=6, fill=accent)
        for n, line in enumerate(heading_lines[index]):
            _text(column, x + PAD, head_top + 26 + n * 20, line, 15, WHITE, font_weight="bold")
        count = ngettext("%(n)d partner", "%(n)d partners", len(members)) % {"n": len(members)}
        _text(column, x + PAD, head_top + head_h - 12, count, 13, WHITE)
        y: float = body_top + PAD
        current: tuple[int, int, str] | None = None
        listed: list[str] = []
        if not members:
            _text(column, x + PAD, y + 16, _("Geen partners"), 14, MUTED, font_style="italic")
            y += 24
        for partner in members:
            if group(partner) != current:
                current = group(partner)
                size = sum(group(p) == current for p in members)
                for line in _wrap(f"{current[2]} ({size})", 13, BOX_W, 2, bold=True):
                    _text(column, x + PAD, y + 16, line, 13, MUTED, font_weight="bold")
                    y += 18
                y += 8
            name, kind, codes = _clean(partner.name), _clean(partner.kind_label), domains(partner)
            full = " — ".join(filter(None, [name, kind, ", ".join(map(label, codes))]))
            item = _el(column, "a", href=_clean(partner.url)) if links else _el(column, "g")
            _el(item, "title", full)
            lines = _wrap(name, 15, TEXT_W, 2, bold=True)
            y += _box(item, x + PAD, y, lines, kind, [label(c) for c in codes] if len(codes) > 1 else [], accent) + 10
            listed.append(full)
        bottoms.append(y + PAD)
        detail = "" if links or not listed else f" ({'; '.join(listed)})"
        summaries.append(f"{headings[index]}: {count}{detail}.")

    for panel in panels:
        panel.set("height", _num(max(bottoms) - body_top + 6))  # from under the heading's rounded corners
    height = max(bottoms) + MARGIN
    background.set("height", _num(height))
    svg.set("viewBox", f"0 0 {_num(width)} {_num(height)}")
    svg.set("width", _num(width))
    svg.set("height", _num(height))
    desc.text = " ".join([title + ".", *summaries])
    return ET.tostring(svg, encoding="unicode")
