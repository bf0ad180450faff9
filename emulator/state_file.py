"""``serve --state FILE``: the world is read from FILE at start and written back at shutdown, so
nothing is lost on a restart. The file is a snapshot (``GET /_emulator/snapshot``'s document); it is
replaced atomically (written beside it, flushed, then renamed over it), so a crash mid-write leaves
the previous state whole.
"""
from __future__ import annotations

import json
import multiprocessing.util
import os
import tempfile
from pathlib import Path
from typing import Any

from .core import World
from .core.codec import SnapshotError
from .core.snapshot import DEFINING, export_world, import_world


class StateFileError(Exception):
    """The state file exists but cannot be used; the message says why and what to do."""


def read(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The snapshot in ``path``; None when there is no such file yet (a first start)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise StateFileError(f"cannot read the state file {path}: {error}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise StateFileError(f"the state file {path} is not JSON ({error}): move it away to start afresh") from None
    if not isinstance(data, dict) or not isinstance(data.get("config"), dict):
        raise StateFileError(f"the state file {path} is not a numbers-emulator snapshot")
    return data


def defining_settings(data: dict[str, Any]) -> dict[str, Any]:
    """The settings the snapshot was written with that define the world (seed, density)."""
    return {name: data["config"][name] for name in DEFINING if name in data["config"] and name != "currency"}


def restore(world: World, path: str | os.PathLike[str]) -> dict[str, int] | None:
    """Read ``path`` into ``world``; None if there is no file yet."""
    data = read(path)
    if data is None:
        return None
    try:
        return import_world(world, data)
    except SnapshotError as error:
        raise StateFileError(f"the state file {path} does not read: {error}") from None


def save(world: World, path: str | os.PathLike[str]) -> int:
    """Write the world to ``path`` atomically; returns the bytes written."""
    target = Path(path)
    payload = json.dumps(export_world(world), separators=(",", ":")).encode()
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(payload)


def save_at_exit(world: World, path: str | os.PathLike[str]) -> None:
    """Save the world to ``path`` when this process ends normally (a stop with Ctrl-C or SIGTERM).

    multiprocessing's exit finalizers run both in a server's worker process (which leaves with
    ``os._exit``, skipping ``atexit``) and, through ``atexit``, in a plain process."""
    multiprocessing.util.Finalize(None, save, args=(world, path), exitpriority=100)
