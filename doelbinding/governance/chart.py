"""The organisation chart of a municipality's privacy governance (seed 001, bijlage 1: Figuur 2, Tabel 3) as an SVG
picture that stays readable on A4, and as a PDF. Pure layout: no database, no models.

Layout. A role's layer is one below the deepest role it reports to; roles that report to nobody on the chart (the
inhabitants) are on top. A depth-first walk in input order ignores the edge that closes a cycle (that edge is still
drawn, pointing down); relations to roles not on the chart, self-relations and duplicates are left out. Within a
layer roles are ordered by group, then input order, so the municipal line, the team, outsourcing and partners read
as blocks, each on a tinted panel with a caption; a layer wider than six boxes wraps onto more rows. Reports-to
lines have an arrow at the role reported to and run orthogonally through the gaps between rows and boxes, never
through a box: each superior has its own bus per gap, on its own level where buses overlap (in the order with the
fewest crossings), vertical pieces of different buses are kept apart, and a dot marks a junction that would
otherwise read as a crossing. The ~40 informs and advises relations would be unreadable as lines: they are text in
the source's box ("Informeert: IBC, AB"), each target a <tspan>. Every relation is one element with data-relation,
data-source and data-target; every role a <g data-role>. A box shows the name (wrapped, hyphenated in Dutch), the
people in the role (two, then "+ N anderen"), "Vacature" with a dashed border when nobody fills a role people should
fill, its A and R counts from the RASIC matrix and its informs/advises lines; its <title> says all of it in full.

Accessibility. Colour and line style only repeat what the text says; text contrast is at least 4.5:1, borders and
lines at least 3:1. With `links` boxes with a url are links and the root is a `figure` (links inside an `img` are
hidden from assistive technology); without, the root is an `img` whose <desc> lists every role and relation in
Dutch sentences. Text widths are estimated generously for Arial-metric fonts, as in partners/maps.py. Sizes are
chosen so that the reference roles print at 7 pt or more on A4 landscape: `printed_size` computes it.
"""

from __future__ import annotations

import math
import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby, pairwise, permutations

import pyphen
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

INK, MUTED, WHITE, LINE, VACANT = "#1a1a1a", "#4a5766", "#ffffff", "#3d4a5a", "#a4262c"
PANEL, BORDER = "#eef2f6", "#6b7a8c"
GROUPS = ("governing", "municipal", "team", "outsourced", "partners", "own")
ACCENTS = dict(zip(GROUPS, ("#1c3a5e", "#1d4e89", "#2e6b30", "#6b3fa0", "#8a5a00", "#4a5766"), strict=True))
REPORTS_TO, INFORMS, ADVISES = "reports_to", "informs", "advises"
KINDS = (REPORTS_TO, INFORMS, ADVISES)
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
EM, EM_BOLD = 0.55, 0.6  # estimated glyph width per unit of font size; Arial averages 0.48 (0.51 bold)
NAME, SMALL = 13, 12  # font sizes: the role's name, everything else
LEADING = {NAME: 16, SMALL: 14.5}
MARGIN, BOX_W, GAP, GROUP_GAP, PAD, STRIP, PANEL_PAD = 18, 190, 20, 32, 6, 17, 6
TEXT_W = BOX_W - 2 * PAD - 5  # after the group stripe on the left
CAPTION_W = BOX_W / 2 - 8  # a caption ends before the line leaving its first box's top centre
PER_ROW, CH_PAD, TRACK, SEP, LANES, MIN_SEP = 6, 12, 9, 14, (0, -6, 6), 6
PAGE_MM, FIGURE_MM, PT_MM = (277, 190), (277, 172), 25.4 / 72  # A4 landscape minus 10 mm margins; the PDF's figure
ID = "governance-chart"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HYPHENS = pyphen.Pyphen(lang="nl_NL")
Piece = tuple[str, dict[str, str]]  # a bit of text; with attributes it becomes a <tspan>
Line = tuple[int, bool, str, list[Piece]]  # font size, bold, fill, pieces


@dataclass(frozen=True)
class ChartRole:
    code: str
    name: str
    abbreviation: str
    group: str
    people: tuple[str, ...] = ()
    vacant: bool = False
    accountable: int = 0
    responsible: int = 0
    url: str = ""

    def __post_init__(self) -> None:
        if self.url and (not self.url.startswith(("/", "https://", "http://")) or self.url.startswith("//")):
            raise ValueError(f"A role link must be a path or an http(s) address, not {self.url!r}.")

    @property
    def short(self) -> str:
        return _clean(self.abbreviation) or _clean(self.name) or _clean(self.code)

    @property
    def heading(self) -> str:
        """The name, with the abbreviation the boxes refer to unless the name contains it ("College van B&W")."""
        name, short = _clean(self.name), _clean(self.abbreviation)
        if name and short.casefold() not in name.casefold():
            return f"{name} ({short})"
        return name or short or _clean(self.code)


@dataclass(frozen=True)
class ChartRelation:
    kind: str
    source: str
    target: str


def _clean(text: object) -> str:
    """Drop what XML 1.0 cannot carry at all; ElementTree escapes the rest (&, <, >, quotes)."""
    return _NOT_XML.sub("", str(text))


def _num(value: float) -> str:
    return str(round(value, 1)).removesuffix(".0")


def _limit(size: int, width: float, bold: bool = False) -> int:
    return max(2, int(width / (size * (EM_BOLD if bold else EM))))


def _wrap(text: str, size: int, width: float, max_lines: int = 1, *, bold: bool = False) -> list[str]:
    """Wrap at spaces; a word longer than a line is hyphenated at a Dutch hyphenation point (or cut)."""
    limit, words = _limit(size, width, bold), []
    for word in text.split():
        while len(word) > limit:
            head, word = _HYPHENS.wrap(word, limit) or (word[: limit - 1] + "-", word[limit - 1 :])
            words.append(head)
        words.append(word)
    return textwrap.wrap(" ".join(words), limit, max_lines=max_lines, placeholder="…") or [""]


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: float | str) -> ET.Element:
    """A child element; `font_size=` becomes `font-size`, `class_=` becomes `class`; numbers are rounded."""
    names = {key: key.rstrip("_").replace("_", "-") for key in attrs}
    element = ET.SubElement(parent, tag, {names[k]: v if isinstance(v, str) else _num(v) for k, v in attrs.items()})
    element.text = text
    return element


def _text(parent: ET.Element, x: float, y: float, line: Line, **attrs: str) -> None:
    size, bold, fill, pieces = line
    attrs |= {"font_weight": "bold"} if bold else {}
    text = _el(parent, "text", x=x, y=y, font_size=size, fill=fill, **attrs)
    span = None
    for piece, data in pieces:
        if data:
            span = ET.SubElement(text, "tspan", data)
            span.text = piece
        elif span is None:
            text.text = (text.text or "") + piece
        else:
            span.tail = (span.tail or "") + piece


def group_label(group: str, *, short: bool = True) -> str:
    """A block's caption (short enough to fit beside a line leaving a box), or its full name for sentences."""
    labels = {
        "governing": (_("Bestuur"), _("Bestuur")),
        "municipal": (_("Gemeente"), _("Gemeentelijke lijn")),
        "team": (_("Wijkteam"), _("Wijkteam")),
        "outsourced": (_("Uitbesteding"), _("ICT-uitbesteding")),
        "partners": (_("Partners"), _("Deelnemende organisaties")),
        "own": (_("Eigen rollen"), _("Eigen rol van de gemeente")),
    }
    return labels.get(group, (_("Overig"), _("Overig")))[0 if short else 1]


def _verb(kind: str) -> str:
    return {REPORTS_TO: _("Rapporteert aan"), INFORMS: _("Informeert"), ADVISES: _("Adviseert")}[kind]


def _relation_lines(kind: str, source: str, targets: list[ChartRole]) -> list[Line]:
    """'Informeert: IBC, AB, …' wrapped; each target a piece with the relation's data attributes."""
    limit, prefix = _limit(SMALL, TEXT_W), _verb(kind) + ":"
    lines, pieces, used = [], [(prefix, {})], len(prefix)
    for n, target in enumerate(targets):
        label, sep = target.short, "," if n < len(targets) - 1 else ""
        label = label if len(label) < limit else label[: limit - 2] + "…"
        if used + 1 + len(label) + len(sep) > limit:
            lines.append(pieces)
            pieces, used = [], 0
        attrs = {"data-relation": kind, "data-source": _clean(source), "data-target": _clean(target.code)}
        pieces += [(" " if pieces else "", {}), (label, attrs), (sep, {})]
        used += (1 if used else 0) + len(label) + len(sep)
    return [(SMALL, False, MUTED, p) for p in [*lines, pieces]]


def _content(role: ChartRole, outs: dict[str, list[ChartRole]]) -> list[Line]:
    lines: list[Line] = [(NAME, True, INK, [(t, {})]) for t in _wrap(role.heading, NAME, TEXT_W, 3, bold=True)]
    if role.vacant:
        lines.append((SMALL, True, VACANT, [(_("Vacature"), {})]))
    people = [_clean(person) for person in role.people]
    lines += [(SMALL, False, INK, [(_wrap(person, SMALL, TEXT_W)[0], {})]) for person in people[:2]]
    if len(people) > 2:
        more = ngettext("+ %(n)d andere", "+ %(n)d anderen", len(people) - 2) % {"n": len(people) - 2}
        lines.append((SMALL, False, INK, [(more, {})]))
    lines.append((SMALL, False, MUTED, [(f"A: {role.accountable} · R: {role.responsible}", {})]))
    for kind in (INFORMS, ADVISES):
        lines += _relation_lines(kind, role.code, outs[kind]) if outs[kind] else []
    return lines


def _summary(role: ChartRole, related: dict[str, list[ChartRole]]) -> str:
    """Everything about a role in Dutch sentences: its box's <title>, and its part of the <desc>."""
    people = [_clean(person) for person in role.people]
    parts = [f"{role.heading} — {group_label(role.group, short=False)}."]
    parts += [_("Vacature: niemand vervult deze rol.")] if role.vacant else []
    parts += [_("Vervuld door: %(people)s.") % {"people": ", ".join(people)}] if people else []
    counts = {"a": role.accountable, "r": role.responsible}
    parts.append(_("A (keurt goed) bij %(a)d en R (voert uit) bij %(r)d activiteiten.") % counts)
    for kind in (REPORTS_TO, INFORMS, ADVISES):
        if related[kind]:
            parts.append(f"{_verb(kind)}: {', '.join(target.heading for target in related[kind])}.")
    return " ".join(parts)


def _layers(codes: list[str], ups: dict[str, list[str]]) -> dict[str, int]:
    """1 + the deepest layer reported to; an edge back to a role still being walked (a cycle) is ignored."""
    layer: dict[str, int] = {}
    walking: set[str] = set()

    def visit(code: str) -> int:
        if code not in layer:
            walking.add(code)
            layer[code] = max((visit(up) + 1 for up in ups[code] if up not in walking), default=0)
            walking.discard(code)
        return layer[code]

    for code in codes:
        visit(code)
    return layer


def _levels(spans: dict[str, tuple[float, float]], legs: list[tuple[str, float, float]]) -> dict[str, int]:
    """The level of each bus in one gap (0 nearest the row above): buses that overlap get their own level, in the
    order with the fewest crossings of one bus's vertical pieces with another bus."""

    def overlap(a: str, b: str) -> bool:
        return spans[a][0] <= spans[b][1] + SEP and spans[b][0] <= spans[a][1] + SEP

    def placed(order: Sequence[str]) -> dict[str, int]:
        levels: dict[str, int] = {}
        for n, bus in enumerate(order):
            levels[bus] = 1 + max((levels[other] for other in order[:n] if overlap(bus, other)), default=-1)
        return levels

    downs = {(bus, x_in) for bus, x_in, _x in legs}  # pieces from a bus down to the row below
    ups = {(bus, x_out) for bus, _x, x_out in legs}  # and up to the row above

    def cost(order: Sequence[str]) -> tuple[int, int]:
        level = placed(order)
        crossings = sum(
            spans[other][0] < x < spans[other][1] and (level[other] > level[bus]) == down
            for down, pieces in ((True, downs), (False, ups))
            for bus, x in pieces
            for other in order
            if level[other] != level[bus]
        )
        return crossings, max(level.values(), default=0)

    buses = sorted(spans, key=lambda bus: (spans[bus], bus))
    return placed(min(permutations(buses), key=cost) if len(buses) <= 6 else buses)


def chart_svg(roles: Sequence[ChartRole], relations: Sequence[ChartRelation], *, title: str, links: bool = True) -> str:
    """The complete SVG document (without XML declaration); see the module docstring."""
    by_code: dict[str, ChartRole] = {}
    for role in roles:
        by_code.setdefault(role.code, role)
    rels = [
        r
        for r in dict.fromkeys(relations)
        if r.kind in KINDS and r.source != r.target and {r.source, r.target} <= set(by_code)
    ]
    related = {
        c: {k: [by_code[r.target] for r in rels if (r.kind, r.source) == (k, c)] for k in KINDS} for c in by_code
    }
    layer = _layers(list(by_code), {c: [t.code for t in related[c][REPORTS_TO]] for c in by_code})
    order, rank = {c: i for i, c in enumerate(by_code)}, {g: i for i, g in enumerate(GROUPS)}
    bands: list[list[str]] = []
    ranked = sorted(by_code, key=lambda c: (layer[c], rank.get(by_code[c].group, len(GROUPS)), order[c]))
    for members in (list(members) for _depth, members in groupby(ranked, key=layer.get)):
        size = math.ceil(len(members) / math.ceil(len(members) / PER_ROW))
        bands += [members[i : i + size] for i in range(0, len(members), size)]
    band_of = {c: k for k, band in enumerate(bands) for c in band}
    contents = {c: _content(by_code[c], related[c]) for c in by_code}

    xs, row_widths = {}, []
    for band in bands:
        x = 0.0
        for n, code in enumerate(band):
            same = n and by_code[band[n - 1]].group == by_code[code].group
            x += (GAP if same else GROUP_GAP) if n else 0
            xs[code], x = x, x + BOX_W
        row_widths.append(x)
    width = max(row_widths, default=BOX_W) + 2 * MARGIN
    blocks = []  # per row, its runs of one group: (left, right, group)
    for band, row_width in zip(bands, row_widths, strict=True):
        for code in band:
            xs[code] += (width - row_width) / 2
        starts = [n for n, c in enumerate(band) if not n or by_code[band[n - 1]].group != by_code[c].group]
        runs = zip(starts, [*starts[1:], len(band)], strict=True)
        blocks.append([(xs[band[a]], xs[band[b - 1]] + BOX_W, by_code[band[a]].group) for a, b in runs])
    # A row that is one block continuing the single block right above it joins that block's panel, uncaptioned.
    continued = [k > 0 and len(blocks[k]) == 1 and blocks[k] == blocks[k - 1] for k in range(len(bands))]

    def centre(code: str) -> float:
        return xs[code] + BOX_W / 2

    # Vertical line pieces per gap between rows c-1 and c: (x, superior, kind). Pieces of different superiors keep
    # MIN_SEP apart, or one line would seem to run into another; only a box's own outgoing lines may coincide.
    pieces: list[list[tuple[float, str, str]]] = [[] for _band in bands]

    def claim(spots: list[tuple[int, str]], upper: str, options: list[float]) -> float:
        def free(x: float) -> bool:
            clash = (abs(x - ox) < MIN_SEP and ou != upper and (kind, ok) != ("out", "out") for c, kind in spots
                     for ox, ou, ok in pieces[c])  # fmt: skip
            return not any(clash)

        x = next((x for x in options if free(x)), options[0])
        for c, kind in spots:
            pieces[c].append((x, upper, kind))
        return x

    reports = []
    for r in (r for r in rels if r.kind == REPORTS_TO):
        lower, upper = (r.source, r.target) if band_of[r.source] > band_of[r.target] else (r.target, r.source)
        reports.append((r, lower, upper))
        pieces[band_of[lower]].append((centre(lower), upper, "out"))
    entry = {}  # where lines enter a superior's bottom: near its centre, clear of the lines leaving the row below
    for upper in dict.fromkeys(upper for _r, _lower, upper in reports):
        spots = [(band_of[upper] + 1, "in")]
        entry[upper] = claim(spots, upper, [centre(upper) + d for d in (0, -12, 12, -24, 24, -36, 36, -48, 48)])
    lanes: dict[tuple[int, str], float] = {}

    def passage(k: int, upper: str) -> float:
        """Where lines towards `upper` cross row k: in a gap between boxes (or beside the row), nearest `upper`."""
        if (k, upper) not in lanes:
            lefts, aim = [xs[c] for c in bands[k]], entry[upper]
            gaps = [(a + BOX_W + b) / 2 for a, b in pairwise(lefts)]
            options = [(abs(g - aim), abs(d), g + d) for g in gaps for d in LANES]
            left, right = lefts[0] - GAP / 2, lefts[-1] + BOX_W + GAP / 2  # and beside the row, further out
            options += [(abs(x - aim), 0, x) for n in range(40) for x in (left - MIN_SEP * n, right + MIN_SEP * n)]
            options = [x for _d, _o, x in sorted(options) if 2 <= x <= width - 2]
            lanes[k, upper] = claim([(k, "lane"), (k + 1, "lane")], upper, options)
        return lanes[k, upper]

    plans, spans = [], [{} for _band in bands]  # spans[c][upper]: the x extent of upper's bus in the gap above row c
    legs_in: list[list[tuple[str, float, float]]] = [[] for _band in bands]  # (upper, x from below, x going up)
    for r, lower, upper in reports:
        x, legs = centre(lower), []
        for c in range(band_of[lower], band_of[upper], -1):
            x_out = entry[upper] if c - 1 == band_of[upper] else passage(c - 1, upper)
            low, high = spans[c].get(upper, (x, x))
            spans[c][upper] = (min(low, x, x_out), max(high, x, x_out))
            legs_in[c].append((upper, x, x_out))
            legs.append((c, x, x_out))
            x = x_out
        plans.append((r, lower, upper, legs))
    levels = [_levels(spans[c], legs_in[c]) for c in range(len(bands))]

    y, tops, channel_tops = float(MARGIN), [], []
    for k, band in enumerate(bands):
        channel_tops.append(y)
        y += (2 * CH_PAD + TRACK * max(levels[k].values(), default=0)) if k else 0
        strip = 0 if continued[k] else STRIP
        height = 2 * PAD + max(sum(LEADING[line[0]] for line in contents[c]) for c in band)
        tops.append((y, y + strip, height))
        y += strip + height + PANEL_PAD
    total = y + MARGIN if bands else 2 * MARGIN + 40

    svg = ET.Element("svg", xmlns="http://www.w3.org/2000/svg", role="figure" if links else "img")
    for name, value in ("aria-labelledby", f"{ID}-title {ID}-desc"), ("viewBox", f"0 0 {_num(width)} {_num(total)}"):
        svg.set(name, value)
    svg.attrib |= {"width": _num(width), "height": _num(total), "font-family": FONT}
    _el(svg, "title", _clean(title), id=f"{ID}-title")
    summaries = [_summary(by_code[c], related[c]) for c in by_code]
    if links:
        count = ngettext("%(n)d rol", "%(n)d rollen", len(by_code)) % {"n": len(by_code)}
        explanation = _("pijlen wijzen naar de rol waaraan verantwoording wordt afgelegd")
        summaries = [f"{count}; {explanation}; {_('wie informeert of adviseert staat in het vak van de rol')}."]
    _el(svg, "desc", " ".join([_clean(title) + ".", *summaries]), id=f"{ID}-desc")
    arrow = {"viewBox": "0 0 10 10", "refX": 10, "refY": 5, "markerWidth": 7, "markerHeight": 7, "orient": "auto"}
    marker = _el(_el(svg, "defs"), "marker", id=f"{ID}-arrow", **arrow)
    _el(marker, "path", d="M0,0 L10,5 L0,10 z", fill=LINE)
    _el(svg, "rect", x=0, y=0, width=width, height=total, fill=WHITE)
    if not bands:
        _text(svg, MARGIN, MARGIN + 24, (SMALL, False, MUTED, [(_("Nog geen rollen in het organogram."), {})]))

    panel = None
    for k, (strip, top, height) in enumerate(tops):  # a tinted panel with a caption for each block
        if continued[k]:
            panel.set("height", _num(top + height + PANEL_PAD - float(panel.get("y"))))
            continue
        for left, right, group in blocks[k]:
            size = {"width": right - left + 2 * PANEL_PAD, "height": STRIP + height + PANEL_PAD}
            panel = _el(svg, "rect", class_="block", x=left - PANEL_PAD, y=strip, rx=6, fill=PANEL, **size)
            caption = _wrap(group_label(group), SMALL, CAPTION_W, bold=True)[0]
            _text(svg, left, strip + 13, (SMALL, True, MUTED, [(caption, {})]), class_="caption")

    def track(c: int, upper: str) -> float:
        return channel_tops[c] + CH_PAD + TRACK * levels[c][upper]

    paths, verticals = [], []
    for r, lower, upper, legs in plans:
        points = [(centre(lower), tops[band_of[lower]][1])]
        for c, x, x_out in legs:
            points += [(x, track(c, upper)), (x_out, track(c, upper))]
        points.append((entry[upper], tops[band_of[upper]][1] + tops[band_of[upper]][2]))
        points = [p for n, p in enumerate(points) if not n or p != points[n - 1]]
        points = points if r.source == lower else points[::-1]
        verticals += [(a[0], *sorted((a[1], b[1]))) for a, b in pairwise(points) if a[0] == b[0]]
        joins = {(x, track(c, upper)) for c, x, _x in legs if spans[c][upper][0] < spans[c][upper][1]}
        paths.append((r, points, joins))
    connectors = _el(svg, "g", class_="connectors", fill="none", stroke=LINE, stroke_width=1.5)
    for r, points, joins in paths:
        d = " ".join(f"{'L' if n else 'M'}{_num(x)},{_num(y)}" for n, (x, y) in enumerate(points))
        attrs = {"data_relation": r.kind, "data_source": _clean(r.source), "data_target": _clean(r.target)}
        path = _el(connectors, "path", d=d, marker_end=f"url(#{ID}-arrow)", **attrs)
        _el(path, "title", f"{by_code[r.source].heading} {_('rapporteert aan')} {by_code[r.target].heading}")
        for x, y in sorted(joins):  # a junction on a line that goes straight on would read as a crossing
            if any(vx == x and low < y < high for vx, low, high in verticals):
                _el(connectors, "circle", class_="junction", cx=x, cy=y, r=3, fill=LINE, stroke="none")

    for code in by_code:
        role, (_strip, top, height) = by_code[code], tops[band_of[code]]
        group = _el(svg, "g", class_="role", data_role=_clean(code))
        holder = _el(group, "a", href=_clean(role.url)) if links and role.url else group
        _el(holder, "title", _summary(role, related[code]))
        border = {"stroke": VACANT, "stroke_width": 2, "stroke_dasharray": "6 4"} if role.vacant else {}
        border = {"stroke": BORDER, "stroke_width": 1.5, **border, "width": BOX_W, "height": height}
        _el(holder, "rect", class_="role-box", x=xs[code], y=top, rx=4, fill=WHITE, **border)
        _el(holder, "rect", x=xs[code] + 1, y=top + 1, width=5, height=height - 2, fill=ACCENTS.get(role.group, MUTED))
        cursor = top + PAD
        for line in contents[code]:
            _text(holder, xs[code] + PAD + 5, cursor + line[0], line)
            cursor += LEADING[line[0]]
    return ET.tostring(svg, encoding="unicode")


_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
_FONT_SIZE = re.compile(r'font-size="([\d.]+)"')


def printed_size(svg: str, width_mm: float = PAGE_MM[0], height_mm: float = PAGE_MM[1]) -> tuple[float, float, float]:
    """Width and height in mm of `svg` scaled to fit width_mm × height_mm, and its smallest font size in pt then."""
    view_w, view_h = (float(v) for v in _VIEWBOX.search(svg).groups())
    scale = min(width_mm / view_w, height_mm / view_h)
    return view_w * scale, view_h * scale, min(map(float, _FONT_SIZE.findall(svg))) * scale / PT_MM


def chart_document(svg: str, *, title: str, municipality: str, made_on: date):
    """The laid-out WeasyPrint document of `chart_pdf` (its pages and text can be inspected)."""
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDF needs
    from weasyprint.urls import URLFetcher

    width, height, _pt = printed_size(svg, *FIGURE_MM)
    context = {"svg": svg, "title": title, "municipality": municipality, "made_on": made_on}
    html = render_to_string(
        "governance/pdf/chart.html", {**context, "width": f"{width:.1f}mm", "height": f"{height:.1f}mm"}
    )
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).render()


def chart_pdf(svg: str, *, title: str, municipality: str, made_on: date) -> bytes:
    """A4 landscape, on one page: the chart (pass `chart_svg(..., links=False)`) with title, date and legend."""
    return chart_document(svg, title=title, municipality=municipality, made_on=made_on).write_pdf()
