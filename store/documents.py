"""Reading an article file: decoding, front matter, the publication date a reader would see."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from store.dates import find_dates

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DATE_LINE = re.compile(r"^\s*(?:date|published|posted|updated)\b[:\s]*", re.I)
_DATELINE = re.compile(r"^\s*[A-ZА-Я][A-ZА-Я .'-]{1,40},\s+(.{6,40}?)\s+[—–-]{1,2}\s")
_TOP_LINES = 15


class DocumentError(Exception):
    """A file that cannot be ingested; the message is one clear line."""


@dataclass
class Document:
    path: str
    raw_text: str
    body: str
    title: str | None
    source: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    published_how: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Text and a note on how it was decoded; binary data is refused."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "decoded as UTF-16"
    sample = data[:65536]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise DocumentError("not a text file (binary data)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in sample if b >= 0xC0)
    if high > len(sample) // 20:
        # Many bytes in cp1251's letter range: Cyrillic text from a Windows system.
        return data.decode("cp1251", errors="replace"), "decoded as Windows-1251"
    return data.decode("latin-1"), "decoded as Latin-1"


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text[:500] or None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _date_in(value)
    return None


def _date_in(text: str) -> dt.date | None:
    for rx, order in ((_ISO, "ymd"), (_NUMERIC, "dmy")):
        m = rx.search(text)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                continue
    found = [d for d in find_dates(text, None) if d.precision == "day"]
    return dt.date.fromisoformat(found[0].value) if found else None


def find_publication_date(body: str) -> tuple[dt.date, str] | None:
    """Look near the top, as a reader would: a date line, a dateline, a date under the title."""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()][:_TOP_LINES]
    for ln in lines:
        if _DATE_LINE.match(ln):
            d = _date_in(ln[:60])
            if d:
                return d, "date_line"
        if len(ln) <= 40:
            m = _NUMERIC.fullmatch(ln) or _ISO.fullmatch(ln)
            d = _date_in(ln) if m else None
            if d:
                return d, "numeric"
        m = _DATELINE.match(ln)
        if m:
            d = _date_in(m.group(1))
            if d:
                return d, "dateline"
        if len(ln.split()) <= 8:
            d = _date_in(ln)
            if d:
                return d, "headline_date"
    return None


def parse_document(path: str, data: bytes) -> Document:
    text, note = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings = [note] if note else []
    meta: dict = {}
    body = text
    m = _FRONT.match(text)
    if m:
        body = text[m.end():]
        try:
            loaded = yaml.safe_load(m.group(1))
            if isinstance(loaded, dict):
                meta = loaded
            else:
                warnings.append("front matter is not a mapping: ignored")
        except yaml.YAMLError:
            warnings.append("front matter unreadable: ignored")
    if not body.strip():
        raise DocumentError("empty document (no text)")
    published = _as_date(meta.get("published") or meta.get("date"))
    how = "front_matter" if published else "none"
    if published is None:
        found = find_publication_date(body)
        if found:
            published, how = found
        else:
            warnings.append("no publication date found: relative dates cannot be resolved")
    title = _text(meta.get("title"))
    if title is None:
        first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
        title = first.lstrip("#").strip()[:200] or None
    return Document(
        path=path, raw_text=text, body=body, title=title, source=_text(meta.get("source")),
        author=_text(meta.get("author")), url=_text(meta.get("url")), published=published,
        published_how=how, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        warnings=warnings,
    )


def read_document(path: Path) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return parse_document(str(path), data)
    except DocumentError as exc:
        raise DocumentError(f"{path}: {exc}") from exc
