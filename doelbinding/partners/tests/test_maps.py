"""The stakeholder map: a well-formed, escaped, accessible SVG whose boxes never overlap, for any list of partners."""

import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from doelbinding.partners.demo import PARTNERS
from doelbinding.partners.maps import MapPartner, stakeholder_map
from doelbinding.partners.models import Collaboration, Partner
from doelbinding.tenancy.demo import VOORBEELD
from doelbinding.tenancy.models import Domain

# Glyph width per unit of font size that text must fit at: Arial averages 0.48 (bold 0.51), DejaVu Sans 0.54 (0.61).
EM, EM_BOLD = 0.55, 0.6
SVG = "{http://www.w3.org/2000/svg}"
DOMAINS = {
    "wmo": "Wmo",
    "jeugd": "Jeugd",
    "werk-inkomen": "Werk & Inkomen",
    "schulden": "Schulden",
    "leerplicht": "Leerplicht",
    "zorg-veiligheid": "Zorg & Veiligheid",
}
LABELS = {code: str(label) for code, label in Collaboration.choices}
OUT, CARE, CASE = Collaboration.OUTSOURCED, Collaboration.PURCHASED_CARE, Collaboration.CASE_LEVEL


def partner(name: str, collaboration: str = CASE, domains: tuple[str, ...] = ("wmo",), n: int = 0) -> MapPartner:
    return MapPartner(name, "Ketenpartner", collaboration, domains, f"/partners/{n}/")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, the very thing under test)


def render(partners, municipality: str = "Gemeente Voorbeeld", **options) -> ET.Element:
    options = {"domain_names": DOMAINS, "collaboration_labels": LABELS, **options}
    return parse(stakeholder_map(municipality, partners, **options))


def box(rect: ET.Element) -> tuple[float, float, float, float]:
    return tuple(float(rect.get(a)) for a in ("x", "y", "width", "height"))


def overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def inside(inner, outer) -> bool:
    x, y, width, height = outer
    return x <= inner[0] <= x + width - inner[2] and y <= inner[1] <= y + height - inner[3]


def links(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}a"))


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def assert_sound(root: ET.Element, partners: list[MapPartner]) -> None:
    """Each partner once, as a link in its own column; no boxes overlap; everything inside the viewBox."""
    view = tuple(float(v) for v in root.get("viewBox").split())
    assert view[:2] == (0, 0) and (root.get("width"), root.get("height")) == tuple(root.get("viewBox").split()[2:])
    for p in partners:
        found = [a for a in links(root) if a.get("href") == p.url]
        assert len(found) == 1, p
        assert found[0].find(f"{SVG}title").text.startswith(p.name)
    columns = {g.get("data-collaboration"): g for g in root.iter(f"{SVG}g") if g.get("class") == "column"}
    for p in partners:
        assert [a.get("href") for a in links(columns[p.collaboration])].count(p.url) == 1
    boxes = []
    for a in links(root):
        outer = box(a.find(f"{SVG}rect[@class='partner-box']"))
        for chip in a.iter(f"{SVG}rect"):
            assert inside(box(chip), outer)
        for t in a.iter(f"{SVG}text"):  # estimated text width, from the left edge (names and kind) or the centre
            size, bold = float(t.get("font-size")), t.get("font-weight") == "bold"
            width = len(t.text or "") * size * (EM_BOLD if bold else EM)
            left = float(t.get("x")) - (width / 2 if t.get("text-anchor") == "middle" else 0)
            assert outer[0] < left and left + width <= outer[0] + outer[2]
            assert outer[1] + size <= float(t.get("y")) <= outer[1] + outer[3]
        boxes.append(outer)
    assert len(boxes) == len(partners)
    assert not [pair for pair in combinations(boxes, 2) if overlap(*pair)]
    for rect in root.iter(f"{SVG}rect"):
        assert inside(box(rect), view)
    for t in root.iter(f"{SVG}text"):
        assert float(t.get("font-size")) >= 12
        assert 0 < float(t.get("x")) < view[2] and 0 < float(t.get("y")) < view[3]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_map_is_an_accessible_svg_document():
    root = render([partner("Politie eenheid Midden")])
    assert root.tag == f"{SVG}svg"
    # With links inside, "img" would hide them (ARIA: children presentational; axe: nested-interactive).
    assert root.get("role") == "figure"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text == "Stakeholderkaart sociaal domein van Gemeente Voorbeeld"
    assert "Samenwerking op casusniveau: 1 partner." in desc.text
    assert_sound(root, [partner("Politie eenheid Midden")])


def test_each_partner_is_a_link_in_the_column_of_its_collaboration():
    partners = [partner("Dossierwerk ICT", OUT, n=1), partner("Zorggroep De Linde", CARE, n=2), partner("Politie", n=3)]
    root = render(partners)
    columns = [g for g in root.iter(f"{SVG}g") if g.get("class") == "column"]
    assert [g.get("data-collaboration") for g in columns] == list(LABELS)
    for column, p in zip(columns, partners, strict=True):
        assert texts(column)[0] == LABELS[p.collaboration]
        assert [a.get("href") for a in links(column)] == [p.url]
        panel = box(column.find(f"{SVG}rect"))
        assert inside(box(links(column)[0].find(f"{SVG}rect")), panel)
    assert_sound(root, partners)


def test_partners_are_grouped_by_domain_and_cross_domain_partners_appear_once_with_their_domains():
    every = tuple(reversed(DOMAINS))
    partners = [
        partner("Stichting Alles", domains=every, n=1),
        partner("Cloudmail Hosting", domains=(), n=2),
        partner("Woningcorporatie", domains=("zorg-veiligheid",), n=3),
        partner("Budgetcoaches", domains=("schulden", "schulden"), n=4),
    ]
    root = render(partners)
    assert_sound(root, partners)
    shown = texts(root)
    headings = [
        "Schulden (1)",
        "Zorg & Veiligheid (1)",
        "Meerdere domeinen (1)",
        "Alle domeinen / domeinoverstijgend (1)",
    ]
    assert [shown.index(h) for h in headings] == sorted(shown.index(h) for h in headings)
    (everywhere,) = [a for a in links(root) if a.get("href") == "/partners/1/"]
    chips = [t.text for t in everywhere.iter(f"{SVG}text")][2:]
    assert chips == list(DOMAINS.values())  # in domain order, wrapped over several rows
    chip_boxes = [box(r) for r in everywhere.iter(f"{SVG}rect") if r.get("class") == "chip"]
    assert len({y for _, y, _, _ in chip_boxes}) > 1
    assert not [pair for pair in combinations(chip_boxes, 2) if overlap(*pair)]
    assert everywhere.find(f"{SVG}title").text.endswith(", ".join(DOMAINS.values()))


def test_hostile_text_is_escaped():
    hostile = partner("<script>alert('x')</script> & Zonen \"BV\"\x00", n=1)
    svg = stakeholder_map(
        "Gemeente <b>&amp;",
        [hostile],
        domain_names={"wmo": "<i>Wmo</i> & co"},
        collaboration_labels={CASE: "Casus & <u>"},
    )
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg and "<u>" not in svg
    assert "&lt;script&gt;" in svg and "&amp; Zonen" in svg and "&amp;amp;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text.endswith("Gemeente <b>&amp;")
    assert links(root)[0].find(f"{SVG}title").text.startswith("<script>alert('x')</script> & Zonen \"BV\" — ")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", " /partners/1/"])
def test_only_page_links_are_accepted(url):
    with pytest.raises(ValueError):
        MapPartner("X", "Ketenpartner", CASE, (), url)


def test_zero_partners_give_three_empty_columns():
    root = render([])
    assert texts(root).count("Geen partners") == 3 and texts(root).count("0 partners") == 3
    assert not links(root)
    assert_sound(root, [])


def test_the_height_grows_with_the_partners_and_long_names_are_cut_with_the_full_name_in_the_title():
    long = "Stichting Maatschappelijke Dienstverlening en Schuldhulpverlening Regio Midden-Nederland " * 3
    few = render([partner("A", n=1)])
    many = [partner(f"Partner {i}", OUT if i % 2 else CASE, n=i) for i in range(30)] + [partner(long, n=99)]
    root = render(many)
    assert float(root.get("height")) > float(few.get("height")) + 15 * 50  # 16 boxes in the taller column
    assert_sound(root, many)
    (cut,) = [a for a in links(root) if a.get("href") == "/partners/99/"]
    name_lines = [t.text for t in cut.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert len(name_lines) == 2 and name_lines[-1].endswith("…")
    assert cut.find(f"{SVG}title").text.startswith(long)


def test_text_and_borders_have_enough_contrast():
    root = render([partner("Alles", domains=tuple(DOMAINS), n=1), partner("Geen", OUT, domains=(), n=2)])
    painted: list[tuple[tuple[float, ...], str]] = []

    def under(x: float, y: float) -> str:
        return next(fill for area, fill in reversed(painted) if inside((x, y, 0, 0), area))

    for element in root.iter():
        if element.tag == f"{SVG}rect":
            if element.get("stroke"):
                x, y, _, h = box(element)
                assert contrast(element.get("stroke"), under(x - 0.5, y + h / 2)) >= 3
            painted.append((box(element), element.get("fill")))
        elif element.tag == f"{SVG}text":
            assert contrast(element.get("fill"), under(float(element.get("x")) + 1, float(element.get("y")) - 4)) >= 4.5


def test_the_static_picture_is_an_img_whose_description_lists_every_partner():
    partners = [partner("Politie", n=1), partner("Zorggroep", CARE, domains=(), n=2)]
    root = render(partners, links=False)
    assert root.get("role") == "img" and not links(root)
    desc = root.find(f"{SVG}desc").text
    assert "Samenwerking op casusniveau: 1 partner (Politie — Ketenpartner — Wmo)." in desc
    assert "Zorggroep — Ketenpartner)." in desc


names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=100)
partner_lists = st.lists(
    st.tuples(
        names,
        st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=50),
        st.sampled_from([*LABELS, "onbekend"]),
        st.lists(st.sampled_from([*DOMAINS, "onbekend-domein"]), max_size=8).map(tuple),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(partner_lists, names)
def test_any_partner_list_gives_a_sound_map(rows, municipality):
    partners = [
        MapPartner(name, kind, c, domains, f"/partners/{i}/") for i, (name, kind, c, domains) in enumerate(rows)
    ]
    assert_sound(render(partners, municipality), partners)


def test_the_demo_world_map_shows_every_partner_of_gemeente_voorbeeld(world):
    controller = world.organisations[VOORBEELD]
    partners = [
        MapPartner(
            p.organisation.name,
            p.get_kind_display(),
            p.collaboration,
            tuple(p.domains),
            reverse("partners:partner_detail", args=[p.uuid]),
        )
        for p in Partner.objects.filter(controller=controller).select_related("organisation")
    ]
    assert {p.name for p in PARTNERS[VOORBEELD]} <= {p.name for p in partners}
    root = render(partners, controller.name, domain_names=Domain.names())
    assert_sound(root, partners)
