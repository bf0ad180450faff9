"""schemathesis configurations of the bundled specs: what no schema can express (statuses a
schema-valid request may get, checks that do not apply). Shared by the harness and our own tests."""
from __future__ import annotations

from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent


def config_path(name: str) -> Path:
    """The schemathesis TOML of one spec configuration (``sinch``, ``signalwire-relay``...)."""
    return CONFIG_DIR / f"{name}.schemathesis.toml"
