"""Base pattern for records whose changes must be accountable: who changed what, when, from what to what."""

from django.db import models
from simple_history.models import HistoricalRecords


class HistoricalModel(models.Model):
    """Inherit from this for governance records; every save writes a history row (simple-history).

    Writes go through service functions that pass `actor=`; `core.services.save_with_history` records it.
    """

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
