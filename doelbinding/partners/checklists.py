"""The clause checklists of reference/clauses.json: which items an agreement of a kind, with partners that work
together in a given way (seed 000 §4.3), must contain. Read once; the file is part of the code."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference" / "clauses.json"


@dataclass(frozen=True)
class Clause:
    code: str
    text: str
    source: str
    mandatory: bool = True


def _load() -> tuple[dict[str, Clause], dict[str, list[str]], dict[str, dict]]:
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    clauses = {row["code"]: Clause(**row) for row in data["clauses"]}
    if len(clauses) != len(data["clauses"]):
        raise ValueError("clauses.json: code dubbel opgenomen")
    return clauses, data["agreement_kinds"], data["collaborations"]


CLAUSES, BY_AGREEMENT_KIND, BY_COLLABORATION = _load()


def checklist(agreement_kind: str, collaborations: Iterable[str] = ()) -> list[str]:
    """The clause codes, in order and each once: those of the kind, then those of each way of working together."""
    codes = list(BY_AGREEMENT_KIND[agreement_kind])
    for collaboration in sorted(set(collaborations)):
        extra = BY_COLLABORATION.get(collaboration)
        if extra and agreement_kind in extra["agreement_kinds"]:
            codes += [code for code in extra["clauses"] if code not in codes]
    return codes
