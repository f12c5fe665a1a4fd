"""What an uploaded agreement document must be: a PDF or a DOCX, within the size limit, judged by its content.

The extension alone proves nothing, so the first bytes (PDF) or the package parts (DOCX) decide; a file whose
name and content disagree is refused as well.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from doelbinding.partners.models import DocumentType

DOCX_PARTS = {"[Content_Types].xml", "word/document.xml"}


@dataclass(frozen=True)
class Checked:
    name: str
    document_type: str
    size: int
    sha256: str


def _content_type(upload) -> str | None:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return DocumentType.PDF
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(upload) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if names >= DOCX_PARTS:
            return DocumentType.DOCX
    return None


def check(upload, *, max_bytes: int) -> Checked:
    """The upload's facts if it is an acceptable document; a ValidationError with a Dutch message if not."""
    name = PurePath(upload.name or "").name[:200]
    if upload.size == 0:
        raise ValidationError({"file": _("Het bestand is leeg.")})
    if upload.size > max_bytes:
        raise ValidationError(
            {
                "file": _("Het bestand is groter dan %(limit)s, de grens voor documenten.")
                % {"limit": filesizeformat(max_bytes)}
            }
        )
    found = _content_type(upload)
    if found is None or PurePath(name).suffix.lower() != f".{found}":
        raise ValidationError({"file": _("Kies een PDF- of Word-bestand (.pdf of .docx); dit bestand is dat niet.")})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Checked(name=name, document_type=found, size=upload.size, sha256=digest.hexdigest())
