"""HTTP for `thaw ingest URL` and `thaw update`: one GET, bounded in every way a server could abuse.

Stdlib urllib: timeouts, a size limit, few redirects, a User-Agent that says who we are, and
conditional requests (ETag / Last-Modified) so an unchanged page or feed costs a 304. Every
failure is a `FetchError` whose one-line message starts with the URL.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from store.ingest.documents import MAX_BYTES

USER_AGENT = "thaw-monitor/0.1 (news reader for analysts; +https://pypi.org/project/thaw-monitor/)"
TIMEOUT = 15.0              # seconds per connect or read
DEADLINE = 60.0             # seconds for a whole response: a server dripping bytes gets no more
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL that could not be fetched. The message is one line, starting with the URL."""


@dataclass(frozen=True)
class Validators:
    """What the server said identifies this version (sent back as If-None-Match / -Modified-Since)."""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    url: str                        # as asked for
    final_url: str                  # after redirects
    status: int                     # 200, or 304 (not modified: body is empty)
    body: bytes
    content_type: str               # "text/html", lower case, no parameters
    charset: str | None             # from the Content-Type header
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


class _Redirects(urllib.request.HTTPRedirectHandler):
    # urllib's own loop detection (the same URL 4 times) and limit (10) apply too.
    max_redirections = MAX_REDIRECTS


def _opener() -> urllib.request.OpenerDirector:
    # No ProxyHandler from the environment is dropped: proxies configured for the user apply.
    return urllib.request.build_opener(_Redirects())


def _request(url: str, known: Validators | None) -> urllib.request.Request:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
               "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                         "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"}
    if known and known.etag:
        headers["If-None-Match"] = known.etag
    if known and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return urllib.request.Request(url, headers=headers)


def _read_body(response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"{url}: too large ({int(length) // 1_000_000} MB > "
                         f"{max_bytes // 1_000_000} MB)")
    parts: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: too large (more than {max_bytes // 1_000_000} MB)")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: too slow (no complete answer in {DEADLINE:.0f} s)")
        parts.append(chunk)
    if response.length:     # bytes the Content-Length promised and the server never sent
        raise FetchError(f"{url}: the connection closed mid-body ({size} of {size + response.length}"
                         " bytes received)")
    return b"".join(parts)


def _content_type(headers: Message) -> tuple[str, str | None]:
    ctype = (headers.get_content_type() or "").lower()
    charset = headers.get_param("charset")
    return ctype, charset.strip().lower() if isinstance(charset, str) and charset.strip() else None


def fetch(url: str, known: Validators | None = None, *, timeout: float | None = None,
          max_bytes: int | None = None) -> Fetched:
    """GET `url`; a 304 when `known` still matches. Raises FetchError for anything else."""
    timeout = timeout or TIMEOUT        # read at call time: tests shorten them
    max_bytes = max_bytes or MAX_BYTES
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) URL")
    deadline = time.monotonic() + max(DEADLINE, timeout)
    try:
        with _opener().open(_request(url, known), timeout=timeout) as response:
            body = _read_body(response, url, max_bytes, deadline)
            ctype, charset = _content_type(response.headers)
            final = response.geturl()
            status = response.status
            validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, url, 304, b"", "", None, known or Validators())
        if 300 <= exc.code < 400:
            raise FetchError(f"{url}: too many redirects (a redirect loop?)") from None
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}".rstrip()) from None
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(f"{url}: timed out after {timeout:.0f} s") from None
    except http.client.IncompleteRead as exc:
        raise FetchError(f"{url}: the connection closed mid-body ({len(exc.partial)} bytes "
                         "received)") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: {_reason(exc.reason)}") from None
    except (ConnectionError, http.client.HTTPException, ssl.SSLError, OSError, ValueError) as exc:
        raise FetchError(f"{url}: {_reason(exc)}") from None
    return Fetched(url, final, status, body, ctype, charset, validators)


def _reason(reason: object) -> str:
    """A socket or TLS error as a few words."""
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, ConnectionResetError | http.client.RemoteDisconnected):
        return "the server closed the connection"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    text = " ".join(str(reason).split())
    return text[:200] or type(reason).__name__
