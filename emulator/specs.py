"""The bundled OpenAPI specs, found the same way from a source checkout and an installed wheel."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


def spec_dir() -> Path:
    """``emulator/openapi`` in an installed copy (mapped there by pyproject), else the checkout's."""
    for candidate in (_PACKAGE_DIR / "openapi", _PACKAGE_DIR.parent / "openapi"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("bundled OpenAPI specs not found next to the emulator package")


def fixture_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "fixtures", _PACKAGE_DIR.parent / "fixtures"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("bundled fixtures not found next to the emulator package")


def spec_names() -> list[str]:
    return sorted(p.stem for p in spec_dir().glob("*.yaml"))


def spec_path(name: str) -> Path:
    return spec_dir() / f"{name}.yaml"


# libyaml's parser is about ten times faster than pure-Python PyYAML: it matters at start-up.
_SpecLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _load(name: str) -> Any:
    return yaml.load(spec_path(name).read_text(), Loader=_SpecLoader)  # noqa: S506 - a safe loader


def load_spec(name: str) -> dict[str, Any]:
    """The parsed spec ``name`` (``sinch``...). Cached: treat it as read-only."""
    return _load(name)
