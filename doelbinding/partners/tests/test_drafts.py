"""Agreement drafts: the files open and name who and what they are about; the template covers the checklists."""

import dataclasses
import io
import shutil
import string
import subprocess

import docx
import pytest
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import TextBox

from doelbinding.partners import drafts
from doelbinding.partners.checklists import BY_AGREEMENT_KIND, BY_COLLABORATION, CLAUSES
from doelbinding.partners.models import Agreement
from doelbinding.register.selectors import current_versions
from doelbinding.tenancy import demo

PROCESSING = "Verwerkersovereenkomst Dossierwerk"
COVENANT = "Convenant Zorg en Veiligheid Midden"
REQUIRED = {
    "processing": set(BY_AGREEMENT_KIND["processing"]),
    "covenant": set(BY_AGREEMENT_KIND["covenant"])
    | set(BY_COLLABORATION["outsourced"]["clauses"])
    | set(BY_COLLABORATION["case_level"]["clauses"]),
}


def _agreement(world, title: str) -> Agreement:
    return Agreement.objects.get(controller=world.organisations[demo.VOORBEELD], title=title)


def _expected(agreement: Agreement) -> list[str]:
    """What the file must name, taken from the database: municipality, parties, covered activities."""
    covered = set(agreement.activities.all())
    activities = [v for v in current_versions(agreement.controller) if v.activity in covered]
    assert len(activities) == len(covered)
    return [
        agreement.controller.name,
        *(p.organisation.name for p in agreement.parties.all()),
        *(f"{v.activity.reference} {v.name}" for v in activities),
        *(c.name for v in activities for c in v.data_categories.all()),
    ]


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(data: bytes, draft: drafts.Draft) -> str:
    if shutil.which("pdftotext"):
        result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)  # noqa: S607
        return result.stdout.decode()
    pages = HTML(string=drafts.as_html(draft)).render().pages
    return " ".join(box.text for page in pages for box in page._page_box.descendants() if isinstance(box, TextBox))


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("title", "parties"), [(PROCESSING, 1), (COVENANT, 5)])
def test_the_docx_opens_and_names_municipality_parties_and_activities(world, title, parties):
    agreement = _agreement(world, title)
    assert agreement.parties.count() == parties
    text = _words(_docx_text(drafts.as_docx(drafts.compose(agreement))))
    for name in _expected(agreement):
        assert name in text
    assert "Baseline Informatiebeveiliging Overheid (BIO)" in text


def test_the_processing_draft_names_the_covered_activity(world):
    draft = drafts.compose(_agreement(world, PROCESSING))
    assert [a.name for a in draft.activities] == ["Maatwerkvoorziening Wmo"]
    assert draft.activities[0].security_measures.startswith("Toegang op basis van rollen")


@pytest.mark.parametrize("title", [PROCESSING, COVENANT])
def test_the_pdf_is_a_real_pdf_that_names_the_parties(world, title):
    agreement = _agreement(world, title)
    draft = drafts.compose(agreement)
    data = drafts.as_pdf(draft)
    assert data.startswith(b"%PDF-")
    assert len(HTML(string=drafts.as_html(draft)).render().pages) >= 1
    text = _words(_pdf_text(data, draft))
    for name in [agreement.controller.name, *(p.organisation.name for p in agreement.parties.all())]:
        assert name in text


def test_text_pasted_from_word_with_control_characters_still_gives_both_files(world):
    draft = drafts.compose(_agreement(world, PROCESSING))
    draft = dataclasses.replace(draft, purposes=("Regel een\x0bregel twee\x07",))
    assert "Regel eenregel twee" in _docx_text(drafts.as_docx(draft))
    assert drafts.as_pdf(draft).startswith(b"%PDF-")


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_the_articles_cover_exactly_the_checklist_of_their_kind(kind):
    articles = drafts.TEMPLATES["drafts"][kind]["articles"]
    covered = {code for article in articles for code in article["covers"]}
    assert covered <= set(CLAUSES)
    assert covered == REQUIRED[kind]


def test_every_placeholder_is_documented_and_filled(world):
    known = set(drafts.TEMPLATES["placeholders"])
    for template in drafts.TEMPLATES["drafts"].values():
        texts = [*template["preamble"], *(p for a in template["articles"] for p in a["paragraphs"])]
        used = {field for text in texts for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        assert used <= known
    for title in (PROCESSING, COVENANT):
        draft = drafts.compose(_agreement(world, title))
        assert not any("{" in p for a in draft.articles for p in a.paragraphs)


def test_only_processing_agreements_and_covenants_have_a_draft(world):
    assert frozenset(REQUIRED) == drafts.DRAFT_KINDS
    with pytest.raises(ValueError, match="purchase"):
        drafts.compose(_agreement(world, "Inkoopcontract Wmo 2026"))
