"""Web pages into documents: the article's main text and metadata, page furniture left behind.

trafilatura finds the main text (navigation, cookie banners, "Related" sidebars and donation
boxes stay out) and the metadata — title, author, canonical URL, site name — and htmldate,
which comes with it, the publication date. Nothing here touches the network: pages arrive as
bytes, from a file or from `fetch.py`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from datetime import date
from typing import Any

from store.ingest.documents import (
    Document,
    DocumentError,
    decode_bytes,
    find_publication_date,
    normalise_text,
    refuse_too_large,
)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_LOOKS_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)


def looks_like_html(data: bytes) -> bool:
    return bool(_LOOKS_HTML.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def _codec(name: str | None) -> str | None:
    """A charset label Python knows (as its canonical codec name), else None."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, header_charset: str | None = None) -> tuple[str, list[str]]:
    """(text, warnings). Valid UTF-8 is UTF-8 whatever a header or <meta> claims (servers and
    templates often say latin-1 wrongly); otherwise the declared charset, header first, then
    <meta>; with none usable, the heuristics plain files get. Raises DocumentError for binary."""
    declared_name = header_charset or _meta_charset(data)
    declared = _codec(declared_name)
    warnings: list[str] = []
    if declared_name and declared is None:
        warnings.append(f"unknown charset {declared_name[:40]!r}: guessed instead")
    text, note = decode_bytes(data)     # refuses binary; UTF-8 when it is valid UTF-8
    utf8 = note is None
    if utf8 or declared is None:
        if declared and declared not in ("utf-8", "ascii") and not text.isascii():
            warnings.append(f"declared charset {declared_name} is wrong: read as UTF-8")
        elif note:
            warnings.append(note)
        return text, warnings
    try:
        return data.decode(declared), warnings
    except UnicodeDecodeError:
        warnings.append(f"not valid {declared_name}: {note}")
        return text, warnings


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii") if m else None


def _extract(html: str, url: str | None) -> dict[str, Any] | None:
    import trafilatura  # ~0.2 s of imports: only when a page is read

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True)   # no deduplicate: its cache is global
    return doc.as_dict() if doc is not None else None


def _body(title: str | None, text: str) -> str:
    """Paragraphs one blank line apart (as the cleaner expects), the headline first."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


def _iso_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _clean(value: Any, limit: int = 1000) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text[:limit] or None


def parse_html(name: str, data: bytes, *, url: str | None = None,
               charset: str | None = None) -> Document:
    """A page (saved or fetched) as a Document. `name` starts every error message; `url` is
    where it was fetched from (its canonical URL, when the page names one, is kept beside)."""
    if not data.strip():
        raise DocumentError(f"{name}: empty page")
    refuse_too_large(name, len(data))
    try:
        html, warnings = decode_html(data, charset)
    except DocumentError as exc:
        raise DocumentError(f"{name}: {exc}") from None
    meta = _extract(html, url)
    text = normalise_text((meta or {}).get("text") or "")
    if not text.strip():
        raise DocumentError(f"{name}: no article text found in the page")
    title = _clean(meta and meta.get("title"), 300)
    body = _body(title, text)
    published = _iso_day(meta and meta.get("date"))
    how = "html_meta" if published else "none"
    if published is None and (in_text := find_publication_date(body)):
        published, how = in_text
    if published is None:
        warnings.append("no publication date found: event dates relative to it are unknown")
    canonical = _clean(meta and meta.get("url"), 2000)
    if canonical and not canonical.lower().startswith(("http://", "https://")):
        canonical = None
    return Document(
        path=name, raw_text=body, body=body, title=title,
        source=_clean(meta and (meta.get("sitename") or meta.get("hostname"))),
        author=_clean(meta and meta.get("author")), url=canonical or url,
        published=published, published_how=how,
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(), warnings=warnings,
        fetched_url=url, canonical_url=canonical or url,
    )
