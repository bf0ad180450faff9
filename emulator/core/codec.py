"""Plain JSON for the world's records, and back, exactly: the snapshot format's encoding.

JSON has no tuples, no maps with non-string keys and no record types, so those are tagged:
``{"$tuple": [...]}``, ``{"$map": [[k, v], ...]}``, ``{"$": "OwnedNumber", field: value, ...}``
(fields equal to their default are left out). Only registered dataclasses are written or read
(``persisted``): a snapshot names no importable code, so reading one can only build records.

Reading checks every field against its annotation (``str``, ``float``, ``tuple[str, ...]``,
``X | None``, a record type...), so a hand-edited snapshot is refused with the path of the bad
value instead of storing a record that fails later.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import types
import typing
from typing import Any, Iterable, Mapping, TypeVar

T = TypeVar("T")

_MISSING = dataclasses.MISSING
_TYPES: dict[str, type] = {}  # registered name -> dataclass
_NAMES: dict[type, str] = {}
_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}  # dataclass -> ((field, default or _MISSING), ...)
_HINTS: dict[type, dict[str, Any]] = {}  # resolved lazily: annotations may name types defined later


class SnapshotError(ValueError):
    """A value that is not what the snapshot format allows at ``path``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def persisted(cls: type[T]) -> type[T]:
    """Register a dataclass as a record a snapshot may hold (by its class name, which is unique)."""
    name = cls.__name__
    if _TYPES.get(name, cls) is not cls:
        raise ValueError(f"two persisted record types are named {name}")
    _TYPES[name], _NAMES[cls] = cls, name
    fields = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        default = f.default if f.default is not _MISSING else (
            f.default_factory() if f.default_factory is not _MISSING else _MISSING)  # type: ignore[misc]
        fields.append((f.name, default))
    _FIELDS[cls] = tuple(fields)
    return cls


_SCALARS = (str, int, float, bool, type(None))


def encode(value: Any) -> Any:
    """``value`` as JSON-compatible data (see the module's tags)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [encode(v) for v in value]
    if kind is tuple:
        return {"$tuple": [encode(v) for v in value]}
    if kind is dict or isinstance(value, Mapping):
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is frozenset:
        return {"$frozenset": [encode(v) for v in value]}
    name = _NAMES.get(kind)
    if name is None:
        raise TypeError(f"a {kind.__name__} is not a persisted record type (register it with codec.persisted)")
    out: dict[str, Any] = {"$": name}
    for field, default in _FIELDS[kind]:
        item = getattr(value, field)
        if default is _MISSING or item != default or type(item) is not type(default):
            out[field] = encode(item)
    return out


def decode(data: Any, path: str = "$") -> Any:
    """The value ``encode`` wrote (records checked field by field)."""
    kind = type(data)
    if kind in _SCALARS:
        return data
    if kind is list:
        return [decode(v, f"{path}[{i}]") for i, v in enumerate(data)]
    if kind is not dict:
        raise SnapshotError(path, f"a {kind.__name__} is not JSON data")
    if "$" in data:
        return _decode_record(data, path)
    if "$tuple" in data:
        return tuple(decode(v, f"{path}[{i}]") for i, v in enumerate(_list_of(data, "$tuple", path)))
    if "$frozenset" in data:
        return frozenset(decode(v, f"{path}[{i}]") for i, v in enumerate(_list_of(data, "$frozenset", path)))
    if "$map" in data:
        pairs = _list_of(data, "$map", path)
        out = {}
        for i, pair in enumerate(pairs):
            if type(pair) is not list or len(pair) != 2:
                raise SnapshotError(f"{path}[{i}]", "a map entry is a [key, value] pair")
            key = decode(pair[0], f"{path}[{i}][0]")
            try:
                out[key] = decode(pair[1], f"{path}[{i}][1]")
            except TypeError:
                raise SnapshotError(f"{path}[{i}][0]", "a map key must be a plain value") from None
        return out
    return {k: decode(v, f"{path}.{k}") for k, v in data.items()}


def _list_of(data: dict, tag: str, path: str) -> list:
    value = data[tag]
    if len(data) != 1 or type(value) is not list:
        raise SnapshotError(path, f"{tag} holds a list and nothing else")
    return value


def _decode_record(data: dict, path: str) -> Any:
    name = data["$"]
    cls = _TYPES.get(name) if type(name) is str else None
    if cls is None:
        raise SnapshotError(path, f"{name!r} is not a record type of this emulator")
    hints = _hints(cls)
    known = {field for field, _ in _FIELDS[cls]}
    unknown = sorted(set(data) - known - {"$"})
    if unknown:
        raise SnapshotError(f"{path}.{unknown[0]}", f"{name} has no field {unknown[0]!r}")
    values = {}
    for field, default in _FIELDS[cls]:
        where = f"{path}.{field}"
        if field not in data:
            if default is _MISSING:
                raise SnapshotError(where, f"{name}.{field} is required")
            continue
        value = decode(data[field], where)
        if not _conforms(value, hints[field]):
            raise SnapshotError(where, f"{_describe(value)} is not a {_hint_name(hints[field])}")
        values[field] = value
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:  # a record's own checks (NumberRange's start...)
        raise SnapshotError(path, f"not a valid {name}: {error}") from None


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _conforms(value: Any, hint: Any) -> bool:
    """Does ``value`` fit the annotation ``hint`` (as far as a snapshot can tell)?"""
    if hint is Any or isinstance(hint, TypeVar):
        return True
    if hint is float:
        return type(value) in (float, int)
    if hint in (str, int, bool):
        return type(value) is hint
    if hint is None or hint is type(None):
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in args)
    if origin is tuple:
        if type(value) is not tuple:
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_conforms(v, args[0]) for v in value)
        return len(args) == len(value) and all(_conforms(v, a) for v, a in zip(value, args))
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            return False
        key_hint, value_hint = args or (Any, Any)
        return all(_conforms(k, key_hint) and _conforms(v, value_hint) for k, v in value.items())
    if origin is list:
        return type(value) is list and all(_conforms(v, args[0]) for v in value) if args else type(value) is list
    if origin in (frozenset, set):
        return type(value) is frozenset and all(_conforms(v, args[0]) for v in value) if args else type(value) is frozenset
    if origin is not None:  # a generic record (Grant[P])
        return isinstance(value, origin)
    return isinstance(hint, type) and isinstance(value, hint)


def _describe(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}"


def _hint_name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def persisted_types(*classes: type) -> None:
    for cls in classes:
        persisted(cls)


def export_state(holder: Any, spec: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes ``spec`` names (attribute -> type), encoded."""
    return {attribute: encode(getattr(holder, attribute)) for attribute in spec}


def decode_state(data: Any, spec: Mapping[str, Any], path: str) -> dict[str, Any]:
    """Decoded attributes for ``spec``, each checked against its type; nothing is set yet."""
    if type(data) is not dict:
        raise SnapshotError(path, "must be an object")
    missing = [attribute for attribute in spec if attribute not in data]
    if missing:
        raise SnapshotError(f"{path}.{missing[0]}", "is required")
    values = {}
    for attribute, hint in spec.items():
        value = decode(data[attribute], f"{path}.{attribute}")
        if not _conforms(value, hint):
            raise SnapshotError(f"{path}.{attribute}", f"is not a {_hint_name(hint)}")
        values[attribute] = value
    return values


__all__: Iterable[str] = ("SnapshotError", "persisted", "persisted_types", "encode", "decode", "export_state",
                          "decode_state")
