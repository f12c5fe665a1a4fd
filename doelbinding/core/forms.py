from django.forms.renderers import TemplatesSetting


class NldsFormRenderer(TemplatesSetting):
    """Renders every form, including those of Django and two_factor, with NL Design System markup."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
