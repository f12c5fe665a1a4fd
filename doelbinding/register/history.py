"""History of register records whose categories (a many-to-many field) are part of what was decided.

simple-history writes a row for every save and one more for every many-to-many change; these helpers write one
row per change, with the categories of that moment, and read it back as who/when/why/what.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext

from doelbinding.core.services import save_with_history


def save_with_categories(instance: models.Model, *, actor, reason: str, relations: dict[str, Iterable]) -> None:
    """Save `instance` and set its many-to-many `relations`, as one history row that includes them."""
    instance.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        instance.save()
        for name, values in relations.items():
            getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving  # type: ignore[attr-defined]
    save_with_history(instance, actor=actor, reason=reason)


def changes_of(instance: models.Model, *, fields: Sequence[str], categories: str | None = None) -> list[dict]:
    """The history, newest first: when, who, why, and what changed against the row before (with the categories
    of each moment when `categories` names the many-to-many relation that holds them)."""
    records = list(instance.history.select_related("history_user").order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    names = _category_names(records, categories)
    changes, previous = [], None
    for record in records:
        what = [] if previous is None else _differences(instance, previous, record, fields)
        if previous is not None:
            added = sorted(names[record.history_id] - names[previous.history_id])
            removed = sorted(names[previous.history_id] - names[record.history_id])
            if added:
                what.append(gettext("categorieën erbij: %(names)s") % {"names": ", ".join(added)})
            if removed:
                what.append(gettext("categorieën eraf: %(names)s") % {"names": ", ".join(removed)})
        changes.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "reason": record.history_change_reason,
                "what": what,
                "categories": sorted(names[record.history_id]),
            }
        )
        previous = record
    return changes[::-1]


def _category_names(records: list, categories: str | None) -> dict[int, set[str]]:
    names: dict[int, set[str]] = {record.history_id: set() for record in records}
    if records and categories:
        through = getattr(type(records[0]), categories).model
        for row in through.objects.filter(history__in=records).select_related("datacategory"):
            names[row.history_id].add(row.datacategory.name)
    return names


def _differences(instance: models.Model, older, newer, fields: Sequence[str]) -> list[str]:
    what = []
    for name in fields:
        field = instance._meta.get_field(name)
        before, after = getattr(older, field.attname), getattr(newer, field.attname)  # type: ignore[union-attr]
        if before == after:
            continue
        label = capfirst(str(field.verbose_name))  # type: ignore[union-attr]
        if field.choices:
            labels = dict(field.choices)
            what.append(f"{label}: {labels.get(before, before) or '—'} → {labels.get(after, after) or '—'}")
        else:
            what.append(gettext("%(field)s gewijzigd") % {"field": label})
    return what
