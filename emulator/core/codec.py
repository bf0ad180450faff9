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
from typing import Any, Callable, Iterable, Mapping, TypeVar

T = TypeVar("T")

_MISSING = dataclasses.MISSING
_TYPES: dict[str, type] = {}  # registered name -> dataclass
_NAMES: dict[type, str] = {}
_FROZEN: set[type] = set()  # registered records that are immutable (safe to share)
_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}  # dataclass -> ((field, default or _MISSING), ...)


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
    if cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        _FROZEN.add(cls)
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
    shareable = cls in _FROZEN and all(type(v) in _SCALARS for v in data.values())
    if shareable:  # an immutable record of plain values (a price): one object for all its copies
        # (the types are part of the key: 1, 1.0 and True are equal, but only one of them is valid)
        key = (cls, tuple((field, type(value), value) for field, value in data.items()))
        try:
            return _SHARED[key]
        except (KeyError, TypeError):
            pass
    record = _build_record(cls, name, data, path)
    if shareable and len(_SHARED) < 10_000:
        _SHARED[key] = record
    return record


_SHARED: dict[tuple, Any] = {}  # frozen records of plain values already read, shared (like the catalogue's)


def _build_record(cls: type, name: str, data: dict, path: str) -> Any:
    plan, known = _plan(cls)
    if len(data) > len(known) + 1 or any(key not in known for key in data if key != "$"):
        unknown = sorted(set(data) - known - {"$"})[0]
        raise SnapshotError(f"{path}.{unknown}", f"{name} has no field {unknown!r}")
    values = {}
    for field, default, check, hint in plan:
        if field not in data:
            if default is _MISSING:
                raise SnapshotError(f"{path}.{field}", f"{name}.{field} is required")
            continue
        raw = data[field]
        value = raw if type(raw) in _SCALARS else decode(raw, f"{path}.{field}")
        if not check(value):
            raise SnapshotError(f"{path}.{field}", f"{_describe(value)} is not a {_hint_name(hint)}")
        values[field] = value
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:  # a record's own checks (NumberRange's start...)
        raise SnapshotError(path, f"not a valid {name}: {error}") from None


_PLANS: dict[type, tuple[list[tuple[str, Any, Callable[[Any], bool], Any]], frozenset[str]]] = {}


def _plan(cls: type) -> tuple[list[tuple[str, Any, Callable[[Any], bool], Any]], frozenset[str]]:
    """(field, default, checker, annotation) per field, and the field names; built once per type
    (annotations may name types defined after the record, so not at registration)."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        fields = [(field, default, _checker(hints[field]), hints[field]) for field, default in _FIELDS[cls]]
        plan = _PLANS[cls] = (fields, frozenset(field for field, _ in _FIELDS[cls]))
    return plan


def _checker(hint: Any) -> Callable[[Any], bool]:
    """A function telling whether a decoded value fits the annotation ``hint``."""
    if hint is Any or isinstance(hint, TypeVar):
        return lambda value: True
    if hint is float:
        return lambda value: type(value) is float or type(value) is int
    if hint in (str, int, bool):
        return lambda value: type(value) is hint
    if hint is None or hint is type(None):
        return lambda value: value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_checker(arg) for arg in args]
        return lambda value: any(check(value) for check in options)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda value: type(value) is tuple and all(item(v) for v in value)
        items = [_checker(arg) for arg in args]
        return lambda value: type(value) is tuple and len(value) == len(items) and all(c(v) for c, v in zip(items, value))
    if origin in (dict, collections.abc.Mapping):
        key, item = (_checker(args[0]), _checker(args[1])) if args else (_checker(Any), _checker(Any))
        return lambda value: type(value) is dict and all(key(k) and item(v) for k, v in value.items())
    if origin in (list, frozenset, set):
        kind = list if origin is list else frozenset
        item = _checker(args[0]) if args else _checker(Any)
        return lambda value: type(value) is kind and all(item(v) for v in value)
    if origin is not None:  # a generic record (Grant[P])
        return lambda value: isinstance(value, origin)
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    raise TypeError(f"cannot check values against {hint!r}")


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
        if not _checker(hint)(value):
            raise SnapshotError(f"{path}.{attribute}", f"is not a {_hint_name(hint)}")
        values[attribute] = value
    return values


__all__: Iterable[str] = ("SnapshotError", "persisted", "persisted_types", "encode", "decode", "export_state",
                          "decode_state")
