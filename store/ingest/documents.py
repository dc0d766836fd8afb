"""Reading article files: decoding, YAML front matter, publication date detection.

Pure except `read_document`. A file that cannot be an article (binary, empty, unreadable) raises
`DocumentError` with a one-line message; anything merely odd (legacy encoding, broken front
matter, no date) is kept and explained in `Document.warnings`.
"""

from __future__ import annotations

import hashlib
import pathlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from store.extract.dates import dateline_date, find_dates
from store.extract.lexicon import SafeLoader

MAX_BYTES = 20_000_000              # far beyond any article; guards memory and time
_FRONT_MATTER_MAX = 64_000          # characters of YAML we are willing to parse
_TOP_LINES = 15                     # a reader finds the date near the top
_SAMPLE = 1_000_000                 # bytes sampled for encoding heuristics

_MAGIC = {
    b"%PDF-": "PDF document", b"PK\x03\x04": "zip archive (e.g. .docx)",
    b"\x89PNG": "PNG image", b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip data", b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"\x7fELF": "executable", b"SQLite format 3": "SQLite database",
}
# C0 controls other than tab/newline/CR/formfeed/escape: in text they are junk, in bulk binary.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CP1251_LETTERS = set(range(0xC0, 0x100)) | {0xA8, 0xB8, 0xA1, 0xA2, 0xB2, 0xB3}  # А-я Ёё Ўў Іі
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")

_FENCE = re.compile(r"^---[ \t]*\n")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_LABEL = re.compile(
    r"^\s{0,8}(?i:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated|last\s+updated"
    r"|publication\s+date|опубликовано|дата(?:\s+публикации)?)\s{0,3}[:\-–—]?\s{0,3}"
)
_SEGMENTS = re.compile(r"\s[|·•]\s")
_UPDATED = re.compile(r"\s*(?i:(?:last\s+)?updated)")
_NUMERIC_LINE = re.compile(r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d\d-\d\d)\s*$")
# What may follow a date on a date-only line: a time, a timezone, separators.
_TIME_TAIL = re.compile(
    r"[\s,|·•—–-]{0,6}(?:(?:at\s)?\d{1,2}[:.]\d\d(?::\d\d)?\s{0,2}(?:[AaPp]\.?[Mm]\.?)?"
    r"\s{0,2}(?:[A-Z]{2,5}|UTC|GMT)?(?:\s?[+-]\d{1,2}(?::?\d\d)?)?)?[\s,|·•]{0,4}"
)
_BYLINE = re.compile(r"^(?i:by)\s[^|·•\n]{1,60}[|·•]\s{0,3}")   # "By Jane Doe | 4 Nov 2025"
_FIELDS = {
    "title": ("title", "headline"),
    "source": ("source", "publisher", "site", "outlet"),
    "author": ("author", "authors", "by", "byline"),
    "url": ("url", "link", "canonical", "canonical_url"),
    "published": ("published", "date", "pubdate", "published_at", "publication_date"),
}


class DocumentError(Exception):
    """A file that cannot be read as an article. The message is one line, starting with the path."""


@dataclass
class Document:
    path: str
    raw_text: str                   # decoded, normalised, front matter included
    body: str                       # the text without front matter
    title: str | None
    source: str | None
    author: str | None
    url: str | None
    published: date | None
    published_how: str              # front_matter | date_line | numeric | dateline | headline_date
    sha256: str                     # of raw_text: the same content in any encoding hashes alike
    warnings: list[str] = field(default_factory=list)
    fetched_url: str | None = None  # where thaw fetched it (pages, feed items)
    canonical_url: str | None = None  # the page's own name for itself: one document, many routes


# ---------------------------------------------------------------------------------------------
# decoding


class _Binary(ValueError):
    pass


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: every ASCII character (spaces, digits, punctuation) brings a
    NUL on the same side of its pair; the other side has almost none."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.1 * half and other <= 0.01 * zeros:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            # As for 8-bit text below: a few control characters are junk to strip, many mean binary.
            head = text[:10_000].replace("\x00", "")
            return text if len(_CONTROL_CHARS.findall(head)) <= max(8, 0.05 * len(head)) else None
    return None


def _looks_cyrillic(data: bytes) -> bool:
    """cp1251 Russian/Belarusian: high bytes are mostly letters and come in runs (whole words);
    Latin-1 accents are isolated high bytes inside ASCII words ("café")."""
    sample = data[:_SAMPLE]
    high = [b for b in sample if b >= 0x80]
    if not high:
        return False
    letters = sum(1 for b in high if b in _CP1251_LETTERS)
    in_runs = sum(len(m) for m in _HIGH_RUN.findall(sample))
    return letters >= 0.85 * len(high) and in_runs >= 0.6 * len(high)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """(text, note): UTF-8 (BOM or not), UTF-16/32 with BOM, cp1251 when it reads as Cyrillic,
    else latin-1 (windows-1252). The note says which legacy decoding was used, None for UTF-8.
    Raises DocumentError (without a path) for binary data."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as e:
                raise DocumentError(f"not a text file (invalid {codec} after its BOM)") from e
            return text, (None if codec == "utf-8" else f"decoded as {codec.upper()} (BOM)")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DocumentError(f"not a text file ({what})")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return text16, "decoded as UTF-16 (no BOM)"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    # A stray NUL or bell is junk to strip; many of them mean binary data.
    if sample.count(0) > max(4, 0.001 * len(sample)) or controls > max(8, 0.05 * len(sample)):
        raise DocumentError("not a text file (binary data)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes: keep the UTF-8 rather than mangle every accent.
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient[:_SAMPLE] if ord(ch) > 127) - bad
    if good >= 4 * bad:
        return lenient, f"invalid UTF-8: {bad} byte(s) replaced"
    if _looks_cyrillic(data):
        return data.decode("cp1251"), "decoded as windows-1251 (Cyrillic)"
    try:
        return data.decode("cp1252"), "decoded as latin-1 (windows-1252)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "decoded as latin-1"


def normalise_text(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL_CHARS.sub("", text))


# ---------------------------------------------------------------------------------------------
# front matter


class _Loader(SafeLoader):  # type: ignore[misc,valid-type]
    """safe_load without implicit timestamps: `published: 2025-02-30` must not sink the whole
    block with a ValueError; dates are parsed by us, as strings."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _split_front_matter(text: str) -> tuple[str | None, str, str | None]:
    """(yaml block or None, body, warning)."""
    if not _FENCE.match(text):
        return None, text, None
    end = _FENCE_END.search(text, 4, _FRONT_MATTER_MAX + 4)
    if end is None:
        return None, text, "front matter has no closing '---': read as text"
    block = text[text.index("\n") + 1:end.start()]
    return block, text[end.end():].lstrip("\n"), None


def _scalar(name: str, value: Any, warnings: list[str]) -> str | None:
    # Only scalars (or a short list of them): a hostile alias bomb must never be str()-ed.
    if value is None:
        return None
    if isinstance(value, bool | int | float | str | date):
        text = str(value).strip()
    elif isinstance(value, list) and len(value) <= 20 and all(
            isinstance(v, str | int | float) for v in value):
        text = ", ".join(str(v).strip() for v in value)
    else:
        warnings.append(f"front matter '{name}' is not text: ignored")
        return None
    return " ".join(text.split())[:1000] or None


def _date_from_string(s: str) -> date | None:
    """A full date written any way we read dates ("2025-09-11", "11.09.2025", "Sept. 11, 2025")."""
    for d in find_dates(s[:200], None):
        if d.precision == "day":
            return date.fromisoformat(d.value)
    return None


def _front_matter(block: str, warnings: list[str]) -> dict[str, Any]:
    try:
        data = yaml.load(block, Loader=_Loader)  # _Loader is a SafeLoader subclass
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        warnings.append(f"front matter unreadable ({first[:80]}): ignored")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        warnings.append("front matter is not a mapping: ignored")
        return {}
    keys = {k.strip().lower(): v for k, v in data.items() if isinstance(k, str)}
    out: dict[str, Any] = {}
    for name, aliases in _FIELDS.items():
        for alias in aliases:
            if alias in keys:
                out[name] = keys[alias]
                break
    return out


def _published_value(value: Any, warnings: list[str]) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        d = _date_from_string(value)
        if d is not None:
            return d
    shown = repr(value)[:40] if isinstance(value, str | int | float) else type(value).__name__
    warnings.append(f"front matter 'published' {shown} is not a date: ignored")
    return None


# ---------------------------------------------------------------------------------------------
# publication date in the text


def _leading_day(s: str) -> tuple[date, int] | None:
    """A full, explicit date at the very start of `s`, and where it ends."""
    for d in find_dates(s, None):
        if d.start == 0 and d.precision == "day" and not d.relative:
            return date.fromisoformat(d.value), d.end
        break
    return None


def find_publication_date(body: str) -> tuple[date, str] | None:
    """The date a reader sees near the top: a labelled line ("date 2025-09-11", "Published
    03.11.2025"), a numeric date alone on a line, a dateline ("MINSK, November 4, 2025 —"), or a
    date line under the headline ("Tuesday, 4 November 2025 12:30")."""
    seen = 0
    updated: date | None = None
    for line in body[:20_000].split("\n"):
        if not line.strip():
            continue
        seen += 1
        if seen > _TOP_LINES:
            break
        line = line[:300]
        if not any(c.isdigit() for c in line):
            continue    # every date form has a number: the date grammar need not run
        # "By Jane Doe · Published 27.02.2026 · Updated …": each segment of a byline line.
        for segment in _SEGMENTS.split(line):
            label = _LABEL.match(segment)
            hit = _leading_day(segment[label.end():]) if label else None
            if hit and _UPDATED.match(segment):
                updated = updated or hit[0]     # only if no other date says when it came out
            elif hit:
                return hit[0], "date_line"
        if _NUMERIC_LINE.match(line):
            hit = _leading_day(line.strip())
            if hit:
                return hit[0], "numeric"
        dateline = dateline_date(line)     # "VILNIUS, Lithuania, Nov. 21, 2025 (AP) —"
        if dateline is not None:
            return date.fromisoformat(dateline.value), "dateline"
        stripped = _BYLINE.sub("", line.strip().lstrip("#*_ ").rstrip("*_ "))
        hit = _leading_day(stripped)
        if hit:
            tail = _TIME_TAIL.match(stripped, hit[1])
            if tail and tail.end() == len(stripped):
                return hit[0], "headline_date"
    return (updated, "date_line") if updated else None


def _is_date_line(line: str) -> bool:
    s = line.strip()
    label = _LABEL.match(s)
    if label and _leading_day(s[label.end():]):
        return True
    hit = _leading_day(s.lstrip("#*_ ").rstrip("*_ "))
    return bool(hit) and len(s) < 60


def _title_from_body(body: str) -> str | None:
    lines = [ln for ln in body[:20_000].split("\n") if ln.strip()][:_TOP_LINES]
    headings = [ln for ln in lines if ln.lstrip().startswith("#")]
    for line in headings or lines:
        if _is_date_line(line) or not any(ch.isalnum() for ch in line):
            continue                   # the date under the headline, a "---" or "***" rule
        title = " ".join(line.strip().lstrip("#").strip().split())
        if title:
            return title[:300]
    return None


# ---------------------------------------------------------------------------------------------
# documents


def refuse_too_large(name: str, size: int) -> None:
    """DocumentError when a page or file of `size` bytes is more than any article could be."""
    if size > MAX_BYTES:
        raise DocumentError(f"{name}: too large ({size // 1_000_000} MB > "
                            f"{MAX_BYTES // 1_000_000} MB)")


def parse_document(path: str, data: bytes) -> Document:
    if not data.strip():
        raise DocumentError(f"{path}: empty file")
    refuse_too_large(path, len(data))
    try:
        decoded, note = decode_bytes(data)
    except DocumentError as e:
        raise DocumentError(f"{path}: {e}") from None
    warnings = [note] if note else []
    text = normalise_text(decoded)
    if not text.strip():
        raise DocumentError(f"{path}: empty file")
    block, body, fm_warning = _split_front_matter(text)
    if fm_warning:
        warnings.append(fm_warning)
    meta = _front_matter(block, warnings) if block is not None else {}

    published = _published_value(meta.get("published"), warnings)
    how = "front_matter" if published else "none"
    in_text = find_publication_date(body)
    if published is None and in_text is not None:
        published, how = in_text
    elif published is not None and in_text is not None and in_text[0] != published:
        warnings.append(f"front matter published {published.isoformat()} differs from the date "
                        f"in the text ({in_text[0].isoformat()}): front matter kept")
    if published is None:
        warnings.append("no publication date found: event dates relative to it are unknown")

    title = _scalar("title", meta.get("title"), warnings) or _title_from_body(body)
    return Document(
        path=path,
        raw_text=text,
        body=body,
        title=title,
        source=_scalar("source", meta.get("source"), warnings),
        author=_scalar("author", meta.get("author"), warnings),
        url=_scalar("url", meta.get("url"), warnings),
        published=published,
        published_how=how,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        warnings=warnings,
    )


def read_bytes(path: pathlib.Path) -> bytes:
    """A file's bytes, refused (DocumentError) when it is a folder, too large or unreadable."""
    try:
        if path.is_dir():
            raise DocumentError(f"{path}: is a directory, not an article file")
        size = path.stat().st_size
        refuse_too_large(str(path), size)
        return path.read_bytes()
    except OSError as e:
        raise DocumentError(f"{path}: cannot read ({e.strerror or type(e).__name__})") from None


def read_document(path: pathlib.Path) -> Document:
    return parse_document(str(path), read_bytes(path))
