"""A web server on 127.0.0.1 for the tests, started by them: routes of canned answers, good and bad.

`Route` says what a path answers: a body with headers, a status, a redirect, a pause before
answering, a body cut short, a body streamed without length. The server counts full answers
and conditional hits per path so tests can see what a second run fetched.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None         # a redirect's target
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0                  # seconds before answering
    cut_after: int | None = None        # bytes sent before the connection drops
    stream: int | None = None           # this many bytes of filler, no Content-Length
    declare_length: int | None = None   # Content-Length claimed (for "too large" up front)
    headers: dict[str, str] = field(default_factory=dict)


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.served: Counter[str] = Counter()         # 200 answers per path
        self.not_modified: Counter[str] = Counter()   # 304 answers per path
        self.agents: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route | None = None, **kw: object) -> str:
        self.routes[path] = route or Route(**kw)  # type: ignore[arg-type]
        return self.url(path)


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            server.agents.append(self.headers.get("User-Agent", ""))
            route = server.routes.get(self.path.split("?")[0])
            if route is None:
                return self._plain(404, b"not found")
            if route.delay:
                time.sleep(route.delay)
            if route.location:
                self.send_response(route.status if route.status != 200 else 302)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.status != 200:
                return self._plain(route.status, b"error page")
            if route.etag and self.headers.get("If-None-Match") == route.etag or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                server.not_modified[self.path] += 1
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            server.served[self.path] += 1
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            for k, v in (("ETag", route.etag), ("Last-Modified", route.last_modified),
                         *route.headers.items()):
                if v:
                    self.send_header(k, v)
            if route.stream is not None:
                return self._stream(route.stream)
            self.send_header("Content-Length", str(route.declare_length or len(route.body)))
            self.end_headers()
            body = route.body if route.cut_after is None else route.body[:route.cut_after]
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass        # the client gave up first (a too-large or too-slow answer)
            if route.cut_after is not None or route.declare_length:
                self.wfile.flush()
                self.close_connection = True

        def _stream(self, size: int) -> None:
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"filler " * 9000 + b"</p>\n"
            sent = 0
            try:
                while sent < size:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def _plain(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serving() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
