"""Contiguous runs of numbers: what Enfonica provisions as one range instance and what Wazo creates in
bulk. A range is a start and a size; its numbers are the start counted up, keeping the start's
form (a leading ``+``, the digit count, leading zeros), so ``+61255501100`` and size 100 end at
``+61255501199``. Everything here is arithmetic: no range is ever expanded to split it or to ask
whether it holds a number.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .errors import InvalidArgument


def _split(number: str) -> tuple[str, str]:
    """(``+`` or "", digits) of a number in the forms ranges use; raises ValueError otherwise."""
    sign, digits = ("+", number[1:]) if number.startswith("+") else ("", number)
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"{number!r} is not digits with an optional leading +")
    return sign, digits


@dataclass(frozen=True, slots=True)
class NumberRange:
    start: str
    size: int

    def __post_init__(self) -> None:
        _split(self.start)  # raises on a malformed start
        if self.size < 1:
            raise ValueError("a range holds at least one number")

    @classmethod
    def between(cls, start: str, end: str, *, start_field: str = "start", end_field: str = "end") -> "NumberRange":
        """The range from ``start`` to ``end`` inclusive: both with ``+`` or both without, ``end``
        not below ``start``. Numbers keep the start's digit count (``0998``..``1001``) and may
        grow past it (``98``..``100``); the error names the field at fault."""
        try:
            start_sign, start_digits = _split(start)
        except ValueError as error:
            raise InvalidArgument(start_field, str(error)) from None
        try:
            end_sign, end_digits = _split(end)
        except ValueError as error:
            raise InvalidArgument(end_field, str(error)) from None
        if start_sign != end_sign:
            raise InvalidArgument(end_field, f"{end} and {start} must both have a leading + or both not")
        if int(end_digits) < int(start_digits):
            raise InvalidArgument(end_field, f"{end} comes before {start}")
        span = cls(start, int(end_digits) - int(start_digits) + 1)
        if span.end != end:
            raise InvalidArgument(end_field, f"{end} is not written as the range writes it ({span.end})")
        return span

    @property
    def end(self) -> str:
        return self.number_at(self.size - 1)

    def number_at(self, index: int) -> str:
        sign, digits = _split(self.start)
        return f"{sign}{int(digits) + index:0{len(digits)}d}"

    def index_of(self, number: str) -> int | None:
        """The position of ``number`` in the range, or None when it is not one of its numbers."""
        try:
            _sign, digits = _split(number)
        except ValueError:
            return None
        index = int(digits) - int(_split(self.start)[1])
        return index if 0 <= index < self.size and self.number_at(index) == number else None

    def __contains__(self, number: object) -> bool:
        return isinstance(number, str) and self.index_of(number) is not None

    def __iter__(self) -> Iterator[str]:
        sign, digits = _split(self.start)
        first, width = int(digits), len(digits)
        return (f"{sign}{n:0{width}d}" for n in range(first, first + self.size))

    def __len__(self) -> int:
        return self.size

    def split(self, keep: int) -> tuple["NumberRange", "NumberRange"]:
        """The first ``keep`` numbers, and the rest (both non-empty)."""
        if not 0 < keep < self.size:
            raise ValueError(f"a range of {self.size} splits keeping 1 to {self.size - 1} numbers, not {keep}")
        return NumberRange(self.start, keep), NumberRange(self.number_at(keep), self.size - keep)

    def overlaps(self, other: "NumberRange") -> bool:
        """Whether some number is in both. Values below the wider start's width are written
        differently in the two ranges (``099`` and ``99``), so only values from there count."""
        sign, digits = _split(self.start)
        other_sign, other_digits = _split(other.start)
        if sign != other_sign:
            return False
        low = max(int(digits), int(other_digits))
        high = min(int(digits) + self.size, int(other_digits) + other.size) - 1
        if len(digits) != len(other_digits):
            low = max(low, 10 ** (max(len(digits), len(other_digits)) - 1))
        return low <= high

    def notation(self) -> str:
        """The short form documents use: ``+61255501100-99`` (the end's digits after the part it
        shares with the start); a single number is just itself."""
        if self.size == 1:
            return self.start
        end = self.end
        if len(end) != len(self.start):
            return f"{self.start}-{end}"
        shared = next((i for i, (a, b) in enumerate(zip(self.start, end)) if a != b), len(end))
        return f"{self.start}-{end[shared:]}"

    @classmethod
    def parse(cls, text: str) -> "NumberRange":
        """A range from :meth:`notation` (``+61255501100-99``, ``+61255501100-+61255501199``, or
        one number); raises ValueError when ``text`` is none of these."""
        start, dash, tail = text.partition("-")
        if not dash:
            return cls(start, 1)
        _split(tail.lstrip("+"))
        if tail.startswith("+") or len(tail) >= len(start):
            end = tail
        else:
            end = start[: len(start) - len(tail)] + tail
        try:
            return cls.between(start, end)
        except InvalidArgument as error:
            raise ValueError(error.message) from None

    def __str__(self) -> str:
        return self.notation()


def form_of(number: str) -> tuple[str, int]:
    """What the numbers of a fixed-width range share: the sign and the digit count."""
    sign, digits = _split(number)
    return sign, len(digits)
