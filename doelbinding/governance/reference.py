"""The reference content of this app (reference/*.json, DESIGN.md §3.6): the roles of Tabel 3, the activities of
Tabel 2 with the seed's pre-filled columns and its worked example, and the two governance step plans."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from doelbinding.governance import rules

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


@dataclass(frozen=True)
class ReferenceRole:
    code: str
    name: str
    abbreviation: str
    group: str
    description: str
    responsibilities: tuple[str, ...]
    staffed: bool
    fixed: bool
    example: bool
    informs: tuple[str, ...]
    advises: tuple[str, ...]
    reports_to: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceActivity:
    code: str
    name: str
    prefilled: dict[str, str]
    example: dict[str, str]


@dataclass(frozen=True)
class Step:
    code: str
    plan: str
    title: str
    explanation: str


def _read(name: str) -> dict:
    return json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))


@cache
def roles() -> tuple[ReferenceRole, ...]:
    return tuple(
        ReferenceRole(
            code=row["code"],
            name=row["name"],
            abbreviation=row["abbreviation"],
            group=row["group"],
            description=row["description"],
            responsibilities=tuple(row["responsibilities"]),
            staffed=row["staffed"],
            fixed=row["fixed"],
            example=row["example"],
            informs=tuple(row["informs"]),
            advises=tuple(row["advises"]),
            reports_to=tuple(row["reports_to"]),
        )
        for row in _read("roles.json")["roles"]
    )


@cache
def activities() -> tuple[ReferenceActivity, ...]:
    return tuple(
        ReferenceActivity(row["code"], row["name"], dict(row["prefilled"]), dict(row["example"]))
        for row in _read("activities.json")["activities"]
    )


@cache
def steps() -> tuple[Step, ...]:
    return tuple(
        Step(step["code"], plan["code"], step["title"], step["explanation"])
        for plan in _read("step_plans.json")["plans"]
        for step in plan["steps"]
    )


@cache
def plan_names() -> dict[str, str]:
    return {plan["code"]: plan["name"] for plan in _read("step_plans.json")["plans"]}


def seed_matrix(*, example: bool) -> rules.Matrix:
    """Tabel 2 as the seed prints it (pre-filled columns only), or with its worked example filled in."""
    chosen = [role for role in roles() if role.example]
    cells = {}
    for activity in activities():
        letters = {**activity.prefilled, **(activity.example if example else {})}
        cells.update({(activity.code, role): value for role, value in letters.items()})
    return rules.Matrix(
        activities=tuple(rules.MatrixActivity(a.code, a.name) for a in activities()),
        roles=tuple(rules.MatrixRole(r.code, r.name, r.abbreviation) for r in chosen),
        cells=cells,
    )
