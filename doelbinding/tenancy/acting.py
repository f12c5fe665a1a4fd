"""What a request acts as: which user, for which controller, in which roles and domains."""

from __future__ import annotations

from dataclasses import dataclass, field

from doelbinding.policy import Cap, allows


@dataclass(frozen=True)
class Acting:
    controller: object | None
    roles: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    choices: tuple = field(default=())

    def can(self, cap: Cap) -> bool:
        return self.controller is not None and allows(self.roles, cap)

    @property
    def may_switch(self) -> bool:
        return len(self.choices) > 1


NOBODY = Acting(controller=None)
