"""The register's legal reference library: complete, consistent and idempotent to load."""

import pytest

from doelbinding.register.models import DataCategory, Law, Provision, ProvisionKind, SubjectCategory
from doelbinding.register.reference import load_register_reference, read_rows

LAWS = [
    "avg",
    "uavg",
    "wmo-2015",
    "jeugdwet",
    "participatiewet",
    "wet-suwi",
    "wgs",
    "leerplichtwet",
    "wpg",
    "wvggz",
    "politiewet",
    "wpolg",
    "gemeentewet",
    "wgbo",
    "wet-brp",
    "archiefwet",
    "awb",
]
LAWFUL_BASES = [f"avg-6-1-{letter}" for letter in "abcdef"]
SPECIAL_EXCEPTIONS = [f"avg-9-2-{letter}" for letter in "abcdefghij"]
UAVG = ["uavg-22", "uavg-23", "uavg-24", "uavg-30", "uavg-32", "uavg-33", "uavg-41", "uavg-46"]
SECTOR = ["wmo-2015-5-1-1", "jeugdwet-7-4-0", "participatiewet-64", "wgs-5", "wet-brp-3-3", "wgbo-7-457"]
DATA_CATEGORIES = [
    "naw",
    "contactgegevens",
    "geboortedatum",
    "bsn",
    "gezinssamenstelling",
    "inkomen",
    "vermogen",
    "schulden",
    "uitkering",
    "arbeidsverleden",
    "opleiding",
    "woonsituatie",
    "gezondheid",
    "psychische-gezondheid",
    "verslaving",
    "etniciteit",
    "religie",
    "seksuele-leven",
    "strafrechtelijk",
    "politiegegevens",
    "zorgvraag",
    "ondersteuningsbehoefte",
    "schoolverzuim",
    "veiligheidsrisicos",
    "nationaliteit",
]
SPECIAL = {"gezondheid", "psychische-gezondheid", "verslaving", "etniciteit", "religie", "seksuele-leven"}
CRIMINAL = {"strafrechtelijk", "politiegegevens"}
IDENTIFIER = {"bsn"}
SUBJECT_CATEGORIES = [
    "aanvragers",
    "clienten",
    "gezinsleden",
    "jeugdigen",
    "ouders-verzorgers",
    "mantelzorgers",
    "uitkeringsgerechtigden",
    "schuldenaren",
    "schuldeisers",
    "leerlingen",
    "medewerkers-partners",
    "melders",
]


def table_sizes() -> dict[str, int]:
    return {
        "laws": Law.objects.count(),
        "provisions": Provision.objects.count(),
        "data_categories": DataCategory.objects.count(),
        "subject_categories": SubjectCategory.objects.count(),
    }


@pytest.fixture
def loaded(db) -> dict[str, int]:
    return load_register_reference()


def test_counts_match_the_rows_in_the_database(loaded):
    assert loaded == table_sizes()
    assert all(count > 0 for count in loaded.values())


def provision_rows() -> dict[str, tuple]:
    return {p.code: (p.pk, p.law_id, p.kind, p.article, p.title, p.explanation) for p in Provision.objects.all()}


def test_loading_twice_changes_nothing(loaded):
    before = provision_rows()
    assert load_register_reference() == loaded
    assert table_sizes() == loaded
    assert provision_rows() == before


@pytest.mark.parametrize(
    ("model", "codes"),
    [
        (Law, LAWS),
        (Provision, LAWFUL_BASES + SPECIAL_EXCEPTIONS + UAVG + SECTOR + ["avg-6-1-e"]),
        (DataCategory, DATA_CATEGORIES),
        (SubjectCategory, SUBJECT_CATEGORIES),
    ],
)
def test_required_codes_exist(loaded, model, codes):
    present = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
    assert sorted(set(codes) - present) == []


@pytest.mark.parametrize(
    ("codes", "kind"),
    [
        (LAWFUL_BASES, ProvisionKind.LAWFUL_BASIS),
        (SPECIAL_EXCEPTIONS, ProvisionKind.SPECIAL_EXCEPTION),
        (UAVG, ProvisionKind.UAVG),
        (SECTOR, ProvisionKind.SECTOR),
    ],
)
def test_required_provisions_have_their_kind(loaded, codes, kind):
    assert set(Provision.objects.filter(code__in=codes).values_list("kind", flat=True)) == {kind}


def test_every_provision_names_a_law_from_the_library(loaded):
    law_codes = {row["code"] for row in read_rows("laws.json", "laws")}
    for row in read_rows("provisions.json", "provisions"):
        assert row["law"] in law_codes, row["code"]
        assert Provision.objects.get(code=row["code"]).law.code == row["law"]


def test_every_provision_has_a_valid_kind_and_text(loaded):
    for provision in Provision.objects.all():
        assert provision.kind in ProvisionKind.values, provision.code
        assert provision.article.strip(), provision.code
        assert provision.title.strip(), provision.code
        assert provision.explanation.strip(), provision.code


def test_lawful_bases_and_exceptions_belong_to_the_avg(loaded):
    kinds = [ProvisionKind.LAWFUL_BASIS, ProvisionKind.SPECIAL_EXCEPTION]
    assert set(Provision.objects.filter(kind__in=kinds).values_list("law__code", flat=True)) == {"avg"}
    assert set(Provision.objects.filter(kind=ProvisionKind.UAVG).values_list("law__code", flat=True)) == {"uavg"}


def test_every_law_has_a_name_abbreviation_and_note(loaded):
    for law in Law.objects.all():
        assert law.name.strip() and law.abbreviation.strip() and law.note.strip(), law.code


def test_codes_are_unique_per_table(loaded):
    for model in (Law, Provision, DataCategory, SubjectCategory):
        codes = list(model.objects.values_list("code", flat=True))
        assert len(codes) == len(set(codes)), model.__name__


def test_sensitivity_flags(loaded):
    categories = {c.code: c for c in DataCategory.objects.all()}
    for code in DATA_CATEGORIES:
        category = categories[code]
        assert category.special == (code in SPECIAL), code
        assert category.criminal == (code in CRIMINAL), code
        assert category.identifier == (code in IDENTIFIER), code
    assert all(c.name.strip() for c in categories.values())


def test_subject_categories_have_names(loaded):
    assert all(s.name.strip() for s in SubjectCategory.objects.all())


@pytest.mark.parametrize(
    ("code", "law", "kind", "article", "mentions"),
    [
        ("avg-6-1-a", "avg", ProvisionKind.LAWFUL_BASIS, "6 lid 1 sub a", "afhankelijk"),
        ("avg-6-1-e", "avg", ProvisionKind.LAWFUL_BASIS, "6 lid 1 sub e", "art. 6 lid 3"),
        ("avg-9-2-h", "avg", ProvisionKind.SPECIAL_EXCEPTION, "9 lid 2 sub h", "beroepsgeheim"),
        ("uavg-46", "uavg", ProvisionKind.UAVG, "46", "BSN"),
        ("wmo-2015-5-1-1", "wmo-2015", ProvisionKind.SECTOR, "5.1.1", "gezondheid"),
        ("wgbo-7-457", "wgbo", ProvisionKind.SECTOR, "7:457", "conflict van plichten"),
        ("participatiewet-64", "participatiewet", ProvisionKind.SECTOR, "64", "Inlichtingenbureau"),
    ],
)
def test_exact_provision_facts(loaded, code, law, kind, article, mentions):
    provision = Provision.objects.select_related("law").get(code=code)
    assert (provision.law.code, provision.kind, provision.article) == (law, kind, article)
    assert mentions in provision.explanation


@pytest.mark.parametrize(
    ("code", "mentions"),
    [
        ("wet-suwi", "gesloten regime"),
        ("participatiewet", "gesloten regime"),
        ("wgbo", "conflict van plichten"),
        ("jeugdwet", "gecertificeerde instelling"),
    ],
)
def test_exact_law_facts(loaded, code, mentions):
    assert mentions in Law.objects.get(code=code).note
