"""The control API (``openapi/control.yaml``) under ``/_emulator``: what tests use to drive the
emulator rather than call it. Views translate to the world, the fault rules and the journal."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import request

from .. import __version__
from ..core import NotFound
from ..core.clock import rfc3339
from ..core.errors import InvalidArgument
from ..core.codec import SnapshotError
from ..core.inventory import FiniteInventory
from ..core.snapshot import export_world, import_world
from ..specs import load_spec
from ..surface import Reply, Surface
from ..validation import build_engine
from .errors import render_error
from .inbound import register_inbound_routes

NAME = "control"
PREFIX = "/_emulator"
SNAPSHOT_MAX_BYTES = 1024 ** 3  # a world of millions of numbers; other bodies keep the app's 1 MiB


def _clock(world: Any) -> Reply:
    now = world.tick()
    return Reply({"now": round(now * 1000), "iso": rfc3339(now), "frozen": world.clock.frozen})


def build_control_surface(app: Any) -> Surface:
    """The control surface of ``app`` (built after the provider surfaces, which it lists)."""
    world, config = app.world, app.config_object
    surface = Surface(NAME, build_engine(config.validation_engine, load_spec(NAME)), config.validation,
                      render_error, None, prefix=PREFIX)
    bp = surface.blueprint

    @bp.before_request
    def allow_large_snapshots() -> None:
        if request.method == "PUT" and request.path == f"{PREFIX}/snapshot":
            request.max_content_length = SNAPSHOT_MAX_BYTES

    @bp.route("/health", methods=["GET"])
    @surface.operation("getHealth", authenticated=False)
    def get_health(validated, _principal) -> Reply:
        surfaces = [{"name": s.name, "prefix": s.prefix or ""} for s in app.surfaces.values() if s is not surface]
        now = world.tick()
        return Reply({"status": "ok", "version": __version__, "surfaces": surfaces, "now": round(now * 1000),
                      "frozen": world.clock.frozen})

    @bp.route("/reset", methods=["POST"])
    @surface.operation("reset", authenticated=False)
    def reset(validated, _principal) -> Reply:
        body = validated.body or {}
        provider, tenant = body.get("provider"), body.get("tenant")
        if tenant and not provider:
            raise InvalidArgument("provider", "a tenant is named within its provider: give provider too")
        if not provider:
            world.reset()
            removed = {"faults": app.faults.clear(), "journal": app.journal.clear(), "inbound": app.inbound.clear()}
            return Reply({"scope": "all", "removed": removed})
        if tenant:
            key = f"{provider}/{tenant}"
            removed = world.forget(lambda t: t == key)
            return Reply({"scope": "tenant", "removed": removed})
        removed = world.forget(lambda t: t.startswith(f"{provider}/"))
        return Reply({"scope": "provider", "removed": removed})

    @bp.route("/clock", methods=["GET"])
    @surface.operation("getClock", authenticated=False)
    def get_clock(validated, _principal) -> Reply:
        return _clock(world)

    @bp.route("/clock:freeze", methods=["POST"])
    @surface.operation("freezeClock", authenticated=False)
    def freeze_clock(validated, _principal) -> Reply:
        at = (validated.body or {}).get("at")
        now = world.tick()
        if at is not None and at / 1000 < now:
            raise InvalidArgument("at", "the clock only moves forward (reset the emulator to start over)")
        world.clock.freeze(None if at is None else at / 1000)
        return _clock(world)

    @bp.route("/clock:unfreeze", methods=["POST"])
    @surface.operation("unfreezeClock", authenticated=False)
    def unfreeze_clock(validated, _principal) -> Reply:
        world.clock.unfreeze()
        return _clock(world)

    @bp.route("/clock:advance", methods=["POST"])
    @surface.operation("advanceClock", authenticated=False)
    def advance_clock(validated, _principal) -> Reply:
        world.clock.advance(validated.body["seconds"])
        return _clock(world)  # ticks: what fell due fires now

    @bp.route("/clock:set", methods=["POST"])
    @surface.operation("setClock", authenticated=False)
    def set_clock(validated, _principal) -> Reply:
        at = validated.body["at"] / 1000
        if at < world.clock.now():
            raise InvalidArgument("at", "the clock only moves forward (reset the emulator to start over)")
        world.clock.set(at)
        return _clock(world)

    @bp.route("/faults", methods=["GET"])
    @surface.operation("listFaults", authenticated=False)
    def list_faults(validated, _principal) -> Reply:
        return Reply({"faults": [rule.as_json() for rule in app.faults.rules()]})

    @bp.route("/faults", methods=["POST"])
    @surface.operation("addFault", authenticated=False)
    def add_fault(validated, _principal) -> Reply:
        return Reply(app.faults.add(validated.body).as_json(), 201)

    @bp.route("/faults", methods=["DELETE"])
    @surface.operation("clearFaults", authenticated=False)
    def clear_faults(validated, _principal) -> Reply:
        return Reply({"removed": app.faults.clear()})

    @bp.route("/faults/<segment:id>", methods=["DELETE"])
    @surface.operation("removeFault", authenticated=False)
    def remove_fault(validated, _principal) -> Reply:
        if app.faults.remove(validated.params["id"]) is None:
            raise NotFound("Fault", validated.params["id"])
        return Reply(None, 204)

    @bp.route("/journal", methods=["GET"])
    @surface.operation("listJournal", authenticated=False)
    def list_journal(validated, _principal) -> Reply:
        p = validated.params
        entries = app.journal.entries(p, limit=p.get("limit", 100))
        return Reply({"entries": [entry.as_json() for entry in entries]})

    @bp.route("/journal", methods=["DELETE"])
    @surface.operation("clearJournal", authenticated=False)
    def clear_journal(validated, _principal) -> Reply:
        return Reply({"removed": app.journal.clear(validated.params.get("provider"))})

    @bp.route("/inventory", methods=["POST"])
    @surface.operation("loadInventory", authenticated=False)
    def load_inventory(validated, _principal) -> Reply:
        path = Path(validated.body["path"])
        try:
            readable = path.is_file()
        except (OSError, ValueError):  # a name too long, a NUL byte...
            readable = False
        if not readable:
            raise InvalidArgument("path", f"{str(path)[:200]} is not a file the emulator can read")
        try:
            inventory = FiniteInventory.load(path, world.catalogue)
        except InvalidArgument as error:  # a row of the file: named in the message, the field is ours
            raise InvalidArgument("path", f"{path}: {error.field}: {error.message}") from None
        except (OSError, ValueError, UnicodeDecodeError) as error:
            raise InvalidArgument("path", f"{path} is not a JSON array or NDJSON of numbers: {error}") from None
        count = world.use_inventory(inventory)
        return Reply({"numbers": count})

    @bp.route("/snapshot", methods=["GET"])
    @surface.operation("exportSnapshot", authenticated=False)
    def export_snapshot(validated, _principal) -> Reply:
        return Reply(export_world(world))

    @bp.route("/snapshot", methods=["PUT"])
    @surface.operation("importSnapshot", authenticated=False)
    def import_snapshot(validated, _principal) -> Reply:
        try:
            restored = import_world(world, validated.body)
        except SnapshotError as error:
            raise InvalidArgument(error.path, error.message) from None
        return Reply({"restored": restored})

    register_inbound_routes(surface, app)
    return surface
