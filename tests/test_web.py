"""Saved pages, feeds and URLs: what an analyst saves, subscribes to or pastes, read into the store.

Every URL is served by tests/webserver.py on 127.0.0.1; any other connection fails the test.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_pages import (
    ARREST,
    ARREST_TITLE,
    FURNITURE,
    RELEASE,
    RELEASE_TITLE,
    atom,
    full_text,
    page,
    rss,
)
from webserver import Server, serving

from store.db.connect import connect
from store.ingest import fetch
from store.ingest.follow import add_feed, followed_feeds, update_feeds
from store.ingest.run import ingest_paths
from store.read.export import export_data
from tui.cli import main

pytestmark = pytest.mark.usefixtures("local_network_only")


@pytest.fixture
def server() -> Server:
    with serving() as s:
        yield s


def documents(db: Path) -> list[dict[str, object]]:
    conn = connect(db)
    try:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM documents ORDER BY id")]
    finally:
        conn.close()


def release_page(canonical: str = "https://ledger.example/release") -> bytes:
    return page(RELEASE_TITLE, RELEASE, canonical=canonical).encode()


# -- saved pages --------------------------------------------------------------------------------


def test_saved_page_stores_the_article_and_its_metadata_without_furniture(tmp_path: Path) -> None:
    saved = tmp_path / "release.html"
    saved.write_bytes(release_page())
    report = ingest_paths(tmp_path / "s.db", [saved])
    assert report.ok, [f.message for f in report.failed]
    (doc,) = documents(tmp_path / "s.db")
    assert (doc["title"], doc["author"], doc["source"], doc["published"]) == (
        RELEASE_TITLE, "Olga Weber", "Baltic Ledger", "2026-03-03")
    assert doc["canonical_url"] == "https://ledger.example/release"
    assert all(f not in doc["text"] for f in FURNITURE)
    assert "Belavia" not in doc["text"] and "Chinese envoy" not in doc["text"]
    events = export_data(connect(tmp_path / "s.db"))["events"]
    release = [e for e in events if e["type"] == "release"]
    assert release and release[0]["count"] == 31
    # The sidebar's headlines are no events: no sanctions, no border closing.
    assert not [e for e in events if e["type"] in ("sanctions_extended", "border")]


def test_folder_of_saved_pages_and_feeds_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "a.htm").write_bytes(page(ARREST_TITLE, ARREST).encode())
    (folder / "news.rss").write_bytes(rss([{
        "title": RELEASE_TITLE, "link": "https://ledger.example/release",
        "pubDate": "Tue, 03 Mar 2026 09:00:00 GMT", "content": full_text(RELEASE)}]))
    assert ingest_paths(tmp_path / "s.db", [folder]).ok
    assert {d["title"] for d in documents(tmp_path / "s.db")} == {ARREST_TITLE, RELEASE_TITLE}


@pytest.mark.parametrize("charset,declared", [
    ("windows-1251", "windows-1251"),     # declared right, in <meta>
    ("utf-8", "iso-8859-1"),              # declared wrong: the bytes are UTF-8
    ("utf-8", None),                      # not declared at all
])
def test_page_charsets(tmp_path: Path, charset: str, declared: str | None) -> None:
    text = ["Лукашенко помиловал 31 заключённого, сообщила пресс-служба президента Беларуси "
            "во вторник вечером после встречи с европейскими дипломатами в Минске."] * 2
    saved = tmp_path / "ru.html"
    saved.write_bytes(page("Помилование", text, charset=declared).encode(charset))
    assert ingest_paths(tmp_path / "s.db", [saved]).ok
    (doc,) = documents(tmp_path / "s.db")
    assert "Лукашенко помиловал" in doc["text"]


# -- feeds ----------------------------------------------------------------------------------------


def test_feed_file_items_become_documents_with_their_date_and_link(tmp_path: Path) -> None:
    feed = tmp_path / "ledger.xml"
    feed.write_bytes(rss([
        {"title": RELEASE_TITLE, "link": "https://ledger.example/release",
         "pubDate": "Tue, 03 Mar 2026 09:00:00 GMT", "author": "Olga Weber",
         "content": full_text(RELEASE)},
        {"title": ARREST_TITLE, "link": "https://ledger.example/arrest",
         "pubDate": "Wed, 04 Mar 2026 07:30:00 GMT", "content": full_text(ARREST)},
    ]))
    report = ingest_paths(tmp_path / "s.db", [feed])
    assert report.ok, [f.message for f in report.failed]
    docs = {d["title"]: d for d in documents(tmp_path / "s.db")}
    assert docs[RELEASE_TITLE]["published"] == "2026-03-03"
    assert docs[RELEASE_TITLE]["published_how"] == "feed"
    assert docs[RELEASE_TITLE]["url"] == "https://ledger.example/release"
    assert docs[RELEASE_TITLE]["source"] == "Baltic Ledger"
    assert docs[ARREST_TITLE]["published"] == "2026-03-04"
    # Read again: both items are known by their link, nothing is added.
    again = ingest_paths(tmp_path / "s.db", [feed])
    assert {f.status for f in again.files} == {"unchanged"}


def test_atom_feed_url_fetches_the_pages_of_summary_only_items(tmp_path: Path, server: Server) -> None:
    server.add("/release", body=release_page(server.url("/release")))
    feed_url = server.add("/feed.rss", content_type="application/rss+xml", body=rss([
        {"title": RELEASE_TITLE, "link": server.url("/release"),
         "pubDate": "Tue, 03 Mar 2026 09:00:00 GMT", "description": "31 prisoners freed."}]))
    atom_url = server.add("/atom", content_type="application/atom+xml", body=atom([
        {"title": ARREST_TITLE, "link": "https://watch.example/arrest",
         "updated": "2026-03-04T08:00:00Z", "content": full_text(ARREST)}]))
    report = ingest_paths(tmp_path / "s.db", [feed_url, atom_url])
    assert report.ok, [f.message for f in report.failed]
    assert server.served["/release"] == 1
    docs = {d["title"]: d for d in documents(tmp_path / "s.db")}
    assert docs[RELEASE_TITLE]["fetched_url"] == server.url("/release")
    assert "Hanna Marozava" in docs[RELEASE_TITLE]["text"]       # the page, not the summary
    assert docs[ARREST_TITLE]["published"] == "2026-03-04"
    assert all("thaw-monitor/" in agent for agent in server.agents)


def test_malformed_feed_keeps_what_it_can_read(tmp_path: Path, server: Server) -> None:
    whole = rss([{"title": RELEASE_TITLE, "link": "https://ledger.example/release",
                  "content": full_text(RELEASE)},
                 {"title": ARREST_TITLE, "link": "https://ledger.example/arrest",
                  "content": full_text(ARREST)}])
    url = server.add("/broken.xml", content_type="application/rss+xml",
                     body=whole[: whole.index(b"</item>") + 7] + b"<item><title>cut here")
    report = ingest_paths(tmp_path / "s.db", [url, server.add("/nothing", body=b"<rss></rss>",
                                                              content_type="application/rss+xml")])
    assert [d["title"] for d in documents(tmp_path / "s.db")] == [RELEASE_TITLE]
    warnings = [w for f in report.files for w in f.warnings]
    assert any("malformed feed" in w for w in warnings)


# -- URLs -----------------------------------------------------------------------------------------


def test_page_url_then_conditional_request_fetches_nothing_unchanged(tmp_path: Path,
                                                                     server: Server) -> None:
    url = server.add("/release", body=release_page(), etag='"v1"',
                     last_modified="Tue, 03 Mar 2026 09:00:00 GMT")
    first = ingest_paths(tmp_path / "s.db", [url])
    assert first.ok and [f.status for f in first.files] == ["new"]
    (doc,) = documents(tmp_path / "s.db")
    assert (doc["fetched_url"], doc["canonical_url"]) == (url, "https://ledger.example/release")
    second = ingest_paths(tmp_path / "s.db", [url])
    assert [f.status for f in second.files] == ["unchanged"]
    assert (server.served["/release"], server.not_modified["/release"]) == (1, 1)


def test_one_document_seen_as_file_feed_item_and_url_is_stored_once(tmp_path: Path,
                                                                    server: Server) -> None:
    saved = tmp_path / "release.html"
    saved.write_bytes(release_page())
    # The same article with another sidebar: another hash, the same canonical URL.
    url = server.add("/r", body=release_page().replace(b"Most read", b"Popular")) + "?utm=x"
    feed = tmp_path / "feed.rss"
    feed.write_bytes(rss([{"title": RELEASE_TITLE, "link": "https://ledger.example/release",
                           "content": full_text(RELEASE)}]))
    report = ingest_paths(tmp_path / "s.db", [saved, url, feed])
    assert report.ok, [f.message for f in report.failed]
    assert len(documents(tmp_path / "s.db")) == 1
    assert [f.status for f in report.files].count("new") == 1


def test_each_failure_is_one_line_naming_its_url_and_the_rest_is_stored(
        tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    good = server.add("/good", body=page(ARREST_TITLE, ARREST).encode())
    bad = {
        "timed out": server.add("/slow", body=release_page(), delay=2),
        "HTTP 404": server.url("/missing"),
        "HTTP 500": server.add("/error", status=500),
        "redirect": server.add("/loop", location="/loop2"),
        "too large": server.add("/huge", body=b"<html>", declare_length=50_000_000),
        "not a text file": server.add("/binary", body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
        "mid-body": server.add("/cut", body=release_page(), cut_after=200),
        "not an RSS or Atom feed": server.add("/feed", body=b"<html><p>hi</p></html>",
                                              content_type="application/rss+xml"),
    }
    server.add("/loop2", location="/loop")
    report = ingest_paths(tmp_path / "s.db", [*bad.values(), good])
    assert not report.ok
    messages = {f.path: f.message for f in report.failed}
    assert set(messages) == set(bad.values())
    for what, url in bad.items():
        assert messages[url].startswith(url) and what in messages[url], messages[url]
        assert "\n" not in messages[url]
    assert [d["title"] for d in documents(tmp_path / "s.db")] == [ARREST_TITLE]


def test_a_feed_item_whose_page_fails_is_retried_next_update(tmp_path: Path, server: Server) -> None:
    server.add("/release", status=500)
    server.add("/arrest", body=page(ARREST_TITLE, ARREST).encode())
    feed = server.add("/feed", content_type="application/rss+xml", etag='"f1"', body=rss([
        {"title": RELEASE_TITLE, "link": server.url("/release"), "description": "Freed."},
        {"title": ARREST_TITLE, "link": server.url("/arrest"), "description": "Arrested."}]))
    db = tmp_path / "s.db"
    assert add_feed(db, feed)
    first = update_feeds(db)
    assert [f.path for f in first.failed] == [server.url("/release")]
    assert "HTTP 500" in first.failed[0].message
    assert followed_feeds(db)[0].error is None       # the feed itself was read
    server.add("/release", body=release_page(server.url("/release")))
    second = update_feeds(db)
    assert second.ok, [f.message for f in second.failed]
    assert server.served["/arrest"] == 1          # stored the first time: not fetched again
    assert {d["title"] for d in documents(db)} == {RELEASE_TITLE, ARREST_TITLE}
    third = update_feeds(db)
    assert server.not_modified["/feed"] == 1 and [f.status for f in third.files] == ["unchanged"]


# -- following outlets ------------------------------------------------------------------------------


def test_feeds_add_list_remove_and_update(tmp_path: Path, server: Server) -> None:
    db = str(tmp_path / "s.db")
    url = server.add("/feed", content_type="application/rss+xml", body=rss([
        {"title": RELEASE_TITLE, "link": "https://ledger.example/release",
         "pubDate": "Tue, 03 Mar 2026 09:00:00 GMT", "content": full_text(RELEASE)}]))
    run = CliRunner().invoke
    assert run(main, ["feeds", "add", url, "--db", db]).output.strip() == f"following {url}"
    assert "already following" in run(main, ["feeds", "add", url, "--db", db]).output
    bad = run(main, ["feeds", "add", "ftp://nowhere", "--db", db])
    assert bad.exit_code == 1 and "not an http(s) URL" in bad.output
    assert "not checked yet" in run(main, ["feeds", "list", "--db", db]).output
    out = run(main, ["update", "--db", db])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("1 new document ")
    listed = run(main, ["feeds", "list", "--db", db]).output
    assert "(Baltic Ledger)" in listed and "checked 20" in listed
    assert run(main, ["update", "--db", db]).output.startswith("0 new documents")
    assert run(main, ["feeds", "remove", url, "--db", db]).exit_code == 0
    assert run(main, ["feeds", "remove", url, "--db", db]).exit_code == 1
    assert "no feeds followed" in run(main, ["update", "--db", db]).output
    assert len(documents(Path(db))) == 1         # removing a feed keeps what it brought


def test_ingest_command_takes_urls(tmp_path: Path, server: Server) -> None:
    url = server.add("/release", body=release_page())
    out = CliRunner().invoke(main, ["ingest", url, server.url("/gone"), "--db", str(tmp_path / "s.db")])
    assert out.exit_code == 1
    assert f"error: {server.url('/gone')}: HTTP 404" in out.output
    assert "1 new document " in out.output


# -- the store ---------------------------------------------------------------------------------------


def test_version_1_store_is_upgraded_and_reads_pages(seed_db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(seed_db)
    conn.executescript("""
        DROP INDEX idx_documents_canonical; DROP INDEX idx_documents_fetched;
        ALTER TABLE documents DROP COLUMN fetched_url; ALTER TABLE documents DROP COLUMN canonical_url;
        DROP TABLE feeds; DROP TABLE http_cache; PRAGMA user_version = 1;""")
    conn.close()
    before = export_data(connect(seed_db))
    saved = tmp_path / "release.html"
    saved.write_bytes(release_page())
    assert ingest_paths(seed_db, [saved]).ok
    after = export_data(connect(seed_db))
    assert after["documents"][:-1] == before["documents"]
    assert documents(seed_db)[-1]["canonical_url"] == "https://ledger.example/release"
