"""Loads the register's legal reference library (reference/*.json) idempotently.

Every row is matched on its code and updated in place, so loading again changes nothing and edits to the files
reach the database. Rows that disappear from a file are left alone: activities may still cite them.
"""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from doelbinding.register.models import DataCategory, Law, Provision, ProvisionKind, SubjectCategory

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def read_rows(filename: str, key: str) -> list[dict[str, Any]]:
    """The rows under `key` in reference/`filename`, refusing a file that lists a code twice."""
    rows = json.loads((REFERENCE_DIR / filename).read_text(encoding="utf-8"))[key]
    codes = [row["code"] for row in rows]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValueError(f"{filename}: code dubbel opgenomen: {', '.join(duplicates)}")
    return rows


def load_laws() -> int:
    rows = read_rows("laws.json", "laws")
    for row in rows:
        Law.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "abbreviation": row["abbreviation"], "note": row.get("note", "")},
        )
    return len(rows)


def load_provisions() -> int:
    """Provisions name their law by code; the laws must be loaded first."""
    rows = read_rows("provisions.json", "provisions")
    laws = {law.code: law for law in Law.objects.all()}
    for row in rows:
        if row["law"] not in laws:
            raise ValueError(f"provisions.json: {row['code']} verwijst naar onbekende wet {row['law']!r}")
        if row["kind"] not in ProvisionKind.values:
            raise ValueError(f"provisions.json: {row['code']} heeft onbekende soort {row['kind']!r}")
        Provision.objects.update_or_create(
            code=row["code"],
            defaults={
                "law": laws[row["law"]],
                "kind": row["kind"],
                "article": row["article"],
                "title": row["title"],
                "explanation": row.get("explanation", ""),
            },
        )
    return len(rows)


def load_data_categories() -> int:
    rows = read_rows("data_categories.json", "data_categories")
    for row in rows:
        DataCategory.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "special": row.get("special", False),
                "criminal": row.get("criminal", False),
                "identifier": row.get("identifier", False),
            },
        )
    return len(rows)


def load_subject_categories() -> int:
    rows = read_rows("subject_categories.json", "subject_categories")
    for row in rows:
        SubjectCategory.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
    return len(rows)


@transaction.atomic
def load_register_reference() -> dict[str, int]:
    """Loads the whole library in dependency order (laws before provisions); returns the rows read per file."""
    return {
        "laws": load_laws(),
        "provisions": load_provisions(),
        "data_categories": load_data_categories(),
        "subject_categories": load_subject_categories(),
    }
