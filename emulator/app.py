"""``create_app(config)``: the Flask app, its surfaces under their prefixes, and its own world."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, Rule

from .config import Config
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
    for provider in PROVIDERS:
        built = provider.build_surface(app.world, config)
        for surface in built if isinstance(built, (list, tuple)) else (built,):
            surface.prefix = surface.prefix or f"/{provider.NAME}"
            app.register_blueprint(surface.blueprint, url_prefix=surface.prefix)
            app.surfaces[surface.name] = surface
    by_prefix = sorted(app.surfaces.values(), key=lambda s: len(s.prefix or ""), reverse=True)

    def surface_of_request() -> Surface | None:
        """The surface whose prefix is the longest one the path starts with."""
        path = request.path
        return next((s for s in by_prefix if path == s.prefix or path.startswith(f"{s.prefix}/")), None)

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
