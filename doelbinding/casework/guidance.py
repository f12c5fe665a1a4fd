"""The reference data of case work (DESIGN §3.6): the multi-problem criteria and the do's and don'ts, as versioned
files in casework/reference/, in the project's own words. Read once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference"


@dataclass(frozen=True)
class Criterion:
    code: str
    text: str
    required: bool


@dataclass(frozen=True)
class Guideline:
    number: int
    title: str
    text: str


@cache
def criteria() -> tuple[Criterion, ...]:
    data = json.loads((REFERENCE / "multi_problem_criteria.json").read_text(encoding="utf-8"))
    return tuple(Criterion(**item) for item in data["criteria"])


@cache
def dos_and_donts() -> dict[int, Guideline]:
    data = json.loads((REFERENCE / "dos_and_donts.json").read_text(encoding="utf-8"))
    return {item["number"]: Guideline(**item) for item in data["items"]}
