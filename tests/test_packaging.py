"""The installed distribution carries every package: a provider missing from pyproject's package
list works from a checkout and fails only once installed (the live tests would say so, late)."""
from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("emulator", "contracts")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert on_disk - listed == set()
