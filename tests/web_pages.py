"""Pages and feeds as outlets publish them, for the web ingest tests (made up, not the corpus)."""

from __future__ import annotations

from html import escape

FURNITURE = ("Subscribe to our newsletter", "We use cookies", "Related stories",
             "Donate to keep us independent", "Most read this week")


def page(title: str, paragraphs: list[str], *, canonical: str | None = None,
         published: str | None = "2026-03-03T09:00:00Z", author: str | None = "Olga Weber",
         site: str = "Baltic Ledger", charset: str | None = "utf-8") -> str:
    meta = [f"<meta charset='{charset}'>" if charset else "",
            f"<title>{escape(title)} | {site}</title>",
            f"<meta property='og:site_name' content='{site}'>",
            f"<meta name='author' content='{author}'>" if author else "",
            f"<link rel='canonical' href='{canonical}'>" if canonical else "",
            f"<meta property='article:published_time' content='{published}'>" if published else ""]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head>{''.join(meta)}</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a>
<a href="/newsletter">Subscribe to our newsletter</a></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to give you the best experience.
Accept all cookies or manage your preferences.</p><button>Accept</button></div>
<main><article><h1>{escape(title)}</h1><p class="byline">By {author}</p>{body}</article></main>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/x">Sanctions on Belavia were
extended again by the EU</a></li><li><a href="/y">Lukashenka met the Chinese envoy</a></li></ul>
<h2>Most read this week</h2><ul><li><a href="/z">Poland closed its border crossing</a></li></ul></aside>
<div class="donate"><p>Donate to keep us independent. Every euro counts.</p></div>
<footer><p>© 2026 {site}. All rights reserved.</p></footer></body></html>"""


RELEASE = [
    "Belarusian authorities freed 31 political prisoners on Tuesday, including the journalist "
    "Hanna Marozava, after talks with a visiting European delegation.",
    "The release followed a visit to Minsk by Dutch diplomat Pieter van Houten, who met "
    "Lukashenko on Monday. The Netherlands has not commented on the talks so far.",
    "Rights groups said more releases could follow in the coming weeks, though many prisoners "
    "remain behind bars and several of them are in poor health after years in custody.",
]
RELEASE_TITLE = "Belarus frees 31 political prisoners after Dutch envoy's visit"

ARREST = [
    "Opposition politician Mikola Dziadok was arrested in Hrodna on 2 March 2026, rights groups "
    "said, days after he returned from abroad to visit his ailing mother.",
    "His lawyer said the charges had not been disclosed and that he had been denied a phone call.",
]
ARREST_TITLE = "Belarus arrests opposition politician in Hrodna"


def rss(items: list[dict[str, str]], title: str = "Baltic Ledger") -> bytes:
    """An RSS 2.0 feed; an item's `content` goes into content:encoded."""
    out = [f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
           f"xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
           f"<title>{escape(title)}</title><link>https://ledger.example/</link>"]
    for it in items:
        out.append("<item>" + "".join(
            f"<content:encoded><![CDATA[{v}]]></content:encoded>" if k == "content"
            else f"<{k}>{escape(v)}</{k}>" for k, v in it.items()) + "</item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


def atom(entries: list[dict[str, str]]) -> bytes:
    out = ["<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
           "<title>Minsk Watch</title><id>urn:minsk-watch</id><updated>2026-03-04T00:00:00Z</updated>"]
    for e in entries:
        out.append(f"<entry><title>{escape(e['title'])}</title><id>{e['link']}</id>"
                   f"<link href='{e['link']}'/><updated>{e['updated']}</updated>"
                   f"<content type='html'>{escape(e['content'])}</content></entry>")
    out.append("</feed>")
    return "".join(out).encode()


def full_text(paragraphs: list[str], repeat: int = 3) -> str:
    """An item's content:encoded carrying the whole article (long enough to be no teaser)."""
    extra = [f"Background paragraph {i}: the talks have a long history of stops and starts, "
             "with envoys travelling between capitals and little said in public about them."
             for i in range(12)]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs + extra[:repeat * 2])
