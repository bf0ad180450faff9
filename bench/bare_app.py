"""The comparison server of ``bench/run.py``: what Flask on the emulator's WSGI server costs with nothing else.

Two bare Flask routes at the emulator's own paths (get one available number, search available
numbers) that return a precomputed JSON body: no auth, no validation, no state, no rendering.
``bench/run.py`` captures the emulator's real answers and passes them with ``--bodies``, so both
servers send bodies of the same size; it also passes the emulator's thread count.

    python bench/bare_app.py --port 7001 --threads 1 --bodies bodies.json

``bodies.json`` is ``{"get": "<json text>", "search": "<json text>"}``. Without it the bodies are
placeholders of the emulator's usual sizes (264 and 2,652 bytes).
"""
from __future__ import annotations

import argparse
import json
import sys

from flask import Flask, Response


def _placeholder(size: int) -> bytes:
    text = json.dumps({"padding": ""})
    return json.dumps({"padding": "x" * max(0, size - len(text))}).encode()


def create_bare_app(bodies: dict[str, bytes]) -> Flask:
    app = Flask(__name__)
    get_body = bodies["get"]
    search_body = bodies["search"]

    @app.get("/sinch/v1/projects/<project_id>/availableNumbers/<phone_number>")
    def get_available_number(project_id: str, phone_number: str) -> Response:
        return Response(get_body, 200, mimetype="application/json")

    @app.get("/sinch/v1/projects/<project_id>/availableNumbers")
    def list_available_numbers(project_id: str) -> Response:
        return Response(search_body, 200, mimetype="application/json")

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--server", choices=("granian", "waitress"), default="granian", help="the emulator's default is granian")
    parser.add_argument("--threads", type=int, default=1, help="Python threads running requests (the emulator's default is 1)")
    parser.add_argument("--bodies", help='JSON file {"get": text, "search": text}')
    args = parser.parse_args(argv)
    if args.bodies:
        with open(args.bodies, encoding="utf-8") as handle:
            loaded = json.load(handle)
        bodies = {name: loaded[name].encode() for name in ("get", "search")}
    else:
        bodies = {"get": _placeholder(264), "search": _placeholder(2652)}

    if args.server == "waitress":
        _serve_waitress(args, bodies)
    else:
        _serve_granian(args, bodies)
    sys.exit(0)


def _announce(args: argparse.Namespace, bodies: dict[str, bytes]) -> None:
    print(f"bare app ready on http://{args.host}:{args.port} ({args.server}, {args.threads} threads; "
          f"bodies {len(bodies['get'])} and {len(bodies['search'])} bytes)", flush=True)


def _load(args: argparse.Namespace, bodies: dict[str, bytes]) -> Flask:
    app = create_bare_app(bodies)
    _announce(args, bodies)
    return app


def _serve_granian(args: argparse.Namespace, bodies: dict[str, bytes]) -> None:
    """Exactly the way ``numbers-emulator serve`` runs granian (emulator/serving.py)."""
    from functools import partial

    from emulator.serving import run_granian

    run_granian(partial(_load, args, bodies), args.host, args.port, args.threads)


def _serve_waitress(args: argparse.Namespace, bodies: dict[str, bytes]) -> None:
    from functools import partial

    from emulator.serving import run_waitress

    run_waitress(create_bare_app(bodies), [f"{args.host}:{args.port}"], args.threads, partial(_announce, args, bodies))


if __name__ == "__main__":
    main()
