"""What a sentence says about a sanction: which target, which authority, which status.

- A status word counts when it sits near a sanctions noun or a named target ("designated
  Belaruskali", "barred Belavia from its airspace") and its clause asserts it (factuality.py).
  A designation "since 2004" reports the act that began the state, dated 2004.
- The authority is the one the sanctions noun belongs to ("the EU's measures"), else the subject
  before the status word, else the one after "by", else any in the clause; never a place named
  after a preposition other than "by" ("told reporters in Vilnius", "war against Ukraine"),
  and never a bare country whose
  companies or people are the object ("British companies").
- The date is the clause's governing date (governing.py); a status with no date of its own is
  evidence of the status then, not a dated change.
- A company or sector named in the clause is the target before the country it belongs to; a
  person is a target when the status word acts on them ("froze the assets of X").
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from store.extract.clauses import clauses
from store.extract.clean import Sentence
from store.extract.dates import DateMention
from store.extract.events import ActorRole, Context, Report, apply_date
from store.extract.factuality import Factuality, factuality, is_asserted, is_happening
from store.extract.governing import governing_date, later_date
from store.extract.lexicon import Lexicon, SanctionStatus, authorities
from store.extract.mentions import Mention

_NEAR = 60          # a status word must sit this close to a sanctions noun or target
_CONTINUE = re.compile(r"^\s*(?:followed by|then|and later|later)\b", re.I)
# Between an authority and "sanctions": possessives, adjectives and other authorities only.
_ADJACENT_AUTH = re.compile(r"^(?:['’]s)?(?:\s+(?:and|&|own|its|their|[A-Z][\w.-]*|[a-z]+al|[a-z]+an))"
                            r"{0,3}\s+$")
_RELATIVE = re.compile(r"^\s*(?:which|that|who)\b", re.I)
_LOCATION_BEFORE = re.compile(
    r"\b(?:in|to|from|at|into|across|against|on|with|for|of|towards|over)\s+(?:the\s+)?$", re.I)
_OBJECT_AFTER = re.compile(r"\s+(?:companies|firms|citizens|nationals|persons|people|carriers|"
                           r"airspace|territory|officials|diplomats|soil)\b", re.I)
_COUNTRYISH = ("country",)
_PROGRAMME_NAME = re.compile(r"(?:-related\b|\s+[A-Z][a-z]|\s+sanctions\s+program)")
# A country is the target when the sanctions are on it ("its Belarus sanctions", "sanctions
# against Belarus", "measures in view of the situation in Belarus").
_COUNTRY_AS_TARGET_AFTER = re.compile(r"\s+(?:sanctions|restrictive measures|regime)\b")
_COUNTRY_AS_TARGET_BEFORE = re.compile(
    r"(?:sanctions|measures|restrictions)\s+(?:on|against)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,4}in\s+)?$|situation\s+in\s+$")
_ACTS_ON = re.compile(r"^\s*(?:the\s+)?(?:assets\s+)?(?:of\s+)?$", re.I)


def is_target(m: Mention, target_ids: set[str]) -> bool:
    return m.ref.source == "target" or m.ref.key in target_ids


def acting_authorities(text: str, auths: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Authority mentions that can act: not a place after "in"/"to", not an adjective of the
    object ("British companies", "Lithuanian citizens")."""
    return [a for a in auths if not _LOCATION_BEFORE.search(text, max(0, a[0] - 12), a[0])
            and not _OBJECT_AFTER.match(text, a[1])]


def authorities_of(auths: list[tuple[int, int, str]], text: str, lo: int, hi: int,
                   noun_at: int, cue_at: int) -> list[str]:
    adjacent = [a[2] for a in auths if lo <= a[0] < hi
                and a[1] <= noun_at and _ADJACENT_AUTH.match(text[a[1]:noun_at] + " ")]
    if adjacent:
        return list(dict.fromkeys(adjacent))
    inside = [a for a in acting_authorities(text, auths) if lo <= a[0] < hi]
    subjects = [a[2] for a in inside if a[1] <= cue_at]
    if subjects:
        return subjects[-1:]
    by = [a[2] for a in inside if re.search(r"\bby\s+(?:the\s+)?$", text[max(lo, a[0] - 8):a[0]])]
    if by:
        return by[:1]
    return [a[2] for a in inside][:1]


def _targets(ms: list[Mention], target_ids: set[str], lo: int, hi: int, text: str,
             cue_end: int) -> list[Mention]:
    """Companies and sectors; a country only where the sanctions are on it ("its Belarus
    sanctions", "sanctions against entities in Belarus" — not "relations between Belarus and
    …", not "Belarus's airline", not "Belarus General License"); else a person the status word
    acts on ("froze the assets of X")."""
    # every mention, not each target once: "lifting its sanctions on potash, and … a licence for
    # potash deals" is two acts on potash
    found = [m for m in ms if lo <= m.start < hi and is_target(m, target_ids)]
    countries = [m for m in found if m.kind in _COUNTRYISH and _sanctioned_country(text, m)]
    specific = [m for m in found if m.kind not in _COUNTRYISH]
    if specific or countries:
        return specific + countries
    return [m for m in ms if m.kind == "person" and m.start >= cue_end
            and _ACTS_ON.match(text[cue_end:m.start])][:1]


def _sanctioned_country(text: str, m: Mention) -> bool:
    if text[m.end:m.end + 2] in ("'s", "’s") or _PROGRAMME_NAME.match(text, m.end):
        return False
    return bool(_COUNTRY_AS_TARGET_AFTER.match(text, m.end)
                or _COUNTRY_AS_TARGET_BEFORE.search(text, max(0, m.start - 60), m.start))


def _role_of(m: Mention) -> ActorRole:
    return ActorRole(m.ref, m.surface, m.kind, "authority")


@lru_cache(maxsize=64)
def _agency_names(code: str) -> frozenset[str]:
    """The names an authority's bodies go by ("OFAC", "Treasury" for US)."""
    return frozenset(n for a in authorities() if a.code == code for n in (a.name, *a.aliases))


def _asserted(st_event: str | None, status: str, fact: Factuality) -> bool:
    if is_happening(fact):
        return True
    if fact is Factuality.TALLY and status == "in_force":
        return True                 # "has imposed restrictive measures since 2004"
    return st_event is None and is_asserted(fact)   # "remain in place": evidence


_ON_BEFORE = re.compile(r"\b(?:on|against|targeting)\s+$", re.I)


def capitals_as_targets(text: str, ms: list[Mention]) -> list[Mention]:
    """"sanctions on Minsk": a capital after "on"/"against" names its country."""
    return [m.as_country() if m.kind == "place" and m.country is not None
            and _ON_BEFORE.search(text, max(0, m.start - 12), m.start) else m for m in ms]


def sanction_reports(s: Sentence, ms: list[Mention], auths: list[tuple[int, int, str]],
                     dates: list[DateMention], lex: Lexicon, ctx: Context,
                     target_ids: set[str]) -> list[Report]:
    text = s.text
    ms = capitals_as_targets(text, ms)
    if not ms and not lex.sanction_nouns.search(text):
        return []
    noun_spans = [(m.start(), m.end()) for m in lex.sanction_nouns.finditer(text)]
    anchors = noun_spans + [(m.start, m.end) for m in ms   # every mention, not once per target
                            if m.kind not in _COUNTRYISH and is_target(m, target_ids)]
    if not anchors:
        return []
    spans = clauses(text)
    acting = acting_authorities(text, auths)
    # "OFAC", "the Council": the body of the authority that acted
    agencies = [_role_of(m) for m in ms if m.kind == "organisation"
                and any(a[0] <= m.start < a[1] or m.start <= a[0] < m.end for a in auths)]
    out: list[Report] = []
    last: Report | None = None
    for lo, hi in spans:
        clause_auths = [a for a in acting if lo <= a[0] < hi]
        hits = _status_cues(text, lo, hi, anchors, lex)
        if not hits:
            # "…, followed by the United States in 2023": the same claim, another authority.
            if last is not None and clause_auths and _CONTINUE.match(text[lo:hi]):
                d = governing_date(text, dates, spans, (lo, lo + 1), ctx.published)
                for code in dict.fromkeys(a[2] for a in clause_auths):
                    rep = Report(type=last.type, cameo=last.cameo, quote=text, sentence=s.index,
                                 targets=last.targets, authority=code, status=last.status)
                    apply_date(rep, d, ctx)
                    out.append(rep)
            continue
        if last is not None and _RELATIVE.match(text[lo:hi]):
            # "sanctions on Belavia, which were imposed in 2022": same targets and authority.
            acts = [(hits[0], list(last.targets), [last.authority])]
        else:
            targets = _targets(ms, target_ids, lo, hi, text, hits[0][1].end()) or \
                _targets(ms, target_ids, 0, len(text), text, hits[0][1].end())
            acts = []
            for hit, mine in _by_nearest_cue(hits, targets):
                cue = hit[1]
                nouns = [a for a, _ in noun_spans] or [cue.start()]
                noun_at = min(nouns, key=lambda n: abs(n - cue.start()))
                codes = (authorities_of(auths, text, lo, hi, noun_at, cue.start())
                         or authorities_of(auths, text, 0, len(text), noun_at, cue.start())
                         or ([ctx.authority] if ctx.authority else []))
                acts.append((hit, [m.ref for m in mine], codes))
        for (st, cue), refs, codes in acts:
            if not refs:
                continue
            st = _partial_lift_eases(st, text, cue, (lo, hi), lex)
            d = governing_date(text, dates, spans, (cue.start(), cue.end()), ctx.published) or \
                later_date(text, lo, hi, ctx.anchor, dates, ctx.date)
            status = st.name if st.name != "extended" else "in_force"
            # An imposition with no stated date is evidence of "in force", not a datable change.
            event = st.event if (st.event != "sanctions_imposed" or d is not None) else None
            for code in codes:
                rep = Report(type=event or "", cameo=st.cameo or "", quote=text,
                             sentence=s.index, targets=tuple(dict.fromkeys(refs)),
                             authority=code, status=status,
                             actors=[a for a in agencies if a.surface in _agency_names(code)])
                apply_date(rep, d, ctx if event else Context(ctx.published))
                out.append(rep)
                last = rep
    return _last_step(out)


def _last_step(reports: list[Report]) -> list[Report]:
    """"said on Saturday it was lifting …, and two days later issued a licence": one sentence
    telling two steps, days apart, of one act on one target is that act's last step."""
    out: list[Report] = []
    for rep in reports:
        earlier = next((o for o in out if o.type and rep.type and o.targets == rep.targets
                        and o.authority == rep.authority and o.precision == rep.precision == "day"
                        and o.sort_date and rep.sort_date
                        and abs((date.fromisoformat(rep.sort_date)
                                 - date.fromisoformat(o.sort_date)).days) <= 7), None)
        if earlier is not None and (rep.sort_date or "") >= (earlier.sort_date or ""):
            out.remove(earlier)
        elif earlier is not None:
            continue
        out.append(rep)
    return out


def _partial_lift_eases(st: SanctionStatus, text: str, cue: re.Match[str],
                        clause: tuple[int, int], lex: Lexicon) -> SanctionStatus:
    """"lifted some sanctions", "partially lifted": an easing; the rest stays in force."""
    if st.name != "lifted" or not lex.sanction_partial.search(
            text, max(clause[0], cue.start() - 12), min(clause[1], cue.end() + 24)):
        return st
    return next((s for s in lex.statuses if s.name == "eased"), st)


def _status_cues(text: str, lo: int, hi: int, anchors: list[tuple[int, int]],
                 lex: Lexicon) -> list[tuple[SanctionStatus, re.Match[str]]]:
    """Every asserted status word of the clause near a sanctions noun or target, in text order;
    where two statuses match at one place, the lexicon's order decides."""
    found: dict[int, tuple[SanctionStatus, re.Match[str]]] = {}
    for st in lex.statuses:
        for m in st.cues.finditer(text, lo, hi):
            if m.start() in found or any(a <= m.start() < b for a, b in
                                         ((h[1].start(), h[1].end()) for h in found.values())):
                continue
            if min(max(m.start() - b, a - m.end(), 0) for a, b in anchors) > _NEAR:
                continue
            if _asserted(st.event, st.name, factuality(text, m.start(), m.end(), (lo, hi))):
                found[m.start()] = (st, m)
    return [found[k] for k in sorted(found)]


def _by_nearest_cue(hits: list[tuple[SanctionStatus, re.Match[str]]], targets: list[Mention],
                    ) -> list[tuple[tuple[SanctionStatus, re.Match[str]], list[Mention]]]:
    """One act per status word with the targets nearest it ("closing its airspace to Belavia …
    and adopting sectoral sanctions on potash": two acts)."""
    mine: dict[int, list[Mention]] = {i: [] for i in range(len(hits))}
    for t in targets:
        # The act before the target (verb, then object), else the first after it.
        before = [i for i, h in enumerate(hits) if h[1].start() < t.start]
        mine[before[-1] if before else 0].append(t)
    return [(hits[i], mine[i]) for i in range(len(hits))]
