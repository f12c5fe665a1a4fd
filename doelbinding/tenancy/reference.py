"""Loads this app's reference data (reference/*.json) idempotently."""

import json
from pathlib import Path

from doelbinding.tenancy.models import Domain

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def load_domains() -> int:
    data = json.loads((REFERENCE_DIR / "domains.json").read_text(encoding="utf-8"))
    for row in data["domains"]:
        Domain.objects.update_or_create(code=row["code"], defaults={"name": row["name"], "position": row["position"]})
    return len(data["domains"])
