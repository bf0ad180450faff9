"""Seeded identifiers: the same seed gives the same ids in the same order."""
from __future__ import annotations

import threading

from .hashing import seeded


class IdGenerator:
    """Deterministic ids drawn from a counter hashed under the world's seed."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._counter = 0
        self._lock = threading.Lock()

    def _next(self) -> int:
        with self._lock:
            self._counter += 1
            return self._counter

    def hex(self, length: int = 32) -> str:
        n = self._next()
        digits = ""
        lane = 0
        while len(digits) < length:
            digits += f"{seeded(self._seed, 'id', n, lane):016x}"
            lane += 1
        return digits[:length]

    def uuid4(self) -> str:
        """An RFC 4122 version-4-shaped UUID string."""
        h = self.hex(32)
        variant = "89ab"[int(h[16], 16) % 4]
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"

    def token(self, length: int = 43) -> str:
        """An opaque URL-safe token (for access tokens)."""
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        n = int(self.hex(64), 16)
        out = []
        for _ in range(length):
            n, r = divmod(n, 64)
            out.append(alphabet[r])
        return "".join(out)

    @property
    def state(self) -> int:
        return self._counter

    @state.setter
    def state(self, value: int) -> None:
        with self._lock:
            self._counter = int(value)
