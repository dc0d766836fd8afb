"""One document's text to mentions and event reports. Pure: no store, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from store.extract.clean import sentences, strip_markup
from store.extract.dates import DateMention, dateline_date, find_dates
from store.extract.events import (
    Context,
    Report,
    continue_lists,
    sentence_reports,
    subject_country,
    topics,
    without_arrivals_of_the_freed,
)
from store.extract.governing import carried_dates
from store.extract.lexicon import Lexicon
from store.extract.mentions import Mention, MentionFinder
from store.extract.sanctions import acting_authorities, sanction_reports

_CONTEXT_REACH = 2   # sentences a stated date or authority carries over to


@dataclass
class SentenceMentions:
    sentence: int
    text: str
    mentions: list[Mention]


@dataclass
class Extraction:
    sentences: int = 0
    mentions: list[SentenceMentions] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


_STORY_LINES = 6     # a dateline opens the story: among its first lines (title, byline …)


def story_date(body: str, published: date | None) -> DateMention | None:
    """The day a wire story's dateline gives ("VILNIUS, Dec 13 (Reuters) —"): what its undated
    sentences tell of. Read from the raw lines, since cleaning strips the dateline."""
    lines = [ln for ln in body[:5000].splitlines() if ln.strip()][:_STORY_LINES]
    return next((d for ln in lines if (d := dateline_date(strip_markup(ln), published))), None)


def extract(body: str, published: date | None, finder: MentionFinder, lex: Lexicon,
            target_ids: set[str]) -> Extraction:
    out = Extraction()
    known_people: dict[str, str] = {}
    ctx = Context(published, story=story_date(body, published))
    ctx_at = -10
    paragraph = -1
    year_from: date | None = None     # the last full date stated: the year of "On 9 November"
    for s in sentences(body):
        out.sentences += 1
        if s.index - ctx_at > _CONTEXT_REACH:
            # "operations there" and "he" still point back; dates and authorities lapse.
            ctx = Context(published, topics=ctx.topics, person=ctx.person, country=ctx.country,
                          anchor=ctx.anchor, story=ctx.story)
        elif s.paragraph != paragraph:
            # A date told in one paragraph does not date the next one's recollections; the
            # authority it talked about still holds.
            ctx = ctx._replace(date=None)
        if s.paragraph != paragraph:
            ctx = ctx._replace(person=None)     # "he" is someone this paragraph named
        paragraph = s.paragraph
        ms = finder.find(s.text, known_people)
        for m in ms:
            if m.kind == "person" and m.ref.source == "new" and " " in m.surface:
                known_people.setdefault(m.surface.split()[-1].lower(), m.ref.key)
        out.mentions.append(SentenceMentions(s.index, s.text, ms))
        dates = find_dates(s.text, published, year_from)
        stated = [d for d in dates if not d.relative and d.precision != "year"]
        if stated:
            year_from = date.fromisoformat(stated[-1].sort_date)
        auths = finder.authorities_in(s.text)
        out.reports.extend(sentence_reports(s, ms, dates, lex, ctx, auths))
        people = [m for m in ms if m.kind == "person"]
        ctx = ctx._replace(topics=topics(s.text, lex), person=people[-1] if people else ctx.person,
                           # the country last talked about, until another is
                           country=subject_country(s.text, ms) or ctx.country)
        out.reports.extend(sanction_reports(s, ms, auths, dates, lex, ctx, target_ids))
        fine = carried_dates(s.text, dates)
        # The authority a later "the airline was delisted" means: one that acted on sanctions.
        acting = acting_authorities(s.text, auths) if lex.sanction_nouns.search(s.text) else []
        if fine or acting:
            ctx = ctx._replace(
                date=fine[-1] if fine else ctx.date,
                anchor=fine[-1] if fine else ctx.anchor,
                authority=acting[-1][2] if acting else ctx.authority,
            )
            ctx_at = s.index
    out.reports = continue_lists(out.reports)
    out.reports = without_arrivals_of_the_freed(out.reports)
    return out
