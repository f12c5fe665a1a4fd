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
    # The organisation the user works for when acting for the controller: the controller itself, or the executing
    # organisation that serves it (the log records it as the actor's organisation).
    organisation_id: int | None = None

    def can(self, cap: Cap) -> bool:
        return self.controller is not None and allows(self.roles, cap)

    @property
    def may_switch(self) -> bool:
        return len(self.choices) > 1


NOBODY = Acting(controller=None)
