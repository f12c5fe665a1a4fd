from django import template

from doelbinding.policy import Role

register = template.Library()


@register.filter
def function_label(code: str) -> str:
    """The function under which someone processed the data, in words: a role of the policy, or as given."""
    if code == "betrokkene":
        return "U zelf"
    return str(Role(code).label) if code in Role.values else code
