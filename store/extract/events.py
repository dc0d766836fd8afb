"""Events from sentences: trigger words, the actors in their roles, a date, a count, a place.

Each `Report` is one event as one sentence of one document tells it; `store/merge/` decides which
reports are the same happening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from store.extract.clauses import clause_of, clauses
from store.extract.clean import Sentence
from store.extract.dates import DateMention
from store.extract.factuality import Factuality, factuality, is_happening
from store.extract.governing import governing_date, later_date, told_in_past
from store.extract.lexicon import EventType, Lexicon, trie
from store.extract.mentions import Mention, Ref

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# "fifty-two", "twenty one": the tens and the units together
_NUMBER_WORDS |= {f"{tens}{sep}{unit}": _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
                  for tens in _TENS for sep in ("-", " ")
                  for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight",
                               "nine")}
_MAX_COUNT = 1_000_000   # above this a "count" of people is a typo or an attack
_COUNT_REACH = 80        # a number farther from the trigger counts something else
_LIST_REACH = 5          # sentences after a release that may list its people
_QUOTE = re.compile(r"[“\"«„]([^”\"»“]{8,})[”\"»“]")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|also|later|finally)\s+"
                      r"(?:(?:first|again|later|also|finally|then|reportedly|\w+ly)\s+)?$"
                      # "X is among those released": X was
                      r"|\b(?:is|are|was|were)\s+among\s+(?:those|the\s+\w+)\s+$", re.I)
_INCLUDING = re.compile(
    r"\b(?:includ(?:ing|e|es|ed)|among (?:them|whom)|together with|such as|as well as|notably)\b", re.I
)
_HOST_VERB = re.compile(r"^(?:host|welcom|receiv|(?:was|were) received)", re.I)
_HOSTED = re.compile(r"(?<!accompanied )\b(?:with|by|met|meeting|hosted by)\s+(?:\S+\s+){0,4}$")
# "husband of X", "leader of X": the name after is someone else's relation, not released.
_RELATION = re.compile(r"\b(?:of|for|to)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_APPOSITION = re.compile(
    r"^[^,]*\b(?:citizen|national|journalist|activist|blogger|politician|leader|figure|"
    r"prisoner|dissident|opponent|lawyer|man|woman),\s*$", re.I)
_BY_NEAR = re.compile(r"\b(?:by|of)\s+(?:[\w.’'-]+\s+){0,3}$", re.I)   # "a visit by/of X"
_BACKGROUND = re.compile(
    r"\b(?:when|back then|previously|in the past|then-|years ago)\b", re.I)
_EARLIER_ROUNDS = re.compile(
    r"\b(?:previous|prior|earlier|past)\s+(?:\w+\s+){0,2}?(?:rounds?|visits?|meetings?|talks|"
    r"deals?|two|three|four|five|six|several|ones)\b", re.I)
_SECURED = re.compile(
    r"\b(?:secur|negotiat|won|win|obtain|broker|arrang|help|facilitat|push|press)"
    r"\w*\s+(?:the\s+|for\s+)?(?:\w+\s+){0,2}$", re.I)
_TIME_REF = re.compile(
    r"\b(?:after|before|following|ahead\s+of|since|during|at)\s+(?:the|this|that|their|his|her)\s+"
    r"(?:[\w'’-]+\s+){0,3}$", re.I)
_JOINED = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:with|and|between|involving|of)\s+(?:the\s+)?$", re.I)
# "a U.S. citizen", "Belarusian political prisoners": a country describing people, not acting.
_MODIFIES = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:citizens?|nationals?|diplomats?|officials?|envoys?|prisoners?|"
    r"residents?|journalists?|activists?|delegation|passport)\b", re.I)
# Between a name and the trigger: the name reported or credited the act, it did not do it
# ("Rubio announced that …", "Trump thanked him for the release").
_REPORTING = re.compile(
    r"\b(?:that|said|says|announced|reported|told|confirmed|according|thank\w*|prais\w+|welcom\w+|"
    r"hail\w*|credit\w*|applaud\w*|congratulat\w+)\b", re.I)
# "Assistant to President Trump", "husband of X": someone named to describe another.
_AIDE_OF = re.compile(
    r"\b(?:assistant|adviser|advisor|aide|deputy|envoy|spokes(?:man|woman|person)|husband|wife|"
    r"son|daughter|spouse|brother|sister)\s+(?:to|of|for)\s+(?:\S+\s+){0,2}$", re.I)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# "after talks led by X", "following a visit by X": the "by" belongs to another noun or verb.
# A name inside a prepositional phrase ("in the history of the Lukashenka regime") — not in a
# title ("Secretary of State Christopher Smith").
_IN_PHRASE = re.compile(r"\b(?:to|for|with|in|from|on|at|by|against|towards?|than|like|of)\s+"
                        r"(?:the|a|an)\s+$|\b(?:to|for|with|in|from|on|at|against|than|like)\s+$",
                        re.I)
_GOVERNED = re.compile(r"\b(?:to|for|with|in|from|of|on|at|by|against|towards?|than|like)\s+"
                       r"(?:the\s+|(?:[A-Z][\w.]*\s+){1,2})?$")
_OTHER_ACT = re.compile(r"\b(?:after|before|when|while|following|since|because|until|that|which|"
                        r"who|talks|visit|meeting|negotiations)\b|\b(?:\w+ed|led|held|made|run)\s+$",
                        re.I)


def _agent_by(text: str, t1: int, m: Mention) -> bool:
    """"freed by the regime": who freed them — not "freed after talks led by X"."""
    by = _BY.search(text, t1, m.start)
    return by is not None and not _OTHER_ACT.search(text, t1, by.start())
_PERSONS = ("person",)
_COUNTRYISH = ("country", "organisation")


@dataclass
class ActorRole:
    ref: Ref
    surface: str
    kind: str
    role: str
    country: Ref | None = None      # whose side a person is on, where the gazetteer says


@dataclass
class Report:
    type: str                       # event type; "" for sanction-status evidence that is no event
    cameo: str
    quote: str
    sentence: int
    date: str | None = None         # ISO prefix
    precision: str | None = None
    approximate: bool = False
    sort_date: str | None = None
    date_source: str = "none"       # text | context | published | none
    actors: list[ActorRole] = field(default_factory=list)
    place: Ref | None = None        # the place mention's ref
    place_name: str | None = None
    count: int | None = None
    targets: tuple[Ref, ...] = ()   # sanctions: every target one act names
    authority: str | None = None    # sanctions: authority code
    status: str | None = None       # sanctions: proposed | in_force | eased | lifted
    polarity: str | None = None     # embassy/border: open | close | intent
    detail: str | None = None       # statements: the quotation; exercises: the name
    published: str | None = None    # the article's date: the latest this can have happened
    background: bool = False        # told as history ("when Pompeo visited"), not as news
    continuation: bool = False      # only lists people ("Among them: A and B"): continues the
                                    # event told just before, or is nothing


class Context(NamedTuple):
    """What the sentences before this one set: the date they talk about, the authority.
    (A named tuple: it is rebuilt for every sentence, and `_replace` is cheap.)"""
    published: date | None
    date: DateMention | None = None
    authority: str | None = None
    topics: frozenset[str] = frozenset()    # event types the previous sentence named
    person: Mention | None = None           # the last person the paragraph named: "he", "the
                                            # founder of Viasna" in the next sentence
    country: Mention | None = None          # the country the last sentence was about: "The
                                            # crossings were closed on 9 June" after "Poland …"
    anchor: DateMention | None = None       # the last day told, whatever the paragraph: what
                                            # "two weeks later" counts from
    story: DateMention | None = None        # the dateline's day ("VILNIUS, Dec 13 (Reuters) —"):
                                            # what an undated sentence of the story is about


# "The State Department suspended operations there": the embassy of the sentence before.
_ANAPHORA = {"embassy": re.compile(r"\boperations\s+(?:there|in\s+\w+)", re.I)}


def topics(text: str, lex: Lexicon) -> frozenset[str]:
    return frozenset(et.name for et in lex.events if et.name in _ANAPHORA and et.triggers.search(text))


@lru_cache(maxsize=4)
def _count_rx(count_nouns: tuple[str, ...]) -> re.Pattern[str]:
    nouns = "|".join(re.escape(n) for n in sorted(count_nouns, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,-])(\d{{1,3}}(?:,\d{{3}})+|\d+|{trie(_NUMBER_WORDS)})"
        rf"\s+(?:(?:more|other|further|political|Belarusian|foreign|American|U\.S\.|Polish|"
        rf"Lithuanian|[a-z]+-?[a-z]*)\s+){{0,2}}(?:{nouns})\b",
        re.I,
    )


# "a U.S. citizen and two Belarusian political prisoners" frees three people.
_ONE_AND = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w.'-]+\s+){0,2}(?:citizen|national|journalist|activist|prisoner|"
    r"person|man|woman|American|foreigner|blogger)\s+and\s+$", re.I)


# "two Americans and a Belarusian lawyer": one more.
_AND_ONE = re.compile(
    r"\s+and\s+(?:a|an|one)\s+(?:[\w.'-]+\s+){0,2}(?:citizen|national|journalist|activist|prisoner|"
    r"person|man|woman|American|foreigner|blogger|lawyer|student|priest|politician)\b", re.I)


# "one of the three women", "most of them, 114 people": a part of a group, not its size.
_PARTITIVE_BEFORE = re.compile(
    r"\b(?:one|two|three|some|most|many|several|all|each|none|part)\s+of\s+"
    r"(?:the\s+|those\s+|(?:them|these|those),?\s+)?$", re.I)
# "Tsikhanouski and 13 other prisoners", "X and thirteen others": the named one counts too.
_NAMED_AND = re.compile(r"[A-Z][\w'’-]+\s+and\s+$|\bwith\s+$")


def count_in(lex: Lexicon, text: str, lo: int, hi: int, near: int) -> int | None:
    best: tuple[int, int] | None = None
    for m in _count_rx(lex.count_nouns).finditer(text, lo, hi):
        raw = m.group(1).lower().replace(",", "")
        value = _NUMBER_WORDS.get(raw) or (int(raw) if raw.isdigit() and len(raw) < 12 else 0)
        if not 0 < value <= _MAX_COUNT or _PARTITIVE_BEFORE.search(text, max(0, m.start() - 24),
                                                                     m.start()):
            continue
        if _ONE_AND.search(text, max(lo, m.start() - 60), m.start()) or _AND_ONE.match(text, m.end()):
            value += 1
        elif "other" in m.group(0).lower() and _NAMED_AND.search(text, max(0, m.start() - 40),
                                                                   m.start()):
            value += 1
        dist = abs(m.start() - near)
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None


_JOINED_PASSIVE = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ld)\b[^,;.]{0,40}?\band\s+$",
                             re.I)
_THOSE = re.compile(r"\bthose\s+$", re.I)
# "Most of them, 114 people, were taken to Ukraine": a part of a group already told.
_PART_OF_THEM = re.compile(r"\W*(?:most|some|many|several|all|part|the\s+rest|others)\s+of\s+"
                           r"(?:them|those|these|the\s+group)\b", re.I)
# A participle used as an adjective ("the freed prisoners", "nine released prisoners", "jailed
# opposition blogger") describes people; it reports no act.
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:^|\b(?:the|a|an|those|these|all|other|newly|recently|its|their|his|her|of|\d[\d,]*|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)|\w+ed)\s+$", re.I)
_PERSON_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z][a-z-]+\s+)?(?:prisoners?|people|persons|individuals|detainees|opposition|"
    r"bloggers?|journalists?|activists?|politicians?|dissidents?|men|women|citizens|nationals|"
    r"foreigners|Belarusians|leaders?|figures?|critics?|opponents?)\b")


_ADVERB_BEFORE = re.compile(r"\b(?:freshly|newly|recently|just|previously|once)\s+$", re.I)


def is_attributive(text: str, t0: int, t1: int) -> bool:
    if not text[t0:t1].lower().endswith("ed"):
        return False
    if _ADVERB_BEFORE.search(text, max(0, t0 - 14), t0):
        return True     # "freshly released Siarhei Tsikhanouski": describes him
    if re.match(r"\s+\w+ed\b", text[t1:]):       # "released jailed …": a verb and its object
        return False
    return bool(_PERSON_NOUN_AFTER.match(text, t1)) and \
        _ATTRIBUTIVE_BEFORE.search(text, max(0, t0 - 30), t0) is not None


def apply_date(rep: Report, d: DateMention | None, ctx: Context, source: str = "text") -> None:
    rep.published = ctx.published.isoformat() if ctx.published else None
    if d is not None:
        rep.date, rep.precision, rep.approximate = d.value, d.precision, d.approximate
        rep.sort_date, rep.date_source = d.sort_date, source
    elif ctx.date is not None:
        apply_date(rep, ctx.date, ctx, "context")
    elif ctx.story is not None:
        apply_date(rep, replace(ctx.story, approximate=True), ctx, "context")
    elif ctx.published is not None:
        # Undated news is about the days before publication: the date is a bound, not a claim.
        p = ctx.published.isoformat()
        rep.date, rep.precision, rep.approximate = p, "day", True
        rep.sort_date, rep.date_source = p, "published"


# "the Trump administration", "the Biden era": a name used as an adjective of a body or a time
# (not "the Lukashenka regime", which acts for him).
_BODY_AFTER = re.compile(r"[’']?s?\s+(?:administration|team|camp|campaign|era|presidency|years)\b",
                         re.I)


def _people(ms: list[Mention], lo: int, hi: int, text: str) -> list[Mention]:
    return [m for m in ms if m.kind in _PERSONS and lo <= m.start < hi
            and not _BODY_AFTER.match(text, m.end)]


def _uniq(roles: list[ActorRole]) -> list[ActorRole]:
    seen, out = set(), []
    for r in roles:
        if (r.ref, r.role) not in seen and not any(o.ref == r.ref for o in out):
            seen.add((r.ref, r.role))
            out.append(r)
    return out


def _role(m: Mention, role: str) -> ActorRole:
    return ActorRole(m.ref, m.surface, m.kind, role, m.country)


def _possessive(text: str, m: Mention) -> bool:
    return text[m.end:m.end + 2] in ("'s", "’s") or text[m.end:m.end + 1] in ("'", "’")


def _visitor(text: str, before: list[Mention], lo: int, t0: int) -> list[Mention]:
    """"Kellogg's visit" names the visitor right before the word; otherwise the subject,
    the first person in the clause who is not someone's ("John Coale, Kellogg's deputy, …")."""
    if before and _possessive(text, before[-1]) and len(text[before[-1].end:t0].split()) <= 3:
        return before[-1:]
    who = list(_WHO.finditer(text, lo, t0))
    if who:
        # "…, and by Christopher Smith, a deputy assistant secretary of state who made a trip":
        # the relative pronoun's antecedent.
        return [m for m in before if m.end <= who[-1].start()][-1:]
    subjects = [m for m in before if m.start >= lo and not _possessive(text, m)
                and not _INCLUDING.search(text[lo:m.start])
                and not _IN_PHRASE.search(text, max(0, m.start - 20), m.start)]  # "of the X regime"
    # the name right before the verb is its subject ("… since Pompeo came to Minsk")
    if subjects and re.fullmatch(r"\s+(?:(?:also|then|later|first|\w+ly)\s+)?", text[subjects[-1].end:t0]):
        return subjects[-1:]
    return subjects[:1]


def _direct_object(text: str, t1: int, m: Mention) -> bool:
    """"freed Tsikhanouski", "the discharge of twin citizen Yuras Ziankovich": a few words,
    no comma, between the trigger and the name."""
    between = text[t1:m.start]
    # "The release followed a visit to Minsk by X", "freed 52 prisoners after envoy X held
    # talks", "the releases that followed X's trip": X did something else; "the largest
    # release in the history of the X regime": a phrase of place or time, no object.
    if _OTHER_PREDICATE.search(between) or len(between.split()) > 8 or _possessive(text, m) or \
            _PREPOSITION_FIRST.match(between) or _FROM_TO_BEFORE.search(between):
        return False    # ("handed over a message from Trump to Lukashenka": no one handed over)
    return "," not in between or _APPOSITION.search(between) is not None


_FROM_TO_BEFORE = re.compile(r"\b(?:from|to)\s+$", re.I)
_PREPOSITION_FIRST = re.compile(r"\s*(?:in|at|on|during|under|since|from|across|throughout|"
                                r"within|into)\b", re.I)
_OTHER_PREDICATE = re.compile(
    r"\b(?:by|after|before|when|while|following|since|because|until|as|that|which|who|"
    r"meeting|met|talks|with)\b|\band\s+[a-z]+ed\b|\b[a-z]+ed\s+(?:his|her|their|the|a|an)\b",
    re.I)
_LIST_BREAK = re.compile(
    r"\b(?:after|before|when|while|since|as|who|which|that|but|because|said|says|told|during|"
    r"by|following|amid|ahead|hours|days)\b|[;:()]", re.I)


def _listed(text: str, people: list[Mention], start: int) -> list[Mention]:
    """The people in "including X, the activist Y and Z": each a few words after the last,
    until the list ends ("…, a day after Trump spoke" ends it). Relations ("husband of X")
    and possessives ("Lukashenko's opponents") are not list members."""
    out: list[Mention] = []
    for inc in _INCLUDING.finditer(text, start):
        end = inc.end()
        for m in people:
            if m.start < end:
                continue
            between = text[end:m.start]
            if _LIST_BREAK.search(between) or len(between.split()) > 8:
                break
            if not _possessive(text, m) and not _RELATION.search(text[max(0, m.start - 40):m.start]):
                out.append(m)
            end = m.end
    return out


_AUX_GAP = re.compile(r"(?:['’]s)?,?\s*(?:(?:who|that)\s+)?"
                     r"(?:(?:was|were|is|are|been|being|be|had|has|have|also|later|"
                     r"finally|then|reportedly|first|again|eventually|subsequently|among|those|"
                     r"the|\w+ly|not|never|to)\s+)*", re.I)


def _passive_subjects(text: str, before: list[Mention], t0: int) -> list[Mention]:
    """"X and the philosopher Y were freed": the names just before the verb, back through
    "and" / commas — not a speaker further back ("Tsertsel reported that 14 were arrested")."""
    out: list[Mention] = []
    edge = t0
    for m in reversed(before):
        gap = text[m.end:edge]
        if not out:
            # only auxiliaries and adverbs between the name and the verb: not "Kellogg met
            # Lukashenka and 14 prisoners were let go"
            if not _AUX_GAP.fullmatch(gap):
                break
        elif not re.fullmatch(r"\s*(?:,|,?\s*and)\s+(?:[a-z-]+\s+){0,3}", gap):
            break
        out.append(m)
        edge = m.start
    return out


_GIVE = re.compile(r"\b(?:sent|sends|handed|hands|gave|gives|delivered|delivers|passed|wrote|writes)\b"
                   r"(?!.*\b(?:sent|sends|handed|hands|gave|gives|delivered|delivers|passed|wrote|writes)\b)",
                   re.I)
_MODIFIER_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+)?")
# An unnamed exercise is reported only with a verb that says it was held (or watched).
_HOLDS = re.compile(r"\b(?:held|hold|holds|staged|stage|conducted|launched|began|started|kicked off|"
                    r"took place|took part|ended|wrapped up|carried out|practi[sc]ed|rehearsed|"
                    r"observed|watched|attended|joined)\b", re.I)
_RECEIVED = re.compile(r"\s+(?:\w+ly\s+)?(?:received|receives|got|gets|was\s+handed|was\s+given)\b",
                       re.I)
_WHOSE = re.compile(r"\bwhose\s+$", re.I)
_WITH_BEFORE = re.compile(r"\b(?:with|from|to|into)\s+(?:the\s+)?$", re.I)
_ANOTHER_VERB = re.compile(r"\b(?:and|was|were|is|are|been|who|which)\b", re.I)
_POSSESSIVE_BEFORE = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}$")
_WHO = re.compile(r"\bwho\b", re.I)
# "the journalist detained in June 2020", "…, arrested in March 2021, remains in prison".
_REDUCED_RELATIVE = re.compile(
    r"(?:\b(?!(?:the|and|was|were|had|has|have|who|that|which|this|its|their|his|her)\b)[a-z]{3,}|,)"
    r"\s+$")
# "He", "The founder of Viasna", "This activist" — not "The next day", "The same week".
_ANAPHOR = re.compile(r"^\s*(?:He|She|(?:The|This)\s+(?!(?:next|following|same|previous|last|first|"
                      r"day|week|month|year|morning|evening|night)\b)(?![a-z]+[^s\W]s\b)[a-z])")
# (not a plural: "The prisoners freed in December" are not the person named last)


def _named_earlier(name: str, text: str, trig: re.Match[str], rep: Report) -> bool:
    """"Smith's quiet trip to Minsk" with no date of its own: a visit the reader knows of,
    recalled — it joins that visit however long ago it was."""
    return name == "visit" and rep.date_source != "text" and any(
        a.role == "visitor" and _POSSESSIVE_BEFORE.search(text, max(0, trig.start() - 30),
                                                          trig.start())
        for a in rep.actors)


_AFTER_ASIDE = re.compile(r"(?:was|were|is|are|has|have|had)\s", re.I)


def subject_country(text: str, ms: list[Mention]) -> Mention | None:
    """The country a sentence is about: the first one named that is not the other side
    ("Poland will keep its crossings with Belarus closed": Poland); else the country of the
    first place named ("The crossings at Medininkai reopened": Lithuania)."""
    named = next((m for m in ms if m.kind == "country"
                  and not _WITH_BEFORE.search(text, max(0, m.start - 12), m.start)), None)
    place = next((m for m in ms if m.kind == "place" and m.country is not None), None)
    if named is None and place is not None and place.country is not None:
        return place.as_country()
    return named


def told_of(text: str, people: list[Mention], t0: int, person: Mention | None) -> list[Mention]:
    """Who a passive or participle with no name beside it is about: the sentence's topic when
    it opens with a name and an aside ("Tsikhanouski, a blogger whose …, was arrested"); the
    person the paragraph last named when the sentence opens with "He", "She" or a description
    ("The founder of Viasna was arrested", "The lawyer, …, was detained")."""
    comma = text.find(",", 0, t0)
    head_end = comma if comma > 0 else t0      # "The blogger, whose arrest …, was freed"
    first = next((m for m in people if m.end <= head_end), None)
    if first is not None and first.start <= 2:
        return [first]
    if first is None and person is not None and _ANAPHOR.match(text):
        return [person]
    return []


def _near(people: list[Mention], t0: int, t1: int, reach: int = 80) -> list[Mention]:
    """Those named close to the trigger word; farther off they are background."""
    return [m for m in people if t0 - reach <= m.end and m.start <= t1 + reach]


def _place(ms: list[Mention], lo: int, hi: int, near: int) -> Mention | None:
    places = [m for m in ms if m.kind == "place" and lo <= m.start < hi]
    if not places:
        return None
    after = [m for m in places if m.start >= near]
    return (after or places)[0] if after else min(places, key=lambda m: abs(m.start - near))


def _fill(et: EventType, trig: re.Match[str], s: Sentence, ms: list[Mention], lex: Lexicon,
          spans: list[tuple[int, int]], auths: list[tuple[int, int, str]], ctx: Context,
          ) -> Report | None:
    """The actors, place, count of one triggered event, or None when too little is said."""
    text = s.text
    lo, hi = clause_of(spans, trig.start())
    t0, t1 = trig.start(), trig.end()
    people = _people(ms, lo, hi, text) or _people(ms, 0, len(text), text)
    before = [m for m in people if m.end <= t0]
    after = [m for m in people if m.start >= t1]
    rep = Report(type=et.name, cameo=et.cameo, quote=text, sentence=s.index)
    place = _place(ms, lo, hi, t1)
    if place:
        rep.place, rep.place_name = place.ref, place.surface
    roles: list[ActorRole] = []
    name = et.name
    if name == "visit":
        word = trig.group(0).lower()
        # "a visit to Minsk by X" — not "came to Minsk and was received by X" (another verb's).
        # "a visit by Trump's envoy Keith Kellogg": the envoy, not the one whose envoy he is.
        by_after = [m for m in after if _BY_NEAR.search(text[t1:m.start])
                    and not _ANOTHER_VERB.search(text, t1, m.start) and not _possessive(text, m)]
        if word.startswith(("was received", "were received")):
            visitors, hosts = before[-1:], by_after[:1]
        elif _HOST_VERB.match(word) and not _PASSIVE.search(text[:t0]):
            hosts, visitors = before[-1:], after[:1]
        else:
            visitors = by_after[:1] or _visitor(text, before, lo, t0)
            if not visitors and word.startswith(("trip", "journey")):
                # "a June trip with US diplomat Kellogg": the one on the trip.
                visitors = [m for m in after if re.search(r"\bwith\s+(?:\S+\s+){0,3}$",
                                                          text[t1:m.start])][:1]
            hosts = [m for m in after if m not in visitors and not _possessive(text, m)
                     and m.start > (visitors[0].end if visitors else 0)
                     and _HOSTED.search(text[t1:m.start])][:1]
        if not visitors:
            return None
        roles = [_role(m, "visitor") for m in visitors] + [_role(m, "host") for m in hosts]
        roles += [_role(m, "participant") for m in _near(people, t0, t1)
                  if m not in visitors + hosts and not _possessive(text, m)
                  and not _AIDE_OF.search(text[max(0, m.start - 40):m.start])]
        if place is not None and place.country is not None:
            # A visit to Minsk is hosted by the country Minsk is in.
            roles.append(ActorRole(place.country, place.country.key, "country", "host"))
    elif name in ("meeting", "call"):
        listed = _listed(text, people, 0)
        # Those near the word, and whoever the clause says it was "with", however long the
        # title before the name ("met … with Special Envoy of the President … Keith Kellogg").
        with_ = [m for m in people if m.start >= t1 and m.start < hi
                 and re.search(r"\bwith\b", text[t1:m.start], re.I)][:1]
        parties = [m for m in _near(people, t0, t1) + with_ if m not in listed
                   and not _possessive(text, m)      # "Trump's envoy": the envoy took part
                   and not _AIDE_OF.search(text[max(0, m.start - 40):m.start])]
        parties = list(dict.fromkeys(parties))
        ref = _TIME_REF.search(text, lo, t0)
        if ref:
            # "Rybakov said, after the Kellogg meeting, …": the meeting is named as a time;
            # its parties are those named in that phrase or after the trigger, not the speaker.
            parties = [m for m in parties if m.start >= ref.start()]
        countries = [m for m in ms if m.kind in _COUNTRYISH and lo <= m.start < hi]
        if not parties:
            # "the first round of Russian–Ukrainian negotiations": the countries named with it.
            parties = [m for m in countries if m.kind == "country" and t0 - 40 <= m.start < t1]
            if len(parties) < 2:
                return None
        if len(parties) + (1 if countries else 0) + (1 if place else 0) < 2:
            return None
        roles = [_role(m, "participant") for m in parties]
    elif name == "letter":
        if not people:
            return None
        # "a letter from Trump" (the trigger may end in "from": "message from")
        senders = [m for m in people
                   if re.search(r"\bfrom\s+(?:(?!to\b)\S+\s+){0,3}$", text[t0:m.start])]
        if not senders:
            # "Lukashenka sent a letter to Trump": the subject wrote it.
            senders = [m for m in before if m.start >= lo and not _possessive(text, m)
                       and re.search(r"\b(?:sent|wrote|sends|writes|addressed)\b", text[m.end:t0])][:1]
        # "sent Trump a letter", "handed Lukashenka a letter": the name after the verb receives
        # it; "X received a letter": X does.
        give = _GIVE.search(text, lo, t0)
        got = [m for m in people if m.end <= t0 and _RECEIVED.match(text, m.end)]
        roles = [_role(m, "sender") for m in senders]
        roles += [_role(m, "recipient" if m.start > t1 or (give and m.start > give.end()) or m in got
                        else "messenger")
                  for m in people if m not in senders]
    elif name == "appointment":
        # "Trump named X … as his envoy": the subject appoints, the first name after the verb
        # is appointed; "X was appointed": the passive subject; "the appointment of X".
        passive = _PASSIVE.search(text[lo:t0]) is not None
        named_after = [m for m in people if m.start > t0 and not _possessive(text, m)]
        if trig.group(0).lower().endswith(("ment", "tion")):
            # "the appointment of X", "X's appointment"; "announcing the appointment, Trump
            # praised …" names no one appointed.
            named_after = [m for m in named_after if re.match(r"\s+of\s+(?:\S+\s+){0,3}$",
                                                             text[t1:m.start])]
            named_after += [m for m in people if m.end <= t0 and _possessive(text, m)
                            and len(text[m.end:t0].split()) <= 2]
        subjects = [m for m in people if lo <= m.start and m.end <= t0 and not _possessive(text, m)]
        appointed = (_passive_subjects(text, subjects, t0) if passive else []) or named_after[:1]
        if not appointed:
            return None
        roles = [_role(m, "appointee") for m in appointed[:1]]
        if subjects and not passive:
            roles.append(_role(subjects[-1], "appointer"))
    elif name in ("release", "arrest"):
        subject = "released" if name == "release" else "arrested"
        agent = "releasing" if name == "release" else "arresting"
        passive = _PASSIVE.search(text[lo:t0]) is not None or (
            et.subject_undergoes is not None and et.subject_undergoes.fullmatch(trig.group(0)))
        # "X was pulled off the plane and arrested": the passive of the first participle
        joined = _JOINED_PASSIVE.search(text, lo, t0) if " and " in text[lo:t0] else None
        if joined and not passive:
            passive, t0 = True, joined.start()
            before = [m for m in before if m.end <= t0]
        inc = _INCLUDING.search(text, t1)
        if inc and _OTHER_PREDICATE.search(text, t1, inc.start()):
            inc = None      # "detained … and sentenced together with X": another verb's company
        objects = [m for m in people if m.start >= t1 and _direct_object(text, t1, m)]
        if passive:
            # "X was freed": the name just before the verb, not a speaker further back.
            objects += _passive_subjects(text, [m for m in before if m.start >= lo], t0)
        reduced = trig.group(0).lower().endswith("ed") and \
            _REDUCED_RELATIVE.search(text, max(0, t0 - 30), t0) is not None
        if not objects and (passive or reduced or _WHOSE.search(text, max(0, t0 - 8), t0)):
            objects = told_of(text, people, t0, ctx.person)
        if inc:
            objects += [m for m in _listed(text, people, inc.start()) if m not in objects]
        # "three prisoners, among them A and B, were allowed to leave": the list in the subject
        # (the clause of the verb may start after the aside: look from the subject's clause)
        subject_lo = 0 if _AFTER_ASIDE.match(text, lo) else lo
        aside = _INCLUDING.search(text, subject_lo, t0) if passive else None
        if aside:
            objects += [m for m in _listed(text, people, aside.start())
                        if m.end <= t0 and m not in objects]
        # Who freed them: the subject of the verb ("Lukashenko pardoned", "Belarus released",
        # "by the Lukashenko regime") — not whoever announced it ("Rubio announced that …").
        doers = people + [m for m in ms if m.kind == "country" and lo <= m.start < hi]
        agents = [m for m in doers if m not in objects and not _possessive(text, m)
                  and not (m.kind != "person" and _MODIFIES.match(text, m.end))
                  and ((not passive and lo <= m.start and m.end <= t0
                        and not _REPORTING.search(text[m.end:t0]))
                       or _agent_by(text, t1, m))]
        # The subject is the nearest doer before the verb not governed by a preposition ("in a
        # gesture to Washington, Lukashenka freed …"; "after Coale visited Minsk and Belarus
        # freed 52": Belarus); one named by "by" after it otherwise.
        agents = [m for m in agents if m.start > t0 or
                  not _GOVERNED.search(text, max(0, m.start - 20), m.start)]
        agents.sort(key=lambda m: (m.start > t0, abs(m.start - t0)))
        # "Most of those freed, 114 people, were taken to Ukraine": a part of a release
        # already told, named by "those"; its number is not the release's.
        partial = _THOSE.search(text, max(0, t0 - 12), t0) is not None or \
            _PART_OF_THEM.match(text) is not None
        # "three more individuals, including a U.S. citizen, were freed": the subject before the
        # aside is the predicate's, so its number counts.
        reach = t0 - _COUNT_REACH if aside is None else aside.start() - 40
        rep.count = None if partial else count_in(lex, text, max(subject_lo, reach),
                                                  min(hi, t1 + _COUNT_REACH), t1)
        if not objects and rep.count is None:
            return None
        if rep.count is not None and not objects and _EARLIER_ROUNDS.search(text, lo, t0):
            # "the previous three resulted in the release of 18": a tally over several
            # happenings, not one event ("since July 2024" tallies: factuality.py).
            return None
        if name == "release" and agents and _SECURED.search(text, max(lo, t0 - 40), t0):
            # "Smith visited Minsk, securing the release of …": the envoy negotiated it;
            # the releasing side is whoever else the sentence names (often nobody).
            roles = [_role(m, subject) for m in objects] + [_role(agents[0], "negotiator")]
        else:
            roles = [_role(m, subject) for m in objects] + [_role(m, agent) for m in agents[:1]]
        if name == "release":
            # "… were driven to the Lithuanian border", "handed over to Ukraine": who took them in.
            roles += [ActorRole(ref, ref.key, "country", "receiving")
                      for ref in _destinations(text, ms, t1)]
        elif not agents and place is not None and place.country is not None:
            # "X was detained in Hrodna": by the state the place is in.
            roles.append(ActorRole(place.country, place.country.key, "country", agent))
    elif name in ("embassy", "border"):
        # The direction may be the predicate after an aside ("the crossings with Belarus, including
        # those at Terespol, are open again"): look past the clause, within the sentence.
        near_lo, near_hi = max(0, t0 - 50), min(len(text), t1 + 50)
        # The direction word nearest the trigger ("did not close anything, it was Lithuania
        # that closed the border": the second).
        # A direction word in the trigger's own clause comes first ("decided to restore traffic
        # at the checkpoints, which were closed on 29 October": restored).
        found = [(not lo <= m.start() < hi, abs(m.start() - t0), m, p) for p in et.polarity
                 for m in p.cues.finditer(text, near_lo, near_hi)]
        _, _, cue, pol = min(found, key=lambda f: f[:2]) if found else (0, 0, None, None)
        if cue is not None and not is_happening(
                factuality(text, cue.start(), cue.end(), clause_of(spans, cue.start()))):
            return None     # "has not reopened", "plans to reopen": the verb carries the modality
        if pol is None and et.require_polarity:
            return None
        rep.polarity = pol.name if pol else "open"
        rep.cameo = pol.cameo if pol else et.cameo
        countries = [m for m in ms if m.kind == "country"]
        if not countries and not place and not auths:
            if name != "border" or ctx.country is None:
                return None
            # "The crossings at Kuźnica were closed on 9 June", after a sentence about Poland.
            rep.actors = [_role(ctx.country, "actor")]
            return rep
        roles = []
        # Whoever the crossing is "with" is on the other side, never its owner.
        owners = [m for m in countries if m.start < t0
                  and not _WITH_BEFORE.search(text, max(0, m.start - 12), m.start)]
        owner = owners[-1:]
        # "Belarus expelled the US ambassador": the country naming the embassy or envoy is the
        # one acted upon when the clause's subject is another country.
        modifier = [m for m in owner if len(owners) > 1 and _MODIFIER_GAP.fullmatch(text, m.end, t0)]
        if modifier:
            owner = owners[:1]
        auth_before = [a for a in auths if a[1] <= t0]
        # "Both checkpoints reopened", "…traffic at the Medininkai checkpoint": a crossing's
        # country owns it when the sentence names no country before the word.
        crossing = [m.country for m in ms if m.kind == "place" and m.country is not None]
        if not owner and auth_before:
            # "The US State Department suspended operations": the authority's country owns it.
            rep.authority = auth_before[-1][2]
        elif not owner and crossing and name == "border":
            roles = [ActorRole(crossing[0], crossing[0].key, "country", "actor")]
        elif not owner and ctx.country is not None and name == "border":
            # "The government shut the crossings …, after balloons came from Belarus": the
            # country being talked about, not one named after the verb.
            owner = [ctx.country]
        elif not owner:
            owner = countries[:1]
        roles = [r for r in roles if r.role == "actor"] + [_role(m, "actor") for m in owner]
        others = [m for m in countries if m not in owner and m.start > t1] or \
            [m for m in countries if m not in owner]
        if name == "border":    # "close its border with Belarus"; an embassy's host is its place
            roles += [_role(m, "counterpart") for m in others[:1]
                      if not any(r.ref == m.ref for r in roles)]
        else:
            roles += [_role(m, "counterpart") for m in modifier]
    elif name == "exercise":
        named = re.search(r"\b([A-Z][a-z]+-\d{4})\b", text)    # "Zapad-2025"
        countries = [m for m in ms if m.kind == "country" and lo <= m.start < hi]
        if not named and (not countries or not _HOLDS.search(text, lo, hi)):
            return None     # "closed the border, citing the drills": no exercise is reported
        # Those who hold it are named just before ("joint Belarusian-Russian exercises") or
        # joined after ("drills with Russia"); a country farther off in the clause ("the Polish
        # government cited …") is talking about it.
        near = [m for m in countries if (t0 - 70 <= m.start < t0
                or (t1 <= m.start <= t1 + 40 and _JOINED.match(text, t1, m.start)))
                and not _MODIFIES.match(text, m.end)]     # "US officers watched": onlookers
        countries = near or countries
        rep.detail = named.group(1) if named else None
        roles = [_role(m, "participant") for m in countries]
    rep.actors = _uniq(roles)
    return rep


def _denials(s: Sentence, ms: list[Mention], lex: Lexicon, ctx: Context,
             spans: list[tuple[int, int]], found: dict[tuple[str, int], Report]) -> list[Report]:
    """"Statkevich refused to leave and remains in the neutral zone": not released. Only
    evidence against a release another source reports; merge never makes it an event."""
    out = []
    for et in lex.events:
        if et.denials is None:
            continue
        for m in et.denials.finditer(s.text):
            lo, hi = clause_of(spans, m.start())
            if (et.name, lo) in found:
                continue
            people = [p for p in ms if p.kind == "person" and lo <= p.start < m.start()
                      and not _possessive(s.text, p)]
            people = _passive_subjects(s.text, people, m.start()) or people[-1:]
            if not people:
                continue
            rep = Report(type=et.name, cameo=et.cameo, quote=s.text, sentence=s.index,
                         polarity="denied", actors=[_role(p, "released") for p in people])
            apply_date(rep, None, ctx)
            out.append(rep)
    return out


# "…traveled to Minsk, where he met with Lukashenka": the meeting of the trip.
_SAME_CONTACT = re.compile(r"\s*(?:where|during which|and|then)\b", re.I)
# "a trip … that ended with three people being set free", "Kellogg's trip, which brought X to
# freedom", "a visit …, securing the release of …": the visit produced the release.
_BROUGHT = re.compile(
    r"\b(?:ended\s+with|produced|resulted\s+in|led\s+to|brought|secur\w+|won|after\s+which)\b",
    re.I)


def _one_contact(text: str, found: dict[tuple[str, int], Report]) -> None:
    """A meeting told in a clause attached to a visit of the same sentence is that visit's:
    whoever it names besides the visitor is the host."""
    visits = [(lo, r) for (name, lo), r in found.items() if name == "visit"]
    for (name, lo), rep in list(found.items()):
        if name != "meeting":
            continue
        earlier = [(v_lo, v) for v_lo, v in visits if v_lo < lo]
        if not earlier or not _SAME_CONTACT.match(text, lo):
            continue
        visit = earlier[-1][1]
        mine = {a.ref for a in visit.actors}
        visit.actors += [replace(a, role="host") for a in rep.actors
                         if a.ref not in mine]
        del found[(name, lo)]


_TOWARD = re.compile(r"\b(?:to|into|towards?|across)\s+(?:the\s+)?$", re.I)


def _destinations(text: str, ms: list[Mention], t1: int) -> list[Ref]:
    """Countries the freed were taken to, after the verb: "to Lithuania", "into Ukraine", "to
    the Lithuanian border", "to Vilnius" (its country)."""
    out: list[Ref] = []
    for m in ms:
        ref = m.ref if m.kind == "country" else m.country if m.kind == "place" else None
        if ref is not None and m.start > t1 and ref not in out and \
                _TOWARD.search(text, max(0, m.start - 16), m.start):
            out.append(ref)
    return out


def _contact_brought_release(text: str, found: dict[tuple[str, int], Report]) -> None:
    """A release the sentence says a visit brought about ("a trip … that ended with four
    detainees set free"), or that came after a visit or talks ("freed 52 after envoy X held
    talks with Lukashenka"), has the visitor — or the party other than the releaser — as its
    negotiator."""
    contacts = [(lo, r) for (name, lo), r in found.items() if name in ("visit", "meeting")]
    if not contacts:
        return
    for (name, lo), rep in found.items():
        if name != "release":
            continue
        before = [(c_lo, c) for c_lo, c in contacts if c_lo <= lo
                  and c.type == "visit" and _BROUGHT.search(text, c_lo, max(lo, c_lo) + 200)]
        after = [(c_lo, c) for c_lo, c in contacts if c_lo >= lo and _AFTER_CONTACT.search(
                     text, lo, min(len(text), c_lo + 16) if c_lo > lo else len(text))]
        contact = (before[-1:] or after[:1])
        if not contact:
            continue
        mine = {a.ref for a in rep.actors}
        # the other side: not the releaser, nor one of the releasing country's own
        sides = mine | {a.country for a in rep.actors if a.role == "releasing"}
        parties = [a for a in contact[0][1].actors if a.role in ("visitor", "participant")
                   and a.kind == "person" and a.ref not in sides and a.country not in sides]
        rep.actors += [replace(a, role="negotiator") for a in parties[:1]]


_AFTER_CONTACT = re.compile(r"\b(?:after|following)\b", re.I)


def continue_lists(reports: list[Report]) -> list[Report]:
    """"Belarus freed 52 prisoners on Thursday. … Those freed include A and B." — a release
    (or arrest) told with names but no number or date of its own, within a few sentences of
    one that has them, is that one continued: it takes its number and date. A sentence that
    only lists people ("Among them: A and B") with no such release before it is dropped."""
    last: dict[str, Report] = {}
    out = []
    for r in reports:
        if r.type not in ("release", "arrest") or r.polarity:
            out.append(r)
            continue
        anchor = last.get(r.type)
        if anchor is not None and r.count is None and r.date_source != "text" and \
                0 < r.sentence - anchor.sentence <= _LIST_REACH:
            r.count = anchor.count
            r.date, r.precision, r.approximate = anchor.date, anchor.precision, anchor.approximate
            r.sort_date, r.date_source = anchor.sort_date, anchor.date_source
        elif r.continuation:
            continue
        elif r.count is not None:
            last[r.type] = r
        out.append(r)
    return out


def without_arrivals_of_the_freed(reports: list[Report]) -> list[Report]:
    """"Tsikhanouski has arrived in Vilnius" in a story that tells of his release: the freed
    man's arrival, not a visit."""
    freed = {a.ref for r in reports if r.type == "release" and not r.polarity
             for a in r.actors if a.role == "released"}
    return [r for r in reports if not (
        r.type == "visit" and freed
        and {a.ref for a in r.actors if a.role == "visitor"} <= freed
        and any(a.role == "visitor" for a in r.actors))]


def statement(s: Sentence, ms: list[Mention], lex: Lexicon) -> Report | None:
    q = _QUOTE.search(s.text)
    cue = lex.speech.search(s.text)
    if not q or not cue or len(q.group(1).split()) < 4:
        return None
    people = [m for m in ms if m.kind == "person" and not (q.start() <= m.start < q.end())]
    if not people:
        return None
    speaker = min(people, key=lambda m: abs(m.start - cue.start()))
    rep = Report(type="statement", cameo=lex.statement_cameo, quote=s.text, sentence=s.index)
    rep.actors = [_role(speaker, "speaker")]
    rep.detail = q.group(1).strip()
    return rep


def sentence_reports(s: Sentence, ms: list[Mention], dates: list[DateMention], lex: Lexicon,
                     ctx: Context, auths: list[tuple[int, int, str]] = ()) -> list[Report]:
    """The events a sentence reports (most sentences name no trigger: one scan says so) and
    what someone in it said."""
    reports = (_triggered(s, ms, dates, lex, ctx, auths)
               if ctx.topics or lex.any_trigger.search(s.text) else [])
    st = statement(s, ms, lex)
    if st is not None:      # what someone said, beside whatever the sentence reports
        apply_date(st, None, Context(ctx.published))
        reports.append(st)
    return reports


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|to|from|at|near|of|via|into|through|outside|around|across|between|towards?|for|by|"
    r"with|over|on|left|reached|visited|leave|reach|visit)\s+(?:the\s+)?$", re.I)
_VERB_AFTER = re.compile(r"(?:\s*,[^,]{1,60},)?\s+(?:(?:\w+ly|also|then|finally|again)\s+)?"
                         r"(?:has|have|had|was|were|is|are|will|would|did|does|could|says|said|"
                         r"agreed|decided)\b")


def metonyms(text: str, ms: list[Mention]) -> list[Mention]:
    """"Minsk freed 14 prisoners", "Vilnius shut the crossings": a capital (any place with a
    country) as the subject of a verb stands for its country's government."""
    if not any(m.kind == "place" and m.country is not None for m in ms):
        return ms
    out = []
    for m in ms:
        if m.kind == "place" and m.country is not None and \
                not _PREPOSITION_BEFORE.search(text, max(0, m.start - 40), m.start) and \
                (_VERB_AFTER.match(text, m.end) or
                 (told_in_past(text, (m.end + 1, m.end + 1)) and text[m.end:m.end + 1] == " ")):
            m = m.as_country()
        out.append(m)
    return out


def _triggered(s: Sentence, ms: list[Mention], dates: list[DateMention], lex: Lexicon,
               ctx: Context, auths: list[tuple[int, int, str]]) -> list[Report]:
    text = s.text
    ms = metonyms(text, ms)
    found: dict[tuple[str, int], Report] = {}
    spans = clauses(text)
    for et in lex.events:
        triggers = list(et.triggers.finditer(text))
        if not triggers and et.name in ctx.topics:
            triggers = list(_ANAPHORA[et.name].finditer(text))
        opener = et.list_openers.match(text) if et.list_openers and not triggers else None
        if opener:
            triggers = [opener]
        for trig in triggers:
            lo, hi = clause_of(spans, trig.start())
            if (et.name, lo) in found:
                continue
            fact = factuality(text, trig.start(), trig.end(), (lo, hi))
            if not is_happening(fact) or is_attributive(text, trig.start(), trig.end()):
                continue
            rep = _fill(et, trig, s, ms, lex, spans, auths, ctx)
            if rep is None:
                continue
            rep.background = bool(_BACKGROUND.search(text, lo, trig.start())) or \
                _named_earlier(et.name, text, trig, rep)
            d = governing_date(text, dates, spans, (trig.start(), trig.end()), ctx.published)
            apply_date(rep, d or later_date(text, lo, hi, ctx.anchor, dates, ctx.date), ctx)
            if fact is not Factuality.ANNOUNCED and rep.date_source == "text" and \
                    ctx.published and rep.sort_date and rep.precision == "day" and \
                    rep.sort_date > ctx.published.isoformat():
                continue    # dated after the article was written: still to come
            rep.continuation = trig is opener
            found[(et.name, lo)] = rep
    # One contact is one event: a visit that is also a meeting is the visit.
    for (name, lo) in list(found):
        if name == "visit" or name == "call":
            found.pop(("meeting", lo), None)
        if name == "visit":
            found.pop(("call", lo), None)
    _one_contact(text, found)
    _contact_brought_release(text, found)
    return list(found.values()) + _denials(s, ms, lex, ctx, spans, found)
