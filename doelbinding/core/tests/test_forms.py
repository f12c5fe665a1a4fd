"""A service's refusal lands on the form, whichever fields it names."""

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from doelbinding.core.forms import add_refusal


class TitleForm(forms.Form):
    title = forms.CharField()


@pytest.mark.parametrize(
    ("error", "on_title", "on_top"),
    [
        (ValidationError("Dit mag niet."), [], ["Dit mag niet."]),
        (ValidationError({"title": "Te kort."}), ["Te kort."], []),
        (ValidationError({"involvement": "Beëindigd."}), [], ["Beëindigd."]),  # a field the form does not show
        (ValidationError({NON_FIELD_ERRORS: "Algemeen."}), [], ["Algemeen."]),
        (
            ValidationError({"title": "Te kort.", "involvement": "Beëindigd."}),
            ["Te kort."],
            ["Beëindigd."],
        ),
    ],
)
def test_each_message_lands_at_its_field_or_at_the_top(error, on_title, on_top):
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    add_refusal(form, error)
    assert form.errors.get("title", []) == on_title
    assert form.non_field_errors() == on_top
    assert not form.is_valid()
