"""Hostile article files for the reliability suites: a fixed corpus of named cases, a seeded
random generator (thousands of files, reproducible from one seed) and hypothesis strategies.

Every case says what ingest must do with it: `stored` (a document row appears), `refused` (a
one-line error naming the file) or `either` (random bytes: whichever, but never a crash).
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import strategies as st

# `make test-slow` sets THAW_SLOW=1: the 10,000-input, 50-kill and 1,000-document suites.
SLOW = os.environ.get("THAW_SLOW") == "1"
slow = pytest.mark.skipif(not SLOW, reason="long suite: make test-slow")
THAW = [str(Path(sys.executable).with_name("thaw"))]   # the installed console script

# Text that breaks renderers and terminals when shown unescaped.
MARKUP = ["[/foo]", "[bold]", "[EU]", "[/]", "[$primary]", "[@click=app.quit]x[/]",
          "[link=file:///etc/passwd]x[/link]", "[b]bold[/b]", "[red on blue]", "[talks](#)",
          "[[double]]", "\\[escaped]", "[/", "]", "[", "{x}", "%s %(name)s {0}", "$name"]
ESCAPES = ["\x1b[31mRED\x1b[0m", "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07",
           "\x1b]0;pwned title\x07", "\x1b[2J\x1b[H", "\x1bc", "\x9b31m", "\x1b[?1049h",
           "\x1bP+q\x1b\\", "\x1b[6n"]
CONTROLS = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1f", "\x7f", "\x85", "\u2028",
            "\u2029"]
INVISIBLE = ["\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\u200c",
             "\u200d", "\ufeff", "\u00ad", "\u034f", "e\u0301\u0301\u0301", "\U000e0041"]
SCRIPTS = ["Лукашэнка", "Ціханоўская", "Тихановский", "لوكاشينكو", "לוקשנקו", "卢卡申科",
           "ルカシェンコ", "लुकाशेंको", "Łukaszenka", "Λουκασένκο", "👨‍👩‍👧‍👦", "🇧🇾🇺🇸",
           "ﷺ", "𝕷𝖚𝖐𝖆𝖘𝖍𝖊𝖓𝖐𝖆", "Z̵̢̛a̷l̸g̴o̶", "Ǆ ǅ ǆ ﬁ ß ẞ"]
DATES = ["31.02.2025", "0000-01-01", "year 0", "00.00.0000", "29.02.2023", "9999-12-31",
         "June 31, 2025", "32 May 2025", "1 January 99999", "10000-01-01", "2025-13-45",
         "on Tuesday", "late Januray", "31/12/1999", "01.01.0001", "Feb 30th", "-0001-01-01"]
NUMBERS = ["9999999999 prisoners", "99999999999999999999999 political prisoners",
           "-5 prisoners", "0 prisoners", "1e308 prisoners", "NaN prisoners",
           "٣٤ prisoners", "１４ prisoners", "14,000,000,000,000 people"]
# Sentences the extractor acts on, so hostile text reaches mentions, events and sanctions.
TEMPLATES = [
    "Belarus freed {n} on {d}, including opposition politician {x}.",
    "Lukashenko met US envoy John Coale in Minsk on {d} {x}.",
    "On {d}, the European Union extended its sanctions on Belavia {x}.",
    "The United States lifted sanctions on Belaruskali on {d}, said {x}.",
    "{x} Kellogg visited Minsk on {d} and met Lukashenka.",
    "Authorities arrested the journalist {x} Marozava in Hrodna on {d}.",
    "Opposition politician Mikola {x} was released on {d}, {n}.",
    "Trump called Lukashenko on {d}: \"{x}\".",
]
BAD_YAML = [
    "title: !!python/object/apply:os.system ['echo pwned']\n",
    "title: !!python/name:os.system\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "title: &t [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nsource: *t\nauthor: *t\n",
    "title: [unclosed\n",
    "title: 'x\n",
    "- just\n- a list\n",
    "just a string\n",
    "title: {a: {b: {c: {d: [1, 2, {e: f}]}}}}\n",
    "title: " + "[" * 2000 + "\n",
    "published: 31.02.2025\ntitle: '[/foo] [EU]'\n",
    "published: 0000-01-01\n",
    "published: 2025-02-30\n",
    "published: 99999999999999999999\n",
    "published: [2025, 1, 1]\n",
    "? [a, b]\n: c\n1: 2\nnull: x\n",
    "title: \x1b[31mred\x1b[0m\nsource: \"\\x1b]0;t\\x07\"\nurl: javascript:alert(1)\n",
    "\ttitle: tab-indented\n",
    "title: x\ntitle: duplicate key\n",
    "%YAML 9.9\n---\ntitle: directive\n",
    "title: " + "A" * 200_000 + "\n",
    "key: " + "x " * 40_000 + "\n",
    "<<: *nothing\n",
    "!!binary aGVsbG8=\n",
    "title: !!set {a, b}\n",
    "title: !custom/tag x\n",
]


@dataclass(frozen=True)
class Case:
    name: str          # file name (the suffix decides whether ingest picks it up)
    data: bytes
    expect: str        # stored | refused | either


def _pick(rng: random.Random, pool: list[str], k: int) -> str:
    return "".join(rng.choice(pool) for _ in range(k))


def hostile_phrase(rng: random.Random) -> str:
    pool = rng.choice([MARKUP, ESCAPES, CONTROLS, INVISIBLE, SCRIPTS, DATES, NUMBERS])
    return _pick(rng, pool, rng.randint(1, 4))


def hostile_text(rng: random.Random, sentences: int = 6) -> str:
    """Article-like text: thaw sentences with hostile fragments spliced into names, dates,
    numbers and between words."""
    lines = [f"# {hostile_phrase(rng)} Belarus {hostile_phrase(rng)}", ""]
    for _ in range(sentences):
        t = rng.choice(TEMPLATES).format(
            n=rng.choice(NUMBERS), d=rng.choice(DATES), x=hostile_phrase(rng))
        if rng.random() < 0.3:
            cut = rng.randint(0, len(t))
            t = t[:cut] + hostile_phrase(rng) + t[cut:]
        lines.append(t)
        if rng.random() < 0.3:
            lines.append("")
    return "\n".join(lines) + "\n"


def front_matter(rng: random.Random) -> str:
    if rng.random() < 0.5:
        block = rng.choice(BAD_YAML)
    else:
        block = (f"title: {hostile_phrase(rng)!r}\nsource: {hostile_phrase(rng)!r}\n"
                 f"published: {rng.choice(DATES + ['2025-09-11'])!r}\n")
    close = "" if rng.random() < 0.1 else "---\n"
    return "---\n" + block + close


_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251",
              "latin-1", "cp1252"]


def random_case(rng: random.Random, i: int) -> Case:
    """One of many generated files; `i` keeps names (and so the store's paths) unique."""
    roll = rng.random()
    if roll < 0.04:
        return Case(f"bin{i}.md", rng.randbytes(rng.randint(1, 4096)), "either")
    if roll < 0.06:
        return Case(f"empty{i}.md", rng.choice([b"", b" \n\t\n", b"\r\n" * 50]), "refused")
    if roll < 0.08:
        magic = rng.choice([b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x7fELF",
                            b"SQLite format 3\x00"])
        return Case(f"magic{i}.md", magic + rng.randbytes(200), "refused")
    text = hostile_text(rng, rng.randint(1, 10))
    if rng.random() < 0.3:
        text = front_matter(rng) + text
    if rng.random() < 0.05:
        text += hostile_phrase(rng) * rng.randint(1000, 20_000) + "\n"   # a very long line
    # A unique marker: no two generated files hash alike, so each must be stored on its own.
    text += f"\nref {i} {rng.random()}\n"
    # Many control characters is what binary data looks like: refusing it is right too.
    expect = "either" if _control_share(text) > 0.025 or text.count("\x00") > 4 else "stored"
    if rng.random() < 0.5:
        return Case(f"gen{i}.md", text.encode("utf-8"), expect)
    codec = rng.choice(_ENCODINGS)
    if codec in ("utf-16-le", "utf-16-be"):
        # Without a BOM, UTF-16 is recognised by its NUL bytes; text in other scripts or full
        # of controls has too few to tell it from binary, and may be refused as such.
        expect = "either"
    return Case(f"gen{i}.txt", text.encode(codec, errors="replace"), expect)


def _control_share(text: str) -> float:
    def share(t: str) -> float:
        n = sum(1 for ch in t if (ch < " " and ch not in "\t\n\r\x1b") or ch == "\x7f")
        return n / max(1, len(t))
    return max(share(text[:10_000]), share(text[:1_000_000]), share(text))


def generated(seed: int, count: int) -> Iterator[Case]:
    rng = random.Random(seed)
    for i in range(count):
        yield random_case(rng, i)


def corpus() -> list[Case]:
    """Named cases, each a kind of file seen (or feared) in the wild."""
    rng = random.Random(6)
    base = hostile_text(rng, 8)
    cyr = "Минск, 11 сентября 2025 — Лукашенко встретился с Коулом. Освобождены 52 заключённых.\n"
    cases = [
        Case("empty.md", b"", "refused"),
        Case("blank.md", b"\n\n   \n\t\n", "refused"),
        Case("nul-only.md", b"\x00" * 100, "refused"),
        Case("binary.md", bytes(range(256)) * 20, "refused"),
        Case("png.md", b"\x89PNG\r\n\x1a\n" + bytes(500), "refused"),
        Case("pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "refused"),
        Case("sqlite.md", b"SQLite format 3\x00" + bytes(100), "refused"),
        Case("bad-utf16-bom.md", b"\xff\xfe" + b"\x00\xd8", "refused"),
        Case("markup.md", ("# [/foo] [bold] [EU]\n\n" + base).encode(), "stored"),
        Case("ansi.md", ("\x1b[31m" + base + "\x1b]0;pwned\x07").encode(), "stored"),
        Case("controls.md", ("".join(CONTROLS) + base.replace(" ", " \x07", 3)).encode(),
             "stored"),
        Case("stray-nul.md", base.encode().replace(b" ", b"\x00", 2), "stored"),
        Case("rtl-zw.md", ("\u202e" + base + "\u200b\u200d\ufeff").encode(), "stored"),
        Case("scripts.md", (" ".join(SCRIPTS) + "\n" + base).encode(), "stored"),
        Case("utf16-bom.md", base.encode("utf-16"), "stored"),
        Case("utf16-le.txt", base.encode("utf-16-le"), "stored"),
        Case("utf16-be.txt", base.encode("utf-16-be"), "stored"),
        Case("utf32.md", base.encode("utf-32"), "stored"),
        Case("utf8-bom.md", base.encode("utf-8-sig"), "stored"),
        Case("cp1251.txt", cyr.encode("cp1251"), "stored"),
        Case("latin1.txt", "Café in Minsk: Lukashenko met Coale on 11 September 2025. "
             "Résumé: naïve façade.\n".encode("latin-1"), "stored"),
        Case("broken-utf8.md", base.encode() + b"\xff\xfe\xc3(", "stored"),
        Case("crlf.md", base.replace("\n", "\r\n").encode(), "stored"),
        Case("cr-only.md", base.replace("\n", "\r").encode(), "stored"),
        Case("long-line.md", ("Lukashenko met Coale. " * 50_000).encode(), "stored"),
        Case("no-newline.md", b"x" * 300_000, "stored"),
        Case("dates.md", ("\n".join(f"Belarus freed 5 prisoners on {d}." for d in DATES)
                          ).encode(), "stored"),
        Case("numbers.md", ("\n".join(f"Belarus freed {n} on 11 September 2025."
                                      for n in NUMBERS)).encode(), "stored"),
        Case("only-front-matter.md", b"---\ntitle: x\n---\n", "either"),
        Case("unclosed-front-matter.md", ("---\ntitle: x\n" + base).encode(), "stored"),
        Case("deep-brackets.md", ("[" * 50_000 + "](" * 10_000 + base).encode(), "stored"),
        Case("many-sentences.md", ("Lukashenko met Coale. " * 5 + "\n") .encode() * 20_000,
             "stored"),
    ]
    for k, block in enumerate(BAD_YAML):
        cases.append(Case(f"yaml{k}.md", ("---\n" + block + "---\n" + base).encode(), "stored"))
    # Distinct content for each stored case (a shared body would be "already stored").
    return [Case(c.name, c.data + (f"\n{c.name}\n".encode(_codec(c)) if c.expect == "stored"
                                   else b""), c.expect) for c in cases]


def _codec(c: Case) -> str:
    if c.data.startswith(b"\xff\xfe\x00\x00"):
        return "utf-32-le"
    if c.data.startswith((b"\xff\xfe", b"\xfe\xff")) or c.name.startswith("utf16"):
        return {"utf16-be.txt": "utf-16-be"}.get(c.name, "utf-16-le")
    return "cp1251" if c.name == "cp1251.txt" else "utf-8"


def big_article(size: int = 10_000_000) -> bytes:
    """A ~10 MB article of realistic hostile paragraphs (just under the 20 MB refusal limit)."""
    rng = random.Random(10)
    paragraphs = [hostile_text(rng, 12) for _ in range(50)]
    out: list[str] = []
    n = 0
    while n < size:
        p = rng.choice(paragraphs)
        out.append(p)
        n += len(p.encode())
    return "".join(out).encode()[:size]


# -- hypothesis ------------------------------------------------------------------------------

_FRAGMENT = st.sampled_from(MARKUP + ESCAPES + CONTROLS + INVISIBLE + SCRIPTS + DATES + NUMBERS)
_WORD = st.sampled_from(["Lukashenko", "met", "Coale", "in", "Minsk", "on", "freed", "prisoners",
                         "sanctions", "Belavia", "EU", "lifted", "said", "opposition",
                         "politician", ".", ",", "\n", "\n\n", " ", "---\n", "# ", "[", "]("])


@st.composite
def article_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_FRAGMENT, _WORD, st.text(max_size=30)), max_size=60))
    return " ".join(parts)


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    text = draw(article_text())
    how = draw(st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1", "raw", "fm"]))
    if how == "raw":
        return draw(st.binary(max_size=2000))
    if how == "fm":
        block = draw(st.sampled_from(BAD_YAML))
        return ("---\n" + block + "---\n" + text).encode("utf-8", errors="surrogatepass")
    return text.encode(how, errors="replace" if how != "utf-8" else "surrogatepass")


_GIVEN = ["Ales", "Maryia", "Ihar", "Volha", "Pavel", "Hanna", "Mikhail", "Iryna", "Raman", "Tatsiana"]
_FAMILY = ["Karpenka", "Zhuk", "Melnik", "Savich", "Hurski", "Lebedz", "Navumau", "Kavaleu",
           "Sidarenka", "Bialou", "Tsvirko", "Dubovik", "Ramanchuk", "Yakubouski"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def small_article(i: int) -> str:
    """A short, ordinary article (distinct per `i`) that yields events and actors."""
    rng = random.Random(i)
    day, month = rng.randint(1, 28), rng.choice(_MONTHS)
    who = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    lines = [
        f"# Release number {i}",
        "",
        f"MINSK, {month} {day}, 2025 — Belarus freed {rng.randint(2, 60)} political prisoners "
        f"on {day} {month} 2025, including opposition politician {who}.",
        f"US envoy John Coale met Lukashenko in Minsk on {day} {month} 2025.",
    ]
    if rng.random() < 0.3:
        lines.append(f"The United States lifted sanctions on Belavia on {day} {month} 2025.")
    lines.append(f"Reference {i}.")
    return "\n".join(lines) + "\n"


def write_small_articles(folder: Path, start: int, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"a{i:05d}.md"
        path.write_text(small_article(i), encoding="utf-8")
        paths.append(path)
    return paths
