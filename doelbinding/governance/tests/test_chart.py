"""The organisation chart: every role and relation once and machine-identifiable, lines that join the right boxes and
cross no others, no overlaps for any input (cycles and dangling relations included), escaping, accessibility,
readability on A4, and the PDF."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doelbinding.governance import reference
from doelbinding.governance.chart import (
    FIGURE_MM,
    ChartRelation,
    ChartRole,
    chart_document,
    chart_pdf,
    chart_svg,
    printed_size,
)

SVG = "{http://www.w3.org/2000/svg}"
EM, EM_BOLD = 0.55, 0.6  # glyph width per unit of font size that text must fit at (Arial averages 0.48, bold 0.51)
KINDS = ("reports_to", "informs", "advises")
PEOPLE = {  # realistic staffing of the reference roles; complaints coordinator and privacy lead are left vacant
    "college": ("Burgemeester J. de Vries",),
    "fg": ("Mr. drs. Annelies van der Berg-Vermeulen",),
    "ciso": ("Peter Jansen",),
    "application_manager": ("Sanne de Wit", "Ahmed Bouali"),
    "head_of_social_domain": ("Marloes Hendriks",),
    "contact_centre": tuple(f"Medewerker klantcontact {i}" for i in range(1, 7)),
    "team_lead": ("Jeroen Bakker",),
    "social_worker": tuple(f"Sociaal werker {name}" for name in "ABCDEFGHIJKL"),  # 12 social workers
    "regisseur": ("Fatima El Amrani", "Kees Visser", "Ingrid Mulder"),
    "admin_support": ("Yvonne Smit",),
    "volunteer": tuple(f"Vrijwilliger {i}" for i in range(1, 9)),
    "ict_supplier": ("Centric Netherlands B.V.", "PinkRoccade Local Government"),
    "chain_partner": (
        "Politie eenheid Midden-Nederland",
        "GGD regio Utrecht",
        "Woningcorporatie Mitros",
        "Veilig Thuis",
    ),
    "core_partner": ("Stichting Welzijn Voorbeeld", "MEE Utrecht"),
    "privacy_officer": ("Lotte Meijer",),
}


def reference_roles(links: bool = True) -> list[ChartRole]:
    return [
        ChartRole(
            r.code,
            r.name,
            r.abbreviation,
            r.group,
            PEOPLE.get(r.code, ()),
            vacant=r.staffed and not PEOPLE.get(r.code),
            accountable=n % 4,
            responsible=n % 7,
            url=f"/governance/rollen/{n}/" if links else "",
        )
        for n, r in enumerate(reference.roles())
    ]


def reference_relations() -> list[ChartRelation]:
    return [ChartRelation(kind, r.code, t) for r in reference.roles() for kind in KINDS for t in getattr(r, kind)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, the very thing under test)


def render(roles, relations, **options) -> ET.Element:
    return parse(chart_svg(roles, relations, title=options.pop("title", "Organogram Gemeente Voorbeeld"), **options))


def role(code: str, group: str = "municipal", **fields) -> ChartRole:
    return ChartRole(code, fields.pop("name", f"Rol {code}"), fields.pop("abbreviation", code.upper()), group, **fields)


def rel(kind: str, source: str, target: str) -> ChartRelation:
    return ChartRelation(kind, source, target)


def rect(element: ET.Element) -> tuple[float, float, float, float]:
    return tuple(float(element.get(a)) for a in ("x", "y", "width", "height"))


def overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def inside(inner, outer) -> bool:
    x, y, width, height = outer
    return x <= inner[0] <= x + width - inner[2] and y <= inner[1] <= y + height - inner[3]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def texts(element: ET.Element) -> list[str]:
    return [text_of(t) for t in element.iter(f"{SVG}text")]


def role_groups(root: ET.Element) -> dict[str, ET.Element]:
    groups = [g for g in root.iter(f"{SVG}g") if g.get("data-role") is not None]
    found = {g.get("data-role"): g for g in groups}
    assert len(found) == len(groups), "a role is drawn twice"
    return found


def boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    return {code: rect(g.find(f".//{SVG}rect[@class='role-box']")) for code, g in role_groups(root).items()}


def points(path: ET.Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+),([-\d.]+)", path.get("d"))]


def segments(path: ET.Element):
    return list(zip(points(path), points(path)[1:], strict=False))


def on_edge(point, box, edge: str) -> bool:
    x, y, width, height = box
    return x < point[0] < x + width and abs(point[1] - (y if edge == "top" else y + height)) < 0.01


def enters(segment, box) -> bool:
    """Whether an axis-parallel segment passes through the inside of a box (touching its edge is fine)."""
    (x1, y1), (x2, y2) = segment
    bx, by, width, height = box
    if x1 == x2:
        return bx < x1 < bx + width and max(min(y1, y2), by) < min(max(y1, y2), by + height)
    return by < y1 < by + height and max(min(x1, x2), bx) < min(max(x1, x2), bx + width)


def relation_elements(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("data-relation") is not None]


def drawn(root: ET.Element) -> list[tuple[str, str, str]]:
    return [(e.get("data-relation"), e.get("data-source"), e.get("data-target")) for e in relation_elements(root)]


def expected(roles, relations) -> set[tuple[str, str, str]]:
    codes = {r.code for r in roles}
    return {
        (r.kind, r.source, r.target)
        for r in relations
        if r.kind in KINDS and r.source != r.target and r.source in codes and r.target in codes
    }


def assert_sound(root: ET.Element, roles: list[ChartRole], relations: list[ChartRelation]) -> None:
    """Each role once; each relation once; lines join their own boxes and cross none; nothing overlaps or spills."""
    view = tuple(float(v) for v in root.get("viewBox").split())
    assert view[:2] == (0, 0) and (root.get("width"), root.get("height")) == tuple(root.get("viewBox").split()[2:])
    unique = list({r.code: r for r in reversed(roles)}.values())
    groups, found = role_groups(root), boxes(root)
    assert set(groups) == {r.code for r in unique}
    for r in unique:
        title = groups[r.code].find(f".//{SVG}title").text
        assert title.startswith(r.name or r.abbreviation or r.code)
    # Every relation exactly once; informs and advises inside the source's box, naming the target.
    assert sorted(drawn(root)) == sorted(expected(unique, relations))
    by_code = {r.code: r for r in unique}
    for element in relation_elements(root):
        if element.get("data-relation") != "reports_to":
            assert element in list(groups[element.get("data-source")].iter())
            target = by_code[element.get("data-target")]
            label = target.abbreviation or target.name
            assert element.text == label or (element.text.endswith("…") and label.startswith(element.text[:-1]))
    # Boxes apart, texts inside their box, everything inside the picture.
    assert not [pair for pair in combinations(found.values(), 2) if overlap(*pair)]
    for code, g in groups.items():
        for t in g.iter(f"{SVG}text"):
            size, bold = float(t.get("font-size")), t.get("font-weight") == "bold"
            width = len(text_of(t)) * size * (EM_BOLD if bold else EM)
            assert found[code][0] < float(t.get("x")) and float(t.get("x")) + width <= found[code][0] + found[code][2]
            assert (
                found[code][1] + size <= float(t.get("y")) <= found[code][1] + found[code][3] - size / 4
            )  # descenders
    for r in root.iter(f"{SVG}rect"):
        assert inside(rect(r), view)
    for t in root.iter(f"{SVG}text"):
        assert float(t.get("font-size")) >= 12
    # Reports-to lines: from the source's box edge to the target's, axis-parallel, through no box.
    paths = [p for p in root.iter(f"{SVG}path") if p.get("data-relation") == "reports_to"]
    for path in paths:
        source, target = found[path.get("data-source")], found[path.get("data-target")]
        first, last = points(path)[0], points(path)[-1]
        upward = source[1] > target[1]
        assert on_edge(first, source, "top" if upward else "bottom") and on_edge(
            last, target, "bottom" if upward else "top"
        )
        assert path.get("marker-end")
        for segment in segments(path):
            assert segment[0][0] == segment[1][0] or segment[0][1] == segment[1][1]
            assert all(0 <= v <= limit for point in segment for v, limit in zip(point, view[2:], strict=True))
            assert not [code for code, box in found.items() if enters(segment, box)], segment
    # Lines between different pairs of roles never run along each other, so a reader can follow each one.
    for a, b in combinations(paths, 2):
        if {a.get("data-source"), a.get("data-target")} & {b.get("data-source"), b.get("data-target")}:
            continue
        for (p1, p2), (q1, q2) in ((s, t) for s in segments(a) for t in segments(b)):
            if p1[0] == p2[0] == q1[0] == q2[0]:
                assert max(min(p1[1], p2[1]), min(q1[1], q2[1])) >= min(max(p1[1], p2[1]), max(q1[1], q2[1]))
            if p1[1] == p2[1] == q1[1] == q2[1]:
                assert max(min(p1[0], p2[0]), min(q1[0], q2[0])) >= min(max(p1[0], p2[0]), max(q1[0], q2[0]))
    # Block captions sit clear of the lines.
    for caption in (t for t in root.iter(f"{SVG}text") if t.get("class") == "caption"):
        x, y, size = float(caption.get("x")), float(caption.get("y")), float(caption.get("font-size"))
        area = (x, y - size, len(text_of(caption)) * size * EM_BOLD, size)
        assert not [s for p in paths for s in segments(p) if enters(s, area)]


def test_the_reference_chart_is_sound_and_every_relation_is_drawn_once():
    roles, relations = reference_roles(), reference_relations()
    root = render(roles, relations)
    assert_sound(root, roles, relations)
    assert len(drawn(root)) == len(relations) == 57  # 20 reports to, 23 informs, 14 advises
    assert sum(kind == "reports_to" for kind, _s, _t in drawn(root)) == 20
    groups = role_groups(root)
    assert texts(groups["fg"])[:2] == ["Functionaris", "gegevensbescherming"]
    assert "Functionaris gegevensbescherming (FG)" in groups["fg"].find(f".//{SVG}title").text


def test_layers_follow_the_reports_to_hierarchy_and_group_order_within_a_layer():
    found = boxes(render(reference_roles(), reference_relations()))
    layers = [
        ["citizen"],
        ["council"],
        ["college"],
        ["fg", "ciso", "head_of_social_domain", "contact_centre", "privacy_officer", "privacy_lead"],
        ["application_manager", "complaints_coordinator", "team_lead", "chain_partner"],
        ["social_worker", "regisseur", "admin_support", "volunteer", "ict_supplier", "core_partner"],
    ]
    assert all(len({found[code][1] for code in layer}) == 1 for layer in layers)  # one row per layer
    tops = [found[layer[0]][1] for layer in layers]
    assert tops == sorted(tops) and len(set(tops)) == len(layers)  # each layer below the one it reports to
    for layer in layers:  # within a layer: by group (municipal, team, outsourced, partners), then input order
        assert [found[code][0] for code in layer] == sorted(found[code][0] for code in layer)


def test_within_a_layer_roles_stand_in_blocks_by_group_then_in_input_order():
    groups = ["own", "partners", "team", "odd", "outsourced", "team", "municipal", "governing", "municipal"]
    roles = [role("top", "governing")] + [role(f"r{n}", group) for n, group in enumerate(groups)]
    relations = [rel("reports_to", f"r{n}", "top") for n in range(len(groups))]
    root = render(roles, relations)
    found = boxes(root)
    assert_sound(root, roles, relations)
    rows = sorted({found[f"r{n}"][1] for n in range(len(groups))})
    order = sorted(range(len(groups)), key=lambda n: (found[f"r{n}"][1], found[f"r{n}"][0]))
    assert len(rows) == 2 and [groups[n] for n in order] == [
        "governing", "municipal", "municipal", "team", "team", "outsourced", "partners", "own", "odd"
    ]  # fmt: skip
    assert order[1:5] == [6, 8, 2, 5]  # input order within a group
    captions = [text_of(t) for t in root.iter(f"{SVG}text") if t.get("class") == "caption"]
    assert captions == [
        "Bestuur",
        "Bestuur",
        "Gemeente",
        "Wijkteam",
        "Uitbesteding",
        "Partners",
        "Eigen rollen",
        "Overig",
    ]


def test_informs_and_advises_are_text_in_the_source_box():
    groups = role_groups(render(reference_roles(), reference_relations()))
    fg = [t for t in texts(groups["fg"]) if t.startswith(("Informeert", "Adviseert")) or t == "KC"]
    assert " ".join(fg) == "Informeert: IBC, AB Adviseert: IBC, AB, KCC, KC"
    spans = list(groups["fg"].iter(f"{SVG}tspan"))
    assert [(s.get("data-relation"), s.get("data-target"), s.text) for s in spans] == [
        ("informs", "ciso", "IBC"),
        ("informs", "application_manager", "AB"),
        ("advises", "ciso", "IBC"),
        ("advises", "application_manager", "AB"),
        ("advises", "contact_centre", "KCC"),
        ("advises", "complaints_coordinator", "KC"),
    ]
    title = groups["fg"].find(f".//{SVG}title").text
    assert "Rapporteert aan: College van B&W." in title
    assert "Adviseert: Informatiebeveiligingscoördinator (IBC), Applicatiebeheerder (AB), Klantcontactcentrum" in title


def test_crossing_lines_are_moved_apart_rather_than_run_along_each_other():
    # C stands right under A and D right under B; C reports to B and D to A. Whichever bus is higher, one line
    # would run along the other's last piece into its box, unless the entries are moved apart.
    roles = [role("a", "governing"), role("b", "governing"), role("c"), role("d")]
    relations = [rel("reports_to", "c", "b"), rel("reports_to", "d", "a")]
    root = render(roles, relations)
    found = boxes(root)
    assert found["a"][0] == found["c"][0] and found["b"][0] == found["d"][0]
    assert_sound(root, roles, relations)


def test_vacant_roles_say_vacature_in_text_and_have_a_dashed_border():
    root = render([role("fg", vacant=True), role("ciso", people=("Peter Jansen",))], [])
    groups = role_groups(root)
    assert "Vacature" in texts(groups["fg"]) and "Vacature" not in texts(groups["ciso"])
    assert groups["fg"].find(f".//{SVG}rect[@class='role-box']").get("stroke-dasharray")
    assert not groups["ciso"].find(f".//{SVG}rect[@class='role-box']").get("stroke-dasharray")
    assert "Vacature" in groups["fg"].find(f".//{SVG}title").text


def test_more_than_two_people_are_summarised_and_listed_in_full_in_the_title():
    twelve = tuple(f"Sociaal werker {n}" for n in range(1, 13))
    roles = [role("sw", "team", people=twelve), role("reg", "team", people=twelve[:3]), role("ao", people=twelve[:2])]
    groups = role_groups(render(roles, []))
    assert texts(groups["sw"])[1:4] == ["Sociaal werker 1", "Sociaal werker 2", "+ 10 anderen"]
    assert texts(groups["reg"])[1:4] == ["Sociaal werker 1", "Sociaal werker 2", "+ 1 andere"]
    assert texts(groups["ao"])[1:4] == ["Sociaal werker 1", "Sociaal werker 2", "A: 0 · R: 0"]
    assert ", ".join(twelve) in groups["sw"].find(f".//{SVG}title").text


def test_the_counts_from_the_matrix_are_shown():
    groups = role_groups(render([role("fg", accountable=3, responsible=11)], []))
    assert "A: 3 · R: 11" in texts(groups["fg"])


def test_cycles_dangling_targets_and_self_relations_do_not_crash_and_are_handled_deterministically():
    roles = [role("a"), role("b"), role("c"), role("a", name="Dubbel")]
    relations = [
        rel("reports_to", "a", "b"),
        rel("reports_to", "b", "c"),
        rel("reports_to", "c", "a"),  # closes the cycle: still drawn, as a line pointing down
        rel("reports_to", "a", "a"),
        rel("reports_to", "b", "weg"),
        rel("informs", "a", "weg"),
        rel("advises", "c", "b"),
        rel("advises", "c", "b"),
        rel("unknown", "a", "b"),
    ]
    svg = chart_svg(roles, relations, title="Cyclus")
    assert svg == chart_svg(roles, relations, title="Cyclus")
    root = parse(svg)
    assert sorted(drawn(root)) == [
        ("advises", "c", "b"),
        ("reports_to", "a", "b"),
        ("reports_to", "b", "c"),
        ("reports_to", "c", "a"),
    ]
    assert_sound(root, roles, relations)
    found = boxes(root)
    assert found["c"][1] < found["b"][1] < found["a"][1]  # a → b → c upwards; c → a goes back down
    assert "Dubbel" not in svg


def test_a_wide_layer_wraps_onto_rows_of_at_most_six():
    roles = [role("boss", "governing")] + [role(f"m{n}", "team") for n in range(14)]
    relations = [rel("reports_to", f"m{n}", "boss") for n in range(14)]
    root = render(roles, relations)
    assert_sound(root, roles, relations)
    found = boxes(root)
    rows = sorted({found[f"m{n}"][1] for n in range(14)})
    assert len(rows) == 3 and all(sum(found[f"m{n}"][1] == y for n in range(14)) <= 6 for y in rows)
    assert float(root.get("width")) < 6 * 230


def test_a_chart_without_roles_says_so():
    root = render([], [rel("reports_to", "a", "b")])
    assert texts(root) == ["Nog geen rollen in het organogram."] and not drawn(root)
    assert printed_size(chart_svg([], [], title="Leeg"))[2] >= 7


def test_hostile_text_is_escaped_and_cleaned():
    hostile = role(
        'x"><script>',
        name="<script>alert('x')</script> & Zonen \"BV\"\x00",
        abbreviation="<b>",
        people=("Jan <i>de</i> Vries & Co\x07",),
    )
    svg = chart_svg([hostile, role("b")], [rel("informs", 'x"><script>', "b")], title="Gemeente <u>&amp;")
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg and "<u>" not in svg and "\x00" not in svg
    assert "&lt;script&gt;" in svg and "&amp; Zonen" in svg and "&amp;amp;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Gemeente <u>&amp;"
    title = role_groups(root)['x"><script>'].find(f".//{SVG}title").text
    assert title.startswith("<script>alert('x')</script> & Zonen \"BV\" (<b>) — ")
    assert "Jan <i>de</i> Vries & Co." in title
    assert drawn(root) == [("informs", 'x"><script>', "b")]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", " /governance/", "//evil.example/x"])
def test_only_page_links_are_accepted(url):
    with pytest.raises(ValueError):
        role("fg", url=url)


def test_with_links_the_boxes_are_links_inside_a_figure():
    roles = [role("fg", url="/governance/rollen/1/"), role("ciso", url="https://example.org/rol"), role("kc")]
    root = render(roles, [rel("reports_to", "kc", "fg")])
    assert root.get("role") == "figure"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text == "Organogram Gemeente Voorbeeld"
    groups = role_groups(root)
    assert [a.get("href") for a in groups["fg"].iter(f"{SVG}a")] == ["/governance/rollen/1/"]
    assert [a.get("href") for a in groups["ciso"].iter(f"{SVG}a")] == ["https://example.org/rol"]
    assert not list(groups["kc"].iter(f"{SVG}a"))
    assert groups["fg"].find(f"{SVG}a/{SVG}title").text.startswith("Rol fg — Gemeentelijke lijn.")  # its name


def test_without_links_the_chart_is_an_img_whose_description_lists_every_role_and_relation():
    roles = reference_roles(links=True)
    root = render(roles, reference_relations(), links=False)
    assert root.get("role") == "img" and not list(root.iter(f"{SVG}a"))
    desc = root.find(f"{SVG}desc").text
    for r in reference.roles():
        assert r.name in desc
    fg = "Functionaris gegevensbescherming (FG) — Gemeentelijke lijn. Vervuld door: Mr. drs. Annelies van der "
    assert fg + "Berg-Vermeulen." in desc
    assert "Rapporteert aan: College van B&W, Functionaris gegevensbescherming (FG)." in desc  # the KC
    assert "Informeert: Inwoners (Burger), Ketenpartners, Kernpartners." in desc  # the regisseur
    assert "Klachtencoördinator (KC) — Gemeentelijke lijn. Vacature: niemand vervult deze rol." in desc
    assert "Ketenpartners — Deelnemende organisaties. Vervuld door: Politie eenheid Midden-Nederland, " in desc
    sentences = sum(desc.count(f"{verb}: ") for verb in ("Rapporteert aan", "Informeert", "Adviseert"))
    sources = {(kind, r.code) for r in reference.roles() for kind in KINDS if getattr(r, kind)}
    assert sentences == len(sources)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_borders_and_lines_have_enough_contrast():
    root = render(reference_roles(), reference_relations())
    painted: list[tuple[tuple[float, ...], str]] = []

    def under(x: float, y: float) -> str:
        return next(fill for area, fill in reversed(painted) if inside((x, y, 0, 0), area))

    stroke = root.find(f".//{SVG}g[@class='connectors']").get("stroke")
    checked = 0
    for element in root.iter():
        if element.tag == f"{SVG}rect":
            if element.get("stroke"):
                x, y, _w, h = rect(element)
                assert contrast(element.get("stroke"), under(x - 1, y + h / 2)) >= 3
            painted.append((rect(element), element.get("fill")))
        elif element.tag == f"{SVG}text":
            assert contrast(element.get("fill"), under(float(element.get("x")) + 1, float(element.get("y")) - 4)) >= 4.5
            checked += 1
        elif element.tag == f"{SVG}path" and element.get("data-relation"):
            for x, y in points(element)[1:-1]:
                assert contrast(stroke, under(x, y)) >= 3
    assert checked > 100


def test_printed_size_scales_to_the_page_and_reports_the_smallest_font():
    wide = '<svg viewBox="0 0 2770 100"><text font-size="20">a</text><text font-size="10">b</text></svg>'
    assert printed_size(wide) == pytest.approx((277, 10, 10 * 0.1 / (25.4 / 72)))
    tall = '<svg viewBox="0 0 100 1900"><text font-size="30">a</text></svg>'
    assert printed_size(tall) == pytest.approx((10, 190, 3 / (25.4 / 72)))


def test_the_reference_chart_prints_at_7_pt_or_more_on_a4_landscape():
    svg = chart_svg(reference_roles(links=False), reference_relations(), title="Organogram", links=False)
    width, height, smallest = printed_size(svg)
    assert width <= 277.01 and height <= 190.01 and smallest >= 7
    assert (
        printed_size(svg, *FIGURE_MM)[2] >= 7
    )  # also in the room the PDF gives it under the title and above the legend
    assert float(parse(svg).get("width")) <= 6 * 230


def page_text(document) -> str:
    found = []

    def walk(box):
        found.append(getattr(box, "text", ""))
        for child in getattr(box, "children", ()):
            walk(child)

    walk(document.pages[0]._page_box)  # WeasyPrint's layout tree: the text as laid out on the page
    return " ".join(found)


def test_the_pdf_is_one_a4_landscape_page_with_title_municipality_date_and_legend():
    svg = chart_svg(reference_roles(links=False), reference_relations(), title="Organogram", links=False)
    options = {
        "title": "Organogram privacygovernance",
        "municipality": "Gemeente Voorbeeld",
        "made_on": date(2026, 3, 5),
    }
    pdf = chart_pdf(svg, **options)
    assert pdf.startswith(b"%PDF")
    document = chart_document(svg, **options)
    assert len(document.pages) == 1
    page = document.pages[0]
    assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (297, 210)
    text = page_text(document)
    for part in ("Organogram privacygovernance", "Gemeente Voorbeeld", "5 maart 2026", "rapporteert aan", "Vacature"):
        assert part in text
    assert "keurt goed / eindverantwoordelijk" in text and "voert uit" in text


names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=60)


@st.composite
def charts(draw) -> tuple[list[ChartRole], list[ChartRelation]]:
    """Up to 18 roles (a code may repeat) and relations between them: mostly reports-to, with cycles, self-relations
    and targets that are not on the chart."""
    codes = [f"r{n}" for n in range(draw(st.integers(0, 18)))]
    roles = [
        ChartRole(
            draw(st.sampled_from(codes)) if n and draw(st.integers(0, 9)) == 0 else code,
            draw(names),
            draw(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=12)),
            draw(st.sampled_from(["governing", "municipal", "team", "outsourced", "partners", "own", "raar"])),
            tuple(draw(st.lists(names, max_size=5))),
            vacant=draw(st.booleans()),
            accountable=draw(st.integers(0, 40)),
            responsible=draw(st.integers(0, 40)),
        )
        for n, code in enumerate(codes)
    ]
    ends = st.sampled_from([*codes, "weg"])
    kinds = st.sampled_from(["reports_to", "reports_to", "reports_to", "informs", "advises"])
    relation = st.builds(ChartRelation, kind=kinds, source=ends, target=ends)
    relations = draw(st.lists(relation, min_size=len(codes), max_size=2 * len(codes)))
    return roles, relations


@settings(max_examples=200, deadline=None)
@given(charts())
def test_any_roles_and_relations_give_a_sound_chart(chart):
    roles, relations = chart
    assert_sound(render(roles, relations), roles, relations)
