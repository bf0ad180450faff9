"""The emulator's clock: real time by default, or frozen and moved explicitly by tests."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone


class VirtualClock:
    """Seconds since the epoch, as the world sees them.

    Running: real time plus an offset (so ``advance`` works while running too).
    Frozen: a fixed instant that only ``advance`` and ``set`` move.
    """

    def __init__(self, frozen_at: float | None = None) -> None:
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen_at = frozen_at

    def now(self) -> float:
        frozen = self._frozen_at
        return frozen if frozen is not None else time.time() + self._offset

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def freeze(self, at: float | None = None) -> None:
        with self._lock:
            self._frozen_at = self.now() if at is None else float(at)

    def unfreeze(self) -> None:
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - time.time()
                self._frozen_at = None

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += seconds
            else:
                self._offset += seconds

    def set(self, at: float) -> None:
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = float(at)
            else:
                self._offset = float(at) - time.time()


def to_datetime(epoch_seconds: float) -> datetime:
    return datetime.fromtimestamp(epoch_seconds, tz=timezone.utc)


def rfc3339(epoch_seconds: float) -> str:
    """``2026-11-23T12:00:00.123456Z``: the timestamp form of JSON APIs (Sinch, Google-style)."""
    return to_datetime(epoch_seconds).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def add_months(epoch_seconds: float, months: int) -> float:
    """The same day-of-month ``months`` later (clamped to the month's last day), UTC."""
    dt = to_datetime(epoch_seconds)
    month_index = dt.month - 1 + months
    year, month = dt.year + month_index // 12, month_index % 12 + 1
    for day in (dt.day, 30, 29, 28):
        try:
            return dt.replace(year=year, month=month, day=day).timestamp()
        except ValueError:
            continue
    raise AssertionError("unreachable")
