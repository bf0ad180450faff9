"""``create_app(config)``: the Flask app, its surfaces under their prefixes, and its own world."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from .config import Config
from .core import World, WorldConfig
from .providers import sinch
from .surface import Surface
from .validation import ResponseContractError

MAX_BODY_BYTES = 1024 * 1024

#: surface name -> module with NAME and build_surface(world, config); the prefix is "/" + NAME.
PROVIDERS = (sinch,)


class EmulatorApp(Flask):
    # Flask's automatic OPTIONS answers would break every spec's "unsupported method" contract.
    PROVIDE_AUTOMATIC_OPTIONS = False
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
    app.surfaces = {}
    for provider in PROVIDERS:
        surface = provider.build_surface(app.world, config)
        app.register_blueprint(surface.blueprint, url_prefix=f"/{provider.NAME}")
        app.surfaces[provider.NAME] = surface

    def surface_of_request() -> Surface | None:
        first = request.path.strip("/").split("/", 1)[0]
        return app.surfaces.get(first)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response | HTTPException:
        surface = surface_of_request()
        return surface.http_error_response(error) if surface else error

    @app.errorhandler(ResponseContractError)
    def contract_error(error: ResponseContractError) -> Response:
        surface = surface_of_request() or next(iter(app.surfaces.values()))
        return surface.contract_error_response(error)

    app.wsgi_app = PortPrefixes(app.wsgi_app, _root_ports(config))  # type: ignore[method-assign]
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


def _root_ports(config: Config) -> dict[str, str]:
    return {str(config.sinch_port): "/sinch"} if config.sinch_port else {}


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
        return self.app(environ, start_response)
