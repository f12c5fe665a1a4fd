"""Per-municipality themes: a design-token file (NL Design System token format) becomes CSS custom properties.

A token file nests names and ends in {"value": ...}; {"utrecht": {"button": {"color": {"value": "#fff"}}}}
becomes `--utrecht-button-color: #fff`. The file's properties override the Utrecht defaults.
"""

import json
import re
from functools import cache
from pathlib import Path

TOKEN_DIR = Path(__file__).resolve().parent / "theme_tokens"
DEFAULT_THEME = "standaard"
SAFE_VALUE = re.compile(r"^[#(),.%\w\s\-\"']+$")


def _flatten(tree: dict, prefix: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, node in tree.items():
        if key.startswith("$") or key == "comment":
            continue
        if isinstance(node, dict) and ("value" in node or "$value" in node):
            value = str(node.get("$value", node.get("value")))
            if not SAFE_VALUE.match(value):
                raise ValueError(f"unsafe token value for {'-'.join((*prefix, key))}: {value!r}")
            pairs.append(("--" + "-".join((*prefix, key)), value))
        elif isinstance(node, dict):
            pairs.extend(_flatten(node, (*prefix, key)))
    return pairs


def available_themes() -> list[str]:
    return sorted(p.name.removesuffix(".tokens.json") for p in TOKEN_DIR.glob("*.tokens.json"))


@cache
def theme_css(name: str) -> str | None:
    """The CSS for theme `name`, or None when there is no such token file."""
    if name not in available_themes():
        return None
    tokens = json.loads((TOKEN_DIR / f"{name}.tokens.json").read_text(encoding="utf-8"))
    body = "\n".join(f"  {prop}: {value};" for prop, value in _flatten(tokens))
    return f".utrecht-theme {{\n{body}\n}}\n"
