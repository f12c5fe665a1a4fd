"""Pure rules about memberships and API keys. No Django models here: data in, Dutch problems out."""

import hashlib
from collections.abc import Collection

from django.utils.translation import gettext as _

from doelbinding.policy import Role

ROLES_NEEDING_A_DOMAIN = frozenset({Role.CONSULENT, Role.SOCIAL_WORKER})


def membership_problems(
    roles: Collection[str], domains: Collection[str], known_domains: Collection[str] | None = None
) -> dict[str, list[str]]:
    """Problems per field name; empty when the combination of roles and domains is valid."""
    problems: dict[str, list[str]] = {}
    unknown_domains = sorted(set(domains) - set(known_domains)) if known_domains is not None else []
    if unknown_domains:
        problems.setdefault("domains", []).append(
            _("Onbekend domein: %(codes)s.") % {"codes": ", ".join(unknown_domains)}
        )
    unknown = sorted(set(roles) - set(Role.values))
    if not roles:
        problems.setdefault("roles", []).append(_("Kies minstens één rol."))
    if unknown:
        problems.setdefault("roles", []).append(_("Onbekende rol: %(roles)s.") % {"roles": ", ".join(unknown)})
    needing = sorted(str(Role(r).label) for r in set(roles) & ROLES_NEEDING_A_DOMAIN)
    if needing and not domains:
        problems.setdefault("domains", []).append(
            _("Een %(roles)s werkt in minstens één domein; kies er een.") % {"roles": " of ".join(needing).lower()}
        )
    return problems


API_KEY_PREFIX = "db_"


def api_key_hash(key: str) -> str:
    """Only this hash of an API key is stored."""
    return hashlib.sha256(key.encode()).hexdigest()
