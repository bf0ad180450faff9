"""Seeded, stable 64-bit hashing: the source of every "random" attribute of the virtual world.

Python's ``hash()`` of a str changes per process, so attributes would differ between runs; a fixed
mixer (splitmix64's finaliser) gives the same world for the same seed on every machine.
"""
from __future__ import annotations

_MASK = (1 << 64) - 1


def mix64(value: int) -> int:
    """Scramble a 64-bit integer (splitmix64 finaliser)."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def text_key(text: str) -> int:
    """A stable 64-bit key for a short string (FNV-1a)."""
    h = 0xCBF29CE484222325
    for byte in text.encode():
        h = ((h ^ byte) * 0x100000001B3) & _MASK
    return h


def seeded(seed: int, *parts: int | str) -> int:
    """Hash ``parts`` under ``seed``; ints are used as they are, strings through ``text_key``."""
    h = mix64(seed & _MASK)
    for part in parts:
        key = part if isinstance(part, int) else text_key(part)
        h = mix64(h ^ (key & _MASK))
    return h


def unit(seed: int, *parts: int | str) -> float:
    """A deterministic float in [0, 1) for ``parts`` under ``seed``."""
    return seeded(seed, *parts) / 2.0**64
