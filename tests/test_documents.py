"""Reading article files: encodings, front matter, the publication date a reader would see."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from store.ingest.documents import (
    DocumentError,
    decode_bytes,
    find_publication_date,
    parse_document,
    read_document,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE = """---
title: "U.S. and Belarus Want to Normalise Bilateral Relations"
source: PISM Spotlight
author: Anna Maria Dyner
published: 2025-09-12
url: https://example.org/pism
---

U.S. and Belarus Want to Normalise Bilateral Relations

On 11 September, Donald Trump's envoy John Cole was received in Minsk.
"""


# --- front matter -----------------------------------------------------------------------------


def test_front_matter_fields_and_body() -> None:
    doc = parse_document("a.md", ARTICLE.encode())
    assert doc.title == "U.S. and Belarus Want to Normalise Bilateral Relations"
    assert (doc.source, doc.author, doc.url) == (
        "PISM Spotlight", "Anna Maria Dyner", "https://example.org/pism")
    assert (doc.published, doc.published_how) == (date(2025, 9, 12), "front_matter")
    assert doc.body.startswith("U.S. and Belarus") and "---" not in doc.body
    assert doc.raw_text.startswith("---\ntitle:")
    assert doc.warnings == []


def test_front_matter_values_are_coerced_to_text() -> None:
    doc = parse_document("a.md", b"---\ntitle: 1984\nauthor: [Ann, Bob]\nsource: true\n"
                                 b"published: '11.09.2025'\n---\nBody\n")
    assert (doc.title, doc.author, doc.source) == ("1984", "Ann, Bob", "True")
    assert doc.published == date(2025, 9, 11)


@pytest.mark.parametrize("value", ["2025-09-11 10:30:00", "September 11, 2025", "11 Sept 2025"])
def test_front_matter_published_in_other_spellings(value: str) -> None:
    doc = parse_document("a.md", f"---\npublished: {value}\n---\nBody\n".encode())
    assert doc.published == date(2025, 9, 11)


def test_invalid_published_value_warns_and_falls_back_to_the_text() -> None:
    doc = parse_document("a.md", b"---\ntitle: T\npublished: 2025-02-30\n---\n"
                                 b"T\nPublished 03.11.2025\n\nBody")
    assert doc.title == "T"     # the rest of the front matter survives
    assert (doc.published, doc.published_how) == (date(2025, 11, 3), "date_line")
    assert any("'published'" in w and "2025-02-30" in w for w in doc.warnings)


@pytest.mark.parametrize("block", [
    "title: [unclosed\n",
    "title: 'x\n  bad: : :\n",
    "- a list\n- not a mapping\n",
    "!!python/object/apply:os.system ['echo pwned']\n",
    "[" * 3000 + "\n",
])
def test_broken_or_hostile_yaml_is_ignored_with_a_warning(block: str) -> None:
    doc = parse_document("a.md", f"---\n{block}---\nHeadline\n\nBody text.\n".encode())
    assert doc.title == "Headline"
    assert doc.body.startswith("Headline")
    assert any("front matter" in w and "ignored" in w for w in doc.warnings)


def test_yaml_alias_bomb_is_not_expanded() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=False):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    bomb = "\n".join(lines) + "\ntitle: *h\nauthor: *h\npublished: *h\n"
    doc = parse_document("bomb.md", f"---\n{bomb}---\nHeadline\n".encode())
    assert doc.title == "Headline" and doc.author is None and doc.published is None
    assert any("'title' is not text" in w for w in doc.warnings)


def test_unclosed_front_matter_is_read_as_text() -> None:
    doc = parse_document("a.md", b"---\nTitle line\nBody\n")
    assert doc.title == "Title line"
    assert any("no closing" in w for w in doc.warnings)


def test_front_matter_date_disagreeing_with_the_text_is_reported() -> None:
    doc = parse_document("a.md", b"---\npublished: 2025-09-11\n---\nT\n\n12.09.2025\n\nBody")
    assert (doc.published, doc.published_how) == (date(2025, 9, 11), "front_matter")
    assert any("differs" in w for w in doc.warnings)


# --- publication date in the text ------------------------------------------------------------


@pytest.mark.parametrize(("text", "published", "how"), [
    (" date 2025-09-11 World Russia Society Opinion Science\nAndrey Mihayloff\n",
     date(2025, 9, 11), "date_line"),
    ("US envoy meets Belarusian leader\n\nPublished 03.11.2025\n\nJohn Coale arrived",
     date(2025, 11, 3), "date_line"),
    ("Updated: 2025-11-04T10:00:00Z\nText", date(2025, 11, 4), "date_line"),
    ("Опубликовано 4 ноября 2025 г.\nТекст", date(2025, 11, 4), "date_line"),
    ("\n\n\n31.07.2025\n\nOriginally published in the Eurasia Daily Monitor", date(2025, 7, 31),
     "numeric"),
    ("MINSK, November 4, 2025 — Belarusian authorities freed", date(2025, 11, 4), "dateline"),
    ("MINSK, Nov. 4, 2025 (Reuters) - Belarus freed", date(2025, 11, 4), "dateline"),
    ("Headline here\nNovember 4, 2025\n\nText", date(2025, 11, 4), "headline_date"),
    ("Headline here\n4 November 2025\n\nText", date(2025, 11, 4), "headline_date"),
    ("Headline here\nTuesday, 4 November 2025 12:30\nText", date(2025, 11, 4), "headline_date"),
    ("# Headline\n*Nov. 4, 2025, 10:15 a.m. EST*\nText", date(2025, 11, 4), "headline_date"),
    ("Headline\nBy Jane Doe | 4 November 2025\nText", date(2025, 11, 4), "headline_date"),
])
def test_publication_date_styles(text: str, published: date, how: str) -> None:
    assert find_publication_date(text) == (published, how)


@pytest.mark.parametrize("text", [
    "Lukashenko freed 52 prisoners on 11 September 2025 after talks.",   # a date in a sentence
    "MINSK, Nov 4 (Reuters) - Belarus freed prisoners",                 # no year in the dateline
    "Headline\nOn Tuesday the envoy arrived.",                          # relative only
    "Headline\n31.02.2025\n",                                           # not a calendar date
    "\n".join(["line"] * 20) + "\n4 November 2025\n",                   # too far down
])
def test_no_publication_date(text: str) -> None:
    assert find_publication_date(text) is None


def test_document_without_any_date_warns() -> None:
    doc = parse_document("a.txt", b"A headline\n\nSome text without a date.\n")
    assert (doc.published, doc.published_how) == (None, "none")
    assert "no publication date found: event dates relative to it are unknown" in doc.warnings


def test_title_without_front_matter_skips_date_lines_and_hashes() -> None:
    doc = parse_document("a.md", b"\n\n31.07.2025\n\n## Belarus Looking to Normalize\n\nText")
    assert doc.title == "Belarus Looking to Normalize"
    assert (doc.published, doc.published_how) == (date(2025, 7, 31), "numeric")


# --- encodings ----------------------------------------------------------------------------------


CYRILLIC = "МИНСК, 4 ноября 2025 — Лукашенко помиловал 52 заключённых. Ціханоўская заявіла."


@pytest.mark.parametrize(("encoding", "note_part"), [
    ("utf-8", None),
    ("utf-8-sig", None),
    ("utf-16", "UTF-16"),
    ("utf-16-be", "UTF-16"),    # no BOM: found by the NUL pattern
    ("utf-16-le", "UTF-16"),
    ("utf-32", "UTF-32"),
    ("cp1251", "windows-1251"),
])
def test_decodes_cyrillic_text(encoding: str, note_part: str | None) -> None:
    text, note = decode_bytes(CYRILLIC.encode(encoding))
    assert text.lstrip("\ufeff") == CYRILLIC
    assert (note is None) if note_part is None else (note is not None and note_part in note)


def test_latin1_is_not_mistaken_for_cyrillic() -> None:
    original = "Café crème in Zürich: naïve résumé, São Paulo, Łódź aside.\n" * 3
    data = original.replace("Ł", "L").replace("ź", "z").encode("latin-1")
    text, note = decode_bytes(data)
    assert text == original.replace("Ł", "L").replace("ź", "z")
    assert note is not None and "latin-1" in note


def test_windows_smart_quotes_decode() -> None:
    text, _ = decode_bytes("He said \u201cnow\u201d \u2014 and left.".encode("cp1252"))
    assert text == "He said \u201cnow\u201d \u2014 and left."


def test_mostly_utf8_with_a_stray_byte_keeps_utf8() -> None:
    data = "Łukaszenka, Ціханоўская, Statkevič — ".encode() * 5 + b"\xff tail"
    text, note = decode_bytes(data)
    assert "Ціханоўская" in text and note is not None and "replaced" in note


def test_same_content_in_two_encodings_has_one_hash() -> None:
    a = parse_document("a.md", ARTICLE.encode("utf-8"))
    b = parse_document("b.md", ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    assert a.sha256 == b.sha256 and a.raw_text == b.raw_text
    assert any("UTF-16" in w for w in b.warnings)


def test_cp1251_document_parses_with_a_warning() -> None:
    doc = parse_document("ru.txt", f"Заголовок\n\n{CYRILLIC}\n".encode("cp1251"))
    assert doc.title == "Заголовок"
    assert (doc.published, doc.published_how) == (date(2025, 11, 4), "dateline")
    assert "decoded as windows-1251 (Cyrillic)" in doc.warnings


@pytest.mark.parametrize(("data", "what"), [
    (b"\x00\x01\x02\xff" * 200, "binary data"),
    (bytes(range(256)) * 20, "binary data"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
])
def test_binary_is_refused_with_one_line(data: bytes, what: str) -> None:
    with pytest.raises(DocumentError) as err:
        parse_document("seeds/x.bin", data)
    msg = str(err.value)
    assert msg.startswith("seeds/x.bin: not a text file") and what in msg and "\n" not in msg


@pytest.mark.parametrize("data", [b"", b"  \n\t\n", "\ufeff".encode()])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentError, match="empty"):
        parse_document("e.md", data)


def test_control_characters_are_dropped() -> None:
    doc = parse_document("c.md", b"Head\x07line\r\nBody\x00 text\rmore")
    assert doc.title == "Headline"
    assert doc.body == "Headline\nBody text\nmore"


def test_read_document_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"missing\.md: cannot read"):
        read_document(tmp_path / "missing.md")
    with pytest.raises(DocumentError, match="directory"):
        read_document(tmp_path)


def test_read_document_keeps_the_path(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = read_document(path)
    assert doc.path == str(path) and doc.published == date(2025, 9, 12)


# --- the seeds ----------------------------------------------------------------------------------


SEED_FILES = {
    "2025-06-27-kyiv-independent-kellogg.md":
        "What did Lukashenko secure in return for freeing 14 prisoners?",
    "2025-07-31-edm-normalize-relations.md":
        "Belarus Looking to Normalize Relations with the United States",
    "2025-09-11-pravda-best-friends.md":
        "Donald Trump Suddenly Becomes Best Friends with Belarus President Alexander Lukashenko",
    "2025-09-11-sudden-thaw.md": "Belarus & US in Sudden Thaw: Prisoners Freed, Sanctions Dropped",
    "2025-09-12-pism-us-belarus-normalise.md":
        "U.S. and Belarus Want to Normalise Bilateral Relations",
}


@pytest.mark.parametrize(("name", "title"), SEED_FILES.items())
def test_seed_parses(name: str, title: str) -> None:
    doc = read_document(SEEDS / name)
    assert doc.title == title
    assert doc.published == date.fromisoformat(name[:10])
    assert doc.published_how == "front_matter"
    assert doc.warnings == []
    assert not doc.body.startswith("---") and "published:" not in doc.body[:200]


@pytest.mark.parametrize(("name", "how"), [
    ("2025-07-31-edm-normalize-relations.md", "numeric"),    # "31.07.2025" alone on a line
    ("2025-09-11-pravda-best-friends.md", "date_line"),      # " date 2025-09-11 World Russia"
])
def test_seed_date_found_in_text_without_front_matter(name: str, how: str) -> None:
    body = parse_document(name, (SEEDS / name).read_bytes()).body
    doc = parse_document(name, body.encode())
    assert (doc.published, doc.published_how) == (date.fromisoformat(name[:10]), how)
