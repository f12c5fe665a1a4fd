"""An uploaded register waiting between the import steps.

The file lives under MEDIA_ROOT/imports/<uuid>.xlsx, which is never served; only the session of the user who
uploaded it knows its name, and only while acting for the same municipality. It is deleted on confirm or cancel,
and files that outlived every session are swept on the next upload.
"""

from __future__ import annotations

import os
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from doelbinding.register import spreadsheet

SESSION_KEY = "register_import"


@dataclass(frozen=True)
class Upload:
    path: Path
    name: str
    mapping: list[str] | None  # the column mapping last checked, if any
    checked: bool  # that check found no problem


def directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def store(request, upload) -> spreadsheet.Preview:
    """Keep the uploaded file for this session if it is a usable spreadsheet; UploadRefused if not."""
    discard(request)
    _sweep()
    token = uuid.uuid4()
    path = directory() / f"{token}.xlsx"
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    try:
        preview = spreadsheet.inspect(path)
    except spreadsheet.UploadRefused:
        path.unlink()
        raise
    request.session[SESSION_KEY] = {
        "token": str(token),
        "name": Path(upload.name).name[:200],
        "controller": str(request.acting.controller.uuid),
        "mapping": None,
        "checked": False,
    }
    return preview


def get(request) -> Upload | None:
    """This session's upload for the municipality acted for, if there is one."""
    data = request.session.get(SESSION_KEY)
    if not data or data["controller"] != str(request.acting.controller.uuid):
        return None
    path = directory() / f"{uuid.UUID(data['token'])}.xlsx"
    if not path.exists():
        del request.session[SESSION_KEY]
        return None
    return Upload(path=path, name=data["name"], mapping=data["mapping"], checked=data["checked"])


def remember(request, mapping: list[str], *, checked: bool) -> None:
    request.session[SESSION_KEY] = {**request.session[SESSION_KEY], "mapping": mapping, "checked": checked}


def discard(request) -> None:
    data = request.session.pop(SESSION_KEY, None)
    if data:
        (directory() / f"{uuid.UUID(data['token'])}.xlsx").unlink(missing_ok=True)


def _sweep() -> None:
    """Remove uploads older than the longest session: nobody can confirm or cancel them any more."""
    if not directory().is_dir():
        return
    cutoff = time.time() - settings.SESSION_ABSOLUTE_SECONDS
    for path in directory().glob("*.xlsx"):
        with suppress(FileNotFoundError):  # another request may sweep at the same time
            if path.stat().st_mtime < cutoff:
                path.unlink()
