"""A local webhook receiver for the inbound tests: a threaded HTTP server on a free loopback port that
records every request and answers per path with a configured status, body and delay."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class Received:
    method: str
    path: str  # with the query string
    headers: dict[str, str]
    body: bytes

    def form(self) -> dict[str, str]:
        """The parameters: a POST's form, or a GET's query."""
        text = self.body.decode() if self.method == "POST" else urlsplit(self.path).query
        return dict(parse_qsl(text, keep_blank_values=True))


class Receiver:
    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.answers: dict[str, tuple[int, bytes, float]] = {}  # path -> (status, body, delay seconds)
        self.handlers: dict[str, Callable[[Received], tuple[int, bytes]]] = {}  # path -> computes the answer
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                received = Received(self.command, self.path, dict(self.headers.items()), body)
                receiver.requests.append(received)
                status, answer, delay = receiver.answers.get(urlsplit(self.path).path, (200, b"<Response/>", 0.0))
                handler = receiver.handlers.get(urlsplit(self.path).path)
                if handler is not None:
                    status, answer = handler(received)
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/xml")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:  # the emulator gave up waiting (a timeout test)
                    pass

            do_GET = do_POST = _handle

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def answer(self, path: str, status: int = 200, body: bytes = b"<Response/>", delay: float = 0.0) -> None:
        self.answers[path] = (status, body, delay)

    def at(self, path: str) -> list[Received]:
        return [r for r in self.requests if urlsplit(r.path).path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
