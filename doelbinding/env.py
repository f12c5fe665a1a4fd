"""Read the environment once, collect every problem, and stop start-up with one clear message."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(ImproperlyConfigured):
    """Raised from settings when the environment is wrong; lists every problem at once."""


class Env:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ
        self.problems: list[str] = []

    def _parse(self, name: str, default: T, parse: Callable[[str], T], expected: str) -> T:
        raw = self.environ.get(name)
        if raw is None:
            return default
        try:
            return parse(raw.strip())
        except ValueError:
            self.problems.append(f"{name}={raw!r} is not valid: expected {expected}.")
            return default

    def text(self, name: str, default: str = "") -> str:
        return self.environ.get(name, default).strip()

    def required(self, name: str, why: str) -> str:
        value = self.environ.get(name, "").strip()
        if not value:
            self.problems.append(f"{name} is required {why}.")
        return value

    def flag(self, name: str, default: bool) -> bool:
        def parse(raw: str) -> bool:
            word = raw.lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise ValueError(raw)

        return self._parse(name, default, parse, "one of 1/0, true/false, yes/no, on/off")

    def integer(self, name: str, default: int, *, minimum: int = 0) -> int:
        def parse(raw: str) -> int:
            value = int(raw)
            if value < minimum:
                raise ValueError(raw)
            return value

        return self._parse(name, default, parse, f"a whole number >= {minimum}")

    def items(self, name: str, default: list[str]) -> list[str]:
        return self._parse(name, default, lambda raw: [p.strip() for p in raw.split(",") if p.strip()], "a list")

    def fail(self, problem: str) -> None:
        self.problems.append(problem)

    def check(self) -> None:
        if self.problems:
            lines = "\n".join(f"  - {p}" for p in self.problems)
            raise ConfigurationError(
                f"Doelbinding cannot start; fix these environment variables (see docs/administrator.md):\n{lines}"
            )
