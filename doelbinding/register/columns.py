"""The register as columns: one definition shared by the CSV, JSON, XLSX and PDF exports and the XLSX import.

Every field of AVG art. 30(1) is here: (a) controller and FG, (b) purposes, (c) categories of data subjects and of
personal data, (d) recipients, (e) transfers outside the EEA, (f) retention, (g) security measures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from doelbinding.register.models import ActivityVersion, field_label
from doelbinding.tenancy.models import Domain


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    field: str | None = None  # the ActivityVersion field, when the column is one

    def value(self, version: ActivityVersion, shown: dict[str, str], fg_contact: str) -> str:
        if self.key == "kenmerk":
            return version.activity.reference
        if self.key == "versie":
            return str(version.version)
        if self.key == "uri":
            return version.uri
        if self.key == "verwerkingsverantwoordelijke":
            return f"College van burgemeester en wethouders van {version.activity.controller.name}"
        if self.key == "functionaris_gegevensbescherming":
            return fg_contact
        if self.key == "status":
            return version.get_status_display()
        return shown.get(self.field, "") if self.field else ""


def _field_column(key: str, field: str) -> Column:
    return Column(key, field_label(field), field)


COLUMNS: list[Column] = [
    Column("kenmerk", _("Kenmerk")),
    Column("versie", _("Versie")),
    Column("uri", _("URI")),
    _field_column("naam", "name"),
    Column("verwerkingsverantwoordelijke", _("Verwerkingsverantwoordelijke")),
    Column("functionaris_gegevensbescherming", _("Functionaris gegevensbescherming")),
    _field_column("doeleinden", "purposes"),
    _field_column("uitleg", "public_description"),
    _field_column("domein", "domain"),
    _field_column("grondslagen", "lawful_bases"),
    _field_column("materiewet", "sector_provisions"),
    _field_column("toelichting_grondslag", "basis_explanation"),
    _field_column("betrokkenen", "subject_categories"),
    _field_column("persoonsgegevens", "data_categories"),
    _field_column("uitzonderingen_art9", "special_exceptions"),
    _field_column("uavg", "uavg_provisions"),
    _field_column("strafrechtelijk", "criminal_basis"),
    _field_column("bsn", "bsn_basis"),
    _field_column("ontvangers", "recipients"),
    _field_column("verwerkers", "processors"),
    _field_column("gezamenlijk_verantwoordelijken", "joint_controllers"),
    _field_column("doorgifte", "third_country_transfers"),
    _field_column("waarborgen_doorgifte", "transfer_safeguards"),
    _field_column("bewaartermijn", "retention_period"),
    _field_column("grondslag_bewaartermijn", "retention_basis"),
    _field_column("start_bewaartermijn", "retention_start"),
    _field_column("beveiliging", "security_measures"),
    _field_column("bron", "source"),
]

# What staff see beyond the open-data columns: the working notes that stay out of the public register.
INTERNAL_COLUMNS: list[Column] = [
    Column("status", _("Status")),
    _field_column("eigenaar", "owner_role"),
    _field_column("verdere_verwerking", "further_processing"),
    _field_column("verenigbaarheidstoets", "compatibility_assessment"),
    _field_column("dpia", "dpia_status"),
    _field_column("vertrouwelijk", "confidential"),
    _field_column("vertrouwelijk_tot", "confidential_until"),
    _field_column("herbeoordeling", "review_date"),
]

STAFF_COLUMNS: list[Column] = [*COLUMNS, *INTERNAL_COLUMNS]


def rows(versions, fg_contact: str, columns: list[Column] = COLUMNS):
    """One dict per version, keyed by column key; a generator so exports can stream."""
    domain_names = Domain.names()
    for version in versions:
        shown = version.display_values(domain_names)
        yield {column.key: column.value(version, shown, fg_contact) for column in columns}
