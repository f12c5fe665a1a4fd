"""Helpers every app's write functions share."""

from django.db import models


def save_with_history(instance: models.Model, *, actor, reason: str = "", **save_kwargs) -> None:
    """Save and record `actor` and `reason` on the history row simple-history writes."""
    instance._history_user = actor  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save(**save_kwargs)
