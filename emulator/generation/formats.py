"""Writing records: a JSON array (one record per line), NDJSON, or CSV.

CSV flattens each record: nested objects become dotted columns (``setupPrice.amount``), lists of
plain values are joined with ``;`` (``SMS;VOICE``), other lists are written as JSON; booleans are
``true`` / ``false`` and null is empty. The header is every column in the order first seen.
``FiniteInventory.load`` reads all three back.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

FORMATS = ("json", "ndjson", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            return ";".join(str(v) for v in value)
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def flatten(record: dict[str, Any], prefix: str = "", into: dict[str, str] | None = None) -> dict[str, str]:
    row: dict[str, str] = {} if into is None else into
    for key, value in record.items():
        name = prefix + key
        if isinstance(value, dict) and value:
            flatten(value, name + ".", row)
        else:
            row[name] = _cell(value) if not isinstance(value, dict) else ""
    return row


def write(records: Iterable[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write ``records`` to ``out`` in ``fmt``; returns how many."""
    count = 0
    if fmt == "ndjson":
        for record in records:
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
            count += 1
    elif fmt == "json":
        out.write("[")
        for record in records:
            out.write(("\n" if count == 0 else ",\n") + json.dumps(record, separators=(",", ":")))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif fmt == "csv":
        rows = [flatten(record) for record in records]  # the header needs every record's columns
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)
        count = len(rows)
    else:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    return count
