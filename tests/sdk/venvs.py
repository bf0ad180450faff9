"""Virtualenvs for official SDKs that can't share our test environment (the ``signalwire`` SDK pins
twilio 6.54.0; ours is twilio 9). Made on first use under ``.cache/sdk-venvs/`` (git-ignored) and
reused while the requirement is unchanged; built in a temporary directory and renamed into place,
so an interrupted build is never mistaken for a finished one."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / ".cache" / "sdk-venvs"


def sdk_python(name: str, requirement: str) -> Path:
    """The python of a virtualenv named ``name`` holding ``requirement`` (e.g. signalwire==2.1.1)."""
    target = ROOT / name
    marker = target / "requirement.txt"
    python = target / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    if marker.exists() and marker.read_text() == requirement and python.exists():
        return python
    ROOT.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=ROOT))
    venv.EnvBuilder(with_pip=True).create(building)
    built_python = building / python.relative_to(target)
    subprocess.run([str(built_python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement],
                   check=True, timeout=600)
    (building / "requirement.txt").write_text(requirement)
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    return python
