"""Start the installed ``numbers-emulator`` console script on a free port, for tests that need a
real server (official SDKs, concurrency over sockets). Run from a temporary directory, so the
server imports the *installed* package and must find its bundled specs there."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def console_script() -> list[str]:
    script = Path(sys.executable).with_name("numbers-emulator")
    if script.exists():
        return [str(script)]
    found = shutil.which("numbers-emulator")
    return [found] if found else [sys.executable, "-m", "emulator"]


@contextmanager
def live_emulator(*args: str, timeout: float = 20.0) -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:PORT``) of a running emulator."""
    port = free_port()
    with tempfile.TemporaryDirectory() as cwd:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NUMBERS_EMULATOR_")}
        env.pop("PYTHONPATH", None)
        process = subprocess.Popen(
            [*console_script(), "serve", "--port", str(port), *args],
            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"emulator exited: {process.stdout.read() if process.stdout else ''}")
                try:
                    urllib.request.urlopen(f"{base}/sinch/v1/projects/x/availableRegions", timeout=1)
                except urllib.error.HTTPError:
                    break  # it answered (401 without credentials)
                except OSError:
                    if time.monotonic() > deadline:
                        raise TimeoutError("emulator did not start") from None
                    time.sleep(0.05)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
