from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class NldsFormRenderer(TemplatesSetting):
    """Renders every form, including those of Django and two_factor, with NL Design System markup."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def add_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on `form`: each message at the field it names when the form has that field, and
    otherwise (a model field the form does not show, or no field at all) at the top of the form. Django's own
    `add_error(None, error)` raises on a field name the form does not know, which turned a refusal into a 500."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
