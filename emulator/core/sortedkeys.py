"""A sorted set of strings with cheap insert, delete and "iterate from key".

A plain sorted list costs O(n) per insert (1M owned numbers made bulk loads quadratic); this keeps
sorted chunks of at most ``CHUNK`` keys and an index of their last keys, as sortedcontainers does.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from typing import Iterator


class SortedKeys:
    CHUNK = 1000

    def __init__(self) -> None:
        self._chunks: list[list[str]] = []
        self._maxes: list[str] = []
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def add(self, key: str) -> None:
        if not self._chunks:
            self._chunks.append([key])
            self._maxes.append(key)
            self._len = 1
            return
        i = min(bisect_left(self._maxes, key), len(self._chunks) - 1)
        chunk = self._chunks[i]
        j = bisect_left(chunk, key)
        if j < len(chunk) and chunk[j] == key:
            return
        insort(chunk, key)
        self._maxes[i] = chunk[-1]
        self._len += 1
        if len(chunk) > 2 * self.CHUNK:
            self._chunks[i : i + 1] = [chunk[: self.CHUNK], chunk[self.CHUNK :]]
            self._maxes[i : i + 1] = [chunk[self.CHUNK - 1], chunk[-1]]

    def discard(self, key: str) -> None:
        i = bisect_left(self._maxes, key)
        if i == len(self._chunks):
            return
        chunk = self._chunks[i]
        j = bisect_left(chunk, key)
        if j == len(chunk) or chunk[j] != key:
            return
        del chunk[j]
        self._len -= 1
        if chunk:
            self._maxes[i] = chunk[-1]
        else:
            del self._chunks[i]
            del self._maxes[i]

    def after(self, key: str | None) -> Iterator[str]:
        """Keys strictly greater than ``key`` (all keys when None), in order."""
        if key is None:
            i, j = 0, 0
        else:
            i = bisect_right(self._maxes, key)
            if i == len(self._chunks):
                return
            j = bisect_right(self._chunks[i], key)
        for chunk in self._chunks[i:]:
            yield from chunk[j:]
            j = 0

    def before(self, key: str) -> Iterator[str]:
        """Keys strictly less than ``key``, nearest first (descending)."""
        if not self._chunks:
            return
        i = min(bisect_left(self._maxes, key), len(self._chunks) - 1)
        cut: int | None = bisect_left(self._chunks[i], key)
        for chunk in reversed(self._chunks[: i + 1]):
            yield from reversed(chunk[:cut])
            cut = None

    def __iter__(self) -> Iterator[str]:
        return self.after(None)
