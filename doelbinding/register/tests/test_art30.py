"""Every field of AVG art. 30(1) is in the model, the form (UI), the exports and the API."""

import pytest

from doelbinding.register.api import ActivitySerializer
from doelbinding.register.columns import COLUMNS
from doelbinding.register.forms import ActivityForm
from doelbinding.register.models import ActivityVersion

# art. 30(1) sub-paragraph → the model fields that carry it ((a) is the controller and its FG: columns only)
ART_30 = {
    "b purposes": ["purposes"],
    "c categories of data subjects": ["subject_categories"],
    "c categories of personal data": ["data_categories"],
    "d recipients": ["recipients"],
    "e transfers and safeguards": ["third_country_transfers", "transfer_safeguards"],
    "f retention": ["retention_period"],
    "g security measures": ["security_measures"],
}
CONTROLLER_COLUMNS = ["verwerkingsverantwoordelijke", "functionaris_gegevensbescherming"]
FIELD_COLUMNS = {column.field: column.key for column in COLUMNS if column.field}


@pytest.mark.parametrize(("paragraph", "fields"), ART_30.items())
def test_art_30_field_is_everywhere(paragraph, fields):
    model_fields = {f.name for f in ActivityVersion._meta.get_fields()}
    for name in fields:
        assert name in model_fields, f"{paragraph}: model"
        assert name in ActivityForm.base_fields, f"{paragraph}: form"
        assert name in FIELD_COLUMNS, f"{paragraph}: exports"
        assert FIELD_COLUMNS[name] in ActivitySerializer().fields, f"{paragraph}: API"


def test_controller_and_fg_are_columns_and_in_the_api():
    keys = {c.key for c in COLUMNS}
    for key in CONTROLLER_COLUMNS:
        assert key in keys
        assert key in ActivitySerializer().fields


def test_every_editable_field_is_shown_and_exported():
    form_fields = set(ActivityForm.base_fields)
    internal = {
        "public_description",
        "domain",
        "owner_role",
        "basis_explanation",
        "further_processing",
        "compatibility_assessment",
        "dpia_status",
        "confidential",
        "confidential_until",
        "review_date",
    }
    assert form_fields - internal <= set(FIELD_COLUMNS)
