"""What a sentence says about a sanction: which target, which authority, which status."""

from __future__ import annotations

import re

from store.extract.clauses import clauses
from store.extract.clean import Sentence
from store.extract.dates import DateMention
from store.extract.events import Context, Report, apply_date, nearest_date
from store.extract.factuality import factuality, is_asserted, is_happening
from store.extract.lexicon import Lexicon
from store.extract.mentions import Mention

_NEAR = 60          # a status word must sit this close to a sanctions noun to be about it
_CONTINUE = re.compile(r"^\s*(?:followed by|then|and later|later)\b", re.I)
# Between an authority and "sanctions": other authorities and adjectives, never a comma.
_ADJACENT_AUTH = re.compile(r"^[^,;]{0,40}$")
_RELATIVE = re.compile(r"^\s*(?:which|that|who)\b", re.I)


def target_refs(ms: list[Mention], target_ids: set[str], lo: int, hi: int) -> list[Mention]:
    out, seen = [], set()
    for m in ms:
        if lo <= m.start < hi and (m.ref.source == "target" or m.ref.key in target_ids):
            key = m.ref.key
            if key not in seen:
                seen.add(key)
                out.append(m)
    return out


def _authorities(auths: list[tuple[int, int, str]], text: str, lo: int, hi: int,
                 noun_at: int) -> list[str]:
    """Authorities of a claim: those right before the sanctions noun ("EU and U.S. export
    restrictions"), else the one after "by", else the first in the clause."""
    inside = [a for a in auths if lo <= a[0] < hi]
    adjacent = [a[2] for a in inside
                if a[1] <= noun_at and _ADJACENT_AUTH.match(text[a[1]:noun_at])]
    if adjacent:
        return list(dict.fromkeys(adjacent))
    by = [a[2] for a in inside if re.search(r"\bby\s+(?:the\s+)?$", text[max(lo, a[0] - 8):a[0]])]
    if by:
        return by[:1]
    subjects = [a[2] for a in inside if a[1] <= noun_at]
    return subjects[:1]


def sanction_reports(s: Sentence, ms: list[Mention], auths: list[tuple[int, int, str]],
                     dates: list[DateMention], lex: Lexicon, ctx: Context,
                     target_ids: set[str]) -> list[Report]:
    text = s.text
    noun_spans = [(m.start(), m.end()) for m in lex.sanction_nouns.finditer(text)]
    nouns = [a for a, _ in noun_spans]
    if not nouns:
        return []
    spans = clauses(text)
    out: list[Report] = []
    last: Report | None = None
    for lo, hi in spans:
        clause_auths = [a for a in auths if lo <= a[0] < hi]
        # The first status word in the clause that is about sanctions and asserted.
        hit = None
        for st in lex.statuses:
            for m in st.cues.finditer(text, lo, hi):
                if min(max(m.start() - b, a - m.end(), 0) for a, b in noun_spans) > _NEAR:
                    continue
                fact = factuality(text, m.start(), m.end(), (lo, hi))
                if not (is_happening(fact) or (st.event is None and is_asserted(fact))):
                    continue
                if hit is None or m.start() < hit[1].start():
                    hit = (st, m)
                break
        if hit is None:
            # "…, followed by the United States in 2023": the same claim, another authority.
            if last is not None and clause_auths and _CONTINUE.match(text[lo:hi]):
                d = nearest_date(dates, lo, hi, lo)
                for code in dict.fromkeys(a[2] for a in clause_auths):
                    rep = Report(type=last.type, cameo=last.cameo, quote=text, sentence=s.index,
                                 target=last.target, authority=code, status=last.status)
                    apply_date(rep, d, ctx)
                    out.append(rep)
            continue
        st, cue = hit
        if last is not None and _RELATIVE.match(text[lo:hi]):
            # "sanctions on Belavia, which were imposed in 2022": same target and authority.
            rep = Report(type="", cameo=st.cameo or "", quote=text, sentence=s.index,
                         target=last.target, authority=last.authority,
                         status=st.name if st.name != "extended" else "in_force")
            d = nearest_date(dates, lo, hi, cue.start(), text, reach=40)
            if st.event and (st.event != "sanctions_imposed" or d is not None):
                rep.type = st.event
                apply_date(rep, d, ctx)
            else:
                apply_date(rep, d, Context(ctx.published))
            out.append(rep)
            continue
        targets = target_refs(ms, target_ids, lo, hi) or target_refs(ms, target_ids, 0, len(text))
        if not targets:
            continue
        noun_at = min(nouns, key=lambda n: abs(n - cue.start()))
        codes = (_authorities(auths, text, lo, hi, noun_at)
                 or _authorities(auths, text, 0, len(text), noun_at)
                 or ([ctx.authority] if ctx.authority else []))
        if not codes:
            continue
        d = nearest_date(dates, lo, hi, cue.start(), text, reach=40)
        # An imposition with no stated date is evidence of "in force", not a datable change.
        event = st.event if (st.event != "sanctions_imposed" or d is not None) else None
        status = st.name if st.name != "extended" else "in_force"
        for t in targets:
            for code in codes:
                rep = Report(type=event or "", cameo=st.cameo or "", quote=text,
                             sentence=s.index, target=t.ref, authority=code, status=status)
                if event:
                    apply_date(rep, d, ctx)
                else:
                    apply_date(rep, d, Context(ctx.published))
                out.append(rep)
                last = rep
    return out
