"""The bundled OpenAPI specs, found the same way from a source checkout and an installed wheel."""
from __future__ import annotations

import json
import os
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
    """The parsed spec. Parsing YAML costs ~15 ms per spec even with libyaml, JSON ~0.3 ms: the
    parse is kept as JSON in the user's cache directory (as Python keeps .pyc files), keyed by the
    spec file's size and modification time, and used while those are unchanged."""
    path = spec_path(name)
    stat = path.stat()
    cached = _cache_dir() / f"{name}-{stat.st_size}-{stat.st_mtime_ns}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    parsed = yaml.load(path.read_text(encoding="utf-8"), Loader=_SpecLoader)  # noqa: S506 - a safe loader
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(parsed), encoding="utf-8")
        os.replace(temporary, cached)  # atomic: a concurrent reader sees all of it or nothing
    except OSError:
        pass  # a read-only home: parse every time
    return parsed


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "numbers-emulator" / "specs"


def load_spec(name: str) -> dict[str, Any]:
    """The parsed spec ``name`` (``sinch``...). Cached: treat it as read-only."""
    return _load(name)
