"""``create_app(config)``: the Flask app, its surfaces under their prefixes, and its own world."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, Rule

from .config import Config
from .control import Faults, Journal, build_control_surface
from .core import World, WorldConfig
from .providers import enfonica, platform, signalwire, sinch, twilio, wazo
from .surface import Surface
from .validation import ResponseContractError

MAX_BODY_BYTES = 1024 * 1024

#: surface name -> module with NAME and build_surface(world, config); the prefix is "/" + NAME.
PROVIDERS = (sinch, twilio, signalwire, enfonica, wazo, platform)


class LazyBuilderRule(Rule):
    """A rule whose URL builder (for ``url_for``, which the emulator never calls) is generated on
    first use: Werkzeug generates one per rule eagerly, half of create_app's time with ~90 rules."""

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., Any]:
        compiled: list[Callable[..., Any]] = []

        def build(rule: Rule, *args: Any, **kwargs: Any) -> Any:
            if not compiled:
                compiled.append(Rule._compile_builder(rule, append_unknown))
            return compiled[0](rule, *args, **kwargs)

        return build


class EmulatorApp(Flask):
    # Flask's automatic OPTIONS answers would break every spec's "unsupported method" contract.
    PROVIDE_AUTOMATIC_OPTIONS = False
    url_rule_class = LazyBuilderRule
    world: World
    config_object: Config
    surfaces: dict[str, Surface]
    faults: Faults
    journal: Journal


def create_app(config: Config | None = None, world: World | None = None) -> EmulatorApp:
    config = config or Config()
    app = EmulatorApp(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.config_object = config
    app.world = world or World(
        WorldConfig(
            seed=config.seed,
            density=config.density,
            inventory_file=config.inventory_file,
            release_ageing_seconds=config.release_ageing_seconds,
            frozen_clock_at=_frozen_start(config),
        )
    )
    app.url_map.converters["segment"] = SegmentConverter
    # No redirects to a "canonical" path (Werkzeug answers them with HTML, bypassing error handlers):
    # a path with doubled or trailing slashes is simply not found, in the provider's shape.
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = False
    app.surfaces = {}
    app.faults, app.journal = Faults(config.seed), Journal()
    for provider in PROVIDERS:
        built = provider.build_surface(app.world, config)
        for surface in built if isinstance(built, (list, tuple)) else (built,):
            surface.prefix = surface.prefix or f"/{provider.NAME}"
            surface.interceptor = _inject_faults(app.faults)
            app.register_blueprint(surface.blueprint, url_prefix=surface.prefix)
            app.surfaces[surface.name] = surface
    control = build_control_surface(app)
    app.register_blueprint(control.blueprint, url_prefix=control.prefix)
    app.surfaces[control.name] = control
    by_prefix = sorted(app.surfaces.values(), key=lambda s: len(s.prefix or ""), reverse=True)

    def surface_of_request() -> Surface | None:
        """The surface whose prefix is the longest one the path starts with."""
        path = request.path
        return next((s for s in by_prefix if path == s.prefix or path.startswith(f"{s.prefix}/")), None)

    @app.after_request
    def journal(response: Response) -> Response:
        """Every provider request goes into the journal (the control API's own do not)."""
        surface = surface_of_request()
        if surface is not None and surface is not control:
            app.journal.record(
                surface.name, g.get("operation_id"), request.method, request.path,
                request.environ.get("QUERY_STRING", ""), _request_body_for_journal(),
                response.status_code, response.get_data() if not response.is_streamed else b"", app.world.now(),
                g.get("request_problem"), g.get("contract_problems") or (),
            )
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response | HTTPException:
        surface = surface_of_request()
        return surface.http_error_response(error) if surface else error

    @app.errorhandler(ResponseContractError)
    def contract_error(error: ResponseContractError) -> Response:
        surface = surface_of_request() or next(iter(app.surfaces.values()))
        return surface.contract_error_response(error)

    app.wsgi_app = PortPrefixes(app.wsgi_app, {str(port): prefix for port, prefix in config.root_ports().items()})  # type: ignore[method-assign]
    return app


def _request_body_for_journal() -> bytes:
    """The body the view read (or will never need); one over the size limit is not read at all."""
    length = request.content_length
    if not length or length > MAX_BODY_BYTES:
        return b""
    try:
        return request.get_data(cache=True)
    except HTTPException:
        return b""


def _inject_faults(faults: Faults) -> Callable[[Surface, str, Mapping[str, str], Any], None]:
    def intercept(surface: Surface, operation_id: str, path_params: Mapping[str, str], _principal: Any) -> None:
        faults.intercept(surface.name, operation_id, request.path, path_params)

    return intercept


class SegmentConverter(BaseConverter):
    """A path segment up to a ``:verb`` suffix (Google-style custom methods: ``{number}:rent``),
    so ``/numbers/+1555:rent`` never also matches the plain ``/numbers/<number>`` route."""

    regex = "[^/:]+"


def _frozen_start(config: Config) -> float | None:
    if not config.frozen_clock:
        return None
    import time

    return float(int(time.time()))


class PortPrefixes:
    """Serve a surface at the root of a port of its own: requests arriving on that port get the
    surface's prefix prepended, so clients whose paths can't take a prefix only change the host."""

    def __init__(self, app: Callable, prefixes: Mapping[str, str]) -> None:
        self.app = app
        self.prefixes = dict(prefixes)

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        prefix = self.prefixes.get(str(environ.get("SERVER_PORT", "")))
        if prefix:
            environ["PATH_INFO"] = prefix + environ.get("PATH_INFO", "")
            environ["numbers_emulator.root_port"] = True  # absolute URLs we build leave the prefix out
        return self.app(environ, start_response)
