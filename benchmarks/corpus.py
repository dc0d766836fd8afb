"""Deterministic synthetic articles in the seeds' domain and styles, for benchmarks.

    .venv/bin/python benchmarks/corpus.py OUT_DIR [--docs 1000] [--seed 1]

Each article: page furniture (nav line, "Most read" / "Related" sidebars, footer), a
publication date in one of the seeds' styles (front matter, dateline, `Published 03.11.2025`,
`date 2025-09-11`, a date under the headline, or none), and sentences that report visits,
releases with counts, sanctions changes on the targets of seeds/sanctions.yaml by its
authorities, calls, letters, statements, meetings and arrests — dated with absolute, relative
("on Tuesday", "last week") and vague ("in late January") phrases. Actors are gazetteer people
under any of their spellings plus a pool of generated people (one per two documents, up to
12,000) that the gazetteer does not know, introduced with the cues the extractor reads and
spelled in Russian/Belarusian romanisation, Polish, German or Cyrillic.
The same (seed, docs) always gives byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import BE, PL, RU, roman, synthetic_people  # noqa: E402

from store.extract.lexicon import targets  # noqa: E402
from store.identity.gazetteer import load_gazetteer  # noqa: E402

# German transliteration: the Lukaschenko / Tichanowskaja class.
DE = {**RU, "в": "w", "ж": "sch", "з": "s", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
      "щ": "schtsch", "й": "j", "я": "ja", "ю": "ju", "ё": "jo", "ы": "y", "ў": "u"}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
START = date(2023, 1, 1)     # the corpus's articles are published over three years from here
CITIES = ["Minsk", "Vilnius", "Warsaw", "Washington", "Brest", "Hrodna", "Riga", "Moscow"]
DATELINE_CITIES = ["MINSK", "VILNIUS", "WARSAW", "WASHINGTON", "RIGA", "KYIV"]
SOURCES = ["Belarus Wire", "Minsk Monitor", "Eastern Desk", "Vilnius Review", "Baltic Ledger",
           "Free Belarus Daily", "Kyiv Observer", "Warsaw Notes"]
ORGS = ["Viasna human rights centre", "Belarusian Association of Journalists",
        "Minsk Regional Court", "Institute of Strategic Studies", "Belarusian Red Cross",
        "Hrodna Azot plant", "National Library", "Belarusian State University"]
PERSON_CUES = ["opposition politician", "journalist", "blogger", "activist", "lawyer",
               "former presidential candidate", "political prisoner", "economist", "philosopher",
               "human rights defender and activist", "analyst"]
NAV = ["Home  World  Europe  Politics  Business  Opinion",
       "World Russia Society Opinion Science Sport Incidents Business",
       "News › Europe › Belarus", "Menu | Search | Subscribe"]
SIDEBAR_HEADLINES = [
    "Mars rover finds new traces of water", "Football: late goal settles derby",
    "Oil prices climb for a third day", "Tech giant unveils folding phone",
    "Storm warning issued for the coast", "Election in Chile goes to a run-off",
    "Central bank keeps rates on hold", "Film festival opens with a premiere",
]
FILLERS = [
    "Analysts say the thaw remains fragile and depends on further gestures from both sides.",
    "The talks come amid a wider debate about the war in Ukraine.",
    "Human rights groups estimate that more than a thousand political prisoners remain behind bars.",
    "Observers in Vilnius described the mood as cautiously optimistic.",
    "Critics warn that relief without conditions rewards repression.",
    "The regime has long denied holding political prisoners.",
    "Diplomats expect the next round of contacts within weeks.",
]
QUOTES = [
    "we are ready for a big deal", "this is a step in the right direction",
    "the prisoners must all be freed", "sanctions relief must be earned",
    "dialogue is better than isolation", "nothing has changed inside the country",
]
# Sanctioning authorities as a sentence subject, in forms seeds/sanctions.yaml lists.
AUTHORITY_FORMS = {
    "US": ["The United States", "Washington", "The U.S. Treasury", "OFAC", "The US"],
    "EU": ["The European Union", "Brussels", "The EU", "The European Commission"],
    "UK": ["Britain", "The UK", "London"],
    "LT": ["Lithuania", "Vilnius"],
    "CA": ["Canada", "Ottawa"],
}
RELEASE_VERBS = ["pardoned", "freed", "released"]
SANCTION_VERBS = {
    "lifted": ["lifted sanctions on", "removed sanctions against", "lifted restrictions on"],
    "eased": ["eased sanctions on", "issued a general licence easing sanctions on"],
    "in_force": ["imposed sanctions on", "imposed new restrictions on"],
    "extended": ["extended its sanctions on", "renewed restrictions on"],
    "proposed": ["proposed sanctions on", "is considering new sanctions on"],
}


@dataclass(frozen=True)
class Person:
    spellings: tuple[str, ...]   # every form one writer or another might use


def gazetteer_people() -> tuple[list[Person], list[Person]]:
    """(leaders and envoys, everyone else) among the gazetteer's people, with all spellings."""
    people = [a for a in load_gazetteer() if a.kind == "person"]
    def p(a) -> Person:  # noqa: ANN001 - a GazActor
        return Person(tuple(x for x in [a.name, *a.aliases] if " " in x) or (a.name,))
    leaders = {"lukashenka", "donald-trump", "john-coale", "keith-kellogg", "marco-rubio",
               "sviatlana-tsikhanouskaya", "vladimir-putin", "ryzhenkov", "maxim-ryzhenkov"}
    return [p(a) for a in people if a.id in leaders], [p(a) for a in people if a.id not in leaders]


def generated_people(n: int, seed: int) -> list[Person]:
    """People nobody listed: one Cyrillic name, spelled in five systems plus Cyrillic."""
    rng = random.Random(seed * 7919 + 1)
    out: list[Person] = []
    for _canonical, shown, others in synthetic_people(n, rng):
        cyr = [s for s in (*shown, *others) if any("\u0400" <= c <= "\u04ff" for c in s)]
        ru = cyr[0] if cyr else shown[0]
        out.append(Person(tuple(dict.fromkeys([*shown, *others, roman(ru, DE), roman(ru, BE),
                                                roman(ru, PL)]))))
    return out


def date_phrase(rng: random.Random, event: date, published: date) -> str:
    """How an article dates a happening, relative to its publication date."""
    gap = (published - event).days
    styles = ["day_month", "month_day", "full", "none", "late"]
    if 0 < gap < 7:
        styles += ["weekday", "weekday"]
    if gap == 1:
        styles.append("yesterday")
    if 7 <= gap < 14:
        styles.append("last_week")
    style = rng.choice(styles)
    month = MONTHS[event.month - 1]
    if style == "day_month":
        return f"on {event.day} {month}"
    if style == "month_day":
        return f"on {month} {event.day}"
    if style == "full":
        return f"on {month} {event.day}, {event.year}"
    if style == "weekday":
        return f"on {WEEKDAYS[event.weekday()]}"
    if style == "yesterday":
        return "yesterday"
    if style == "last_week":
        return "last week"
    if style == "late":
        part = "early" if event.day <= 10 else "mid-" if event.day <= 20 else "late"
        return f"in {part} {month}".replace("- ", "-")
    return ""


class Writer:
    """One article's sentences, with people introduced once and then named by surname."""

    def __init__(self, rng: random.Random, leaders: list[Person], gaz: list[Person],
                 pool: list[Person], published: date) -> None:
        self.rng, self.leaders, self.gaz, self.pool = rng, leaders, gaz, pool
        self.published = published
        self.introduced: dict[Person, str] = {}
        self.targets = targets()

    def leader(self) -> str:
        return self.rng.choice(self.rng.choice(self.leaders).spellings)

    def known(self) -> str:
        return self.rng.choice(self.rng.choice(self.gaz).spellings)

    def new_person(self, *, cue: bool = True) -> str:
        """A generated person: full name with a cue the first time, the surname after."""
        p = self.rng.choice(self.pool)
        if p in self.introduced:
            return self.introduced[p].split()[-1]
        name = self.rng.choice(p.spellings)
        self.introduced[p] = name
        return f"{self.rng.choice(PERSON_CUES)} {name}" if cue else name

    def when(self) -> str:
        event = self.published - timedelta(days=self.rng.choice([0, 1, 2, 3, 5, 9, 12, 20, 35]))
        phrase = date_phrase(self.rng, event, self.published)
        return f" {phrase}" if phrase else ""

    def sentence(self) -> str:
        rng = self.rng
        kind = rng.choice(["visit", "release", "release", "sanctions", "sanctions", "call",
                           "letter", "statement", "statement", "meeting", "arrest", "filler"])
        city = rng.choice(CITIES)
        if kind == "visit":
            return rng.choice([
                f"{self.leader()} arrived in {city}{self.when()} for talks with {self.leader()}.",
                f"{self.known()} visited {city}{self.when()}.",
            ])
        if kind == "release":
            n = rng.choice([1, 2, 3, 5, 14, 16, 18, 31, 52, 123])
            return rng.choice([
                f"{self.leader()} {rng.choice(RELEASE_VERBS)} {n} political prisoners{self.when()},"
                f" including {self.new_person()}.",
                f"Belarus {rng.choice(RELEASE_VERBS)} {n} prisoners{self.when()}.",
                f"Among those released{self.when()} was {self.new_person()}.",
            ])
        if kind == "sanctions":
            code = rng.choice(sorted(AUTHORITY_FORMS))
            target = rng.choice(self.targets)
            status = rng.choice(list(SANCTION_VERBS))
            verb = rng.choice(SANCTION_VERBS[status])
            who = rng.choice(AUTHORITY_FORMS[code])
            what = rng.choice([target.name, *target.aliases[:2]])
            return f"{who} {verb} {what}{self.when()}."
        if kind == "call":
            return rng.choice([
                f"{self.leader()} and {self.leader()} held a telephone conversation{self.when()}.",
                f"{self.leader()} spoke by phone with {self.known()}{self.when()}.",
            ])
        if kind == "letter":
            return (f"{self.leader()} handed {self.leader()} a personal letter from {self.known()}"
                    f"{self.when()}.")
        if kind == "statement":
            quote = rng.choice(QUOTES)
            return rng.choice([
                f"“{quote.capitalize()},” said {self.new_person(cue=False)}.",
                f"{self.new_person()}, the director of {rng.choice(ORGS)}, said{self.when()}"
                f" that {quote}.",
                f"According to {self.known()}, {quote}.",
            ])
        if kind == "meeting":
            return f"{self.leader()} met with {self.known()} in {city}{self.when()}."
        if kind == "arrest":
            return rng.choice([
                f"Police detained {self.new_person()} in {city}{self.when()}.",
                f"{self.new_person(cue=False)}, the director of {rng.choice(ORGS)}, was arrested"
                f"{self.when()}.",
            ])
        return rng.choice(FILLERS)


def _cap(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def _published_lines(rng: random.Random, published: date, title: str, source: str,
                     author: str) -> tuple[str, list[str], list[str]]:
    """(front matter, lines before the body, lines after the headline) for one date style."""
    style = rng.choices(["front", "dateline", "published", "dateword", "headline", "none"],
                        [40, 20, 15, 10, 10, 5])[0]
    month = MONTHS[published.month - 1]
    if style == "front":
        fm = (f'---\ntitle: "{title}"\nsource: {source}\nauthor: {author}\n'
              f"published: {published.isoformat()}\n---\n")
        return fm, [], []
    if style == "published":
        return "", [], [f"Published {published:%d.%m.%Y}"]
    if style == "dateword":
        return "", [f"date {published.isoformat()} {rng.choice(NAV)}"], []
    if style == "headline":
        return "", [], [f"{month} {published.day}, {published.year}"]
    if style == "dateline":
        return "", [], [f"__DATELINE__{rng.choice(DATELINE_CITIES)}, {month} {published.day},"
                        f" {published.year} — "]
    return "", [], []


def article(rng: random.Random, leaders: list[Person], gaz: list[Person], pool: list[Person],
            start: date, days: int) -> str:
    published = start + timedelta(days=rng.randrange(days))
    source = rng.choice(SOURCES)
    author = " ".join(rng.choice(pool).spellings[0].split()[:2])
    w = Writer(rng, leaders, gaz, pool, published)
    body = [" ".join(_cap(w.sentence()) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(5, 11))]
    title = rng.choice(["Minsk frees prisoners as envoy visits", "Sanctions shift on Belarus",
                        "Washington and Minsk step closer", "Another round of pardons",
                        "EU keeps pressure on Minsk", "New arrests in Belarus"])
    fm, before, after = _published_lines(rng, published, title, source, author)
    lines: list[str] = []
    if fm:
        lines.append(fm)
    lines += before
    if rng.random() < 0.6:
        lines.append(rng.choice(NAV))
    lines += ["", f"# {title}", ""]
    dateline = ""
    for extra in after:
        if extra.startswith("__DATELINE__"):
            dateline = extra[len("__DATELINE__"):]
        else:
            lines += [extra, ""]
    if rng.random() < 0.5:
        lines += [f"By {author}", ""]
    if dateline:
        body[0] = dateline + body[0]
    for para in body:
        lines += [para, ""]
    if rng.random() < 0.5:
        lines += ["Most read", ""] + [f"- {h}" for h in rng.sample(SIDEBAR_HEADLINES, 4)] + [""]
    if rng.random() < 0.3:
        lines += ["Related stories", ""] + [f"- {h}" for h in rng.sample(SIDEBAR_HEADLINES, 3)]
        lines.append("")
    if rng.random() < 0.4:
        lines.append(f"© {published.year} {source}. All rights reserved.")
    return "\n".join(lines).rstrip() + "\n"


def pool_size(n_docs: int) -> int:
    """Generated people: enough that 20,000 documents discover ~10,000 actors."""
    return min(12_000, max(20, n_docs // 2))


def generate(out: Path, n_docs: int, seed: int = 1, start: date = START,
             days: int = 3 * 365) -> list[Path]:
    """Write `n_docs` articles published over `days` from `start` into `out` (replacing
    earlier ones); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()
    leaders, gaz = gazetteer_people()
    pool = generated_people(pool_size(n_docs), seed)
    rng = random.Random(seed)
    paths: list[Path] = []
    for i in range(n_docs):
        path = out / f"doc-{i:05d}.md"
        path.write_text(article(rng, leaders, gaz, pool, start, days), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not 1 <= args.docs <= 20_000:
        ap.error("--docs must be 1..20000")
    paths = generate(args.out, args.docs, args.seed)
    print(f"{len(paths)} documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
