"""Agreement documents: only real PDF and DOCX files within the limit are stored; everything else changes nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from doelbinding.partners import services
from doelbinding.partners.models import Agreement, AgreementDocument
from doelbinding.tenancy import demo

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _docx(parts=("[Content_Types].xml", "word/document.xml")) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for part in parts:
            package.writestr(part, "<x/>")
    return buffer.getvalue()


def _agreement(world) -> Agreement:
    return Agreement.objects.get(controller=world.organisations[demo.VOORBEELD], title="Convenant wijkteams")


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "agreements"
    return set(root.rglob("*.*")) if root.exists() else set()


@pytest.mark.parametrize(
    ("name", "content", "document_type"),
    [("Convenant.pdf", PDF, "pdf"), ("convenant.DOCX", _docx(), "docx")],
)
def test_a_pdf_or_docx_is_stored_outside_the_web_root_and_downloads_as_uploaded(
    world, as_persona, name, content, document_type
):
    fg = as_persona("fg")
    agreement = _agreement(world)
    response = fg.post(
        f"/partners/afspraken/{agreement.uuid}/documenten/nieuw/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302
    document = agreement.documents.get()
    assert (document.name, document.document_type, document.size) == (name, document_type, len(content))
    stored = Path(document.file.path)
    assert stored.read_bytes() == content and name not in str(stored)
    assert stored.is_relative_to(settings.MEDIA_ROOT) and not stored.is_relative_to(settings.STATIC_ROOT)
    assert stored.stat().st_mode & 0o077 == 0
    download = as_persona("wmo_consulent").get(f"/partners/afspraken/{agreement.uuid}/documenten/{document.uuid}/")
    assert b"".join(download.streaming_content) == content
    assert name in download["Content-Disposition"]
    assert name in fg.get(f"/partners/afspraken/{agreement.uuid}/").content.decode()


BAD_UPLOADS = [
    ("leeg.pdf", b"", "leeg"),
    ("tekst.pdf", b"Dit is geen PDF", "PDF- of Word-bestand"),
    ("script.exe", b"MZ\x90\x00", "PDF- of Word-bestand"),
    ("vermomd.docx", PDF, "PDF- of Word-bestand"),
    ("vermomd.pdf", _docx(), "PDF- of Word-bestand"),
    ("werkblad.docx", _docx(("[Content_Types].xml", "xl/workbook.xml")), "PDF- of Word-bestand"),
    ("kapot.docx", b"PK\x03\x04 kapot", "PDF- of Word-bestand"),
    ("geen-extensie", PDF, "PDF- of Word-bestand"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_a_wrong_type_is_refused_with_a_dutch_message_and_nothing_is_stored(world, as_persona, name, content, message):
    agreement = _agreement(world)
    before = (AgreementDocument.objects.count(), _stored_files())
    response = as_persona("fg").post(
        f"/partners/afspraken/{agreement.uuid}/documenten/nieuw/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (AgreementDocument.objects.count(), _stored_files()) == before


def test_an_oversized_upload_is_refused_and_nothing_is_stored(world, as_persona, settings):
    settings.PARTNERS_DOCUMENT_MAX_BYTES = 1024
    agreement = _agreement(world)
    before = (AgreementDocument.objects.count(), _stored_files())
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * 2048)
    response = as_persona("fg").post(f"/partners/afspraken/{agreement.uuid}/documenten/nieuw/", {"file": big})
    assert response.status_code == 200
    assert "Het bestand is groter dan 1,0\xa0KB" in response.content.decode()
    assert (AgreementDocument.objects.count(), _stored_files()) == before
    with pytest.raises(ValidationError):
        services.document_add(actor=None, agreement=agreement, upload=SimpleUploadedFile("groot.pdf", PDF * 100))
    assert (AgreementDocument.objects.count(), _stored_files()) == before


def test_the_default_limit_is_20_mb():
    assert settings.PARTNERS_DOCUMENT_MAX_BYTES == 20 * 1024 * 1024


def test_a_failed_write_leaves_no_file_behind(world, monkeypatch):
    agreement = _agreement(world)
    before = _stored_files()

    def fail(*args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(AgreementDocument, "save", fail)
    with pytest.raises(RuntimeError):
        services.document_add(actor=None, agreement=agreement, upload=SimpleUploadedFile("a.pdf", PDF))
    assert _stored_files() == before


def test_another_municipality_cannot_download_the_document(world, as_persona):
    agreement = Agreement.objects.get(
        controller=world.organisations[demo.VOORBEELD], title="Convenant Zorg en Veiligheid Midden"
    )
    document = agreement.documents.get()
    url = f"/partners/afspraken/{agreement.uuid}/documenten/{document.uuid}/"
    assert as_persona("buitenstaander").get(url).status_code == 404
    other = Agreement.objects.get(controller=world.organisations[demo.VOORBEELD], title="Convenant wijkteams")
    assert as_persona("fg").get(f"/partners/afspraken/{other.uuid}/documenten/{document.uuid}/").status_code == 404
