"""Name normalisation and romanisation-invariant keys (pure functions).

Two layers:
- `normalise(s)`: one spelling in plain ASCII lower case (our Cyrillic and Latin-diacritic
  romanisation first, anyascii for every other script), punctuation and possessives gone.
- `token_key(t)` / `name_key(s)`: a coarser spelling that is the same for the regular
  variations of one name: Belarusian vs Russian forms (ў/в, ць/т, г/h/g, akanne a/o, я/е),
  Polish/German/English/scholarly spellings of the same sounds, doubled letters,
  -sky/-ski/-skiy, -aya/-aja/-aia. Gender endings are kept apart on purpose: -skaya/-ski,
  -ova/-ov, -ina/-in stay different keys (wife and husband are two people).

Given names differ by language, not by spelling rule (Mikola/Nikolai, Yuras/Yuri), so they
are matched through `GIVEN_NAME_CLASSES`, a data table keyed by the same token keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

# --- normalise --------------------------------------------------------------------------

# Our own romanisation for Russian, Belarusian and Ukrainian letters: anyascii's choices
# (й -> y, ь -> ') are fine for display but we want stable, apostrophe-free tokens.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Latin letters whose plain-ASCII form is a digraph (č is "ch", not "c" as anyascii says).
_LATIN = {
    "č": "ch", "š": "sh", "ž": "zh", "ż": "zh", "ć": "ch", "ř": "rzh", "ş": "sh", "ș": "sh",
    "ţ": "ts", "ț": "ts", "ł": "l", "ŭ": "u", "đ": "dj", "ß": "ss", "æ": "ae", "œ": "oe",
    "ø": "o", "ı": "i",
}
_TABLE_RU = str.maketrans({**_CYRILLIC, **_LATIN})
# г is h in Belarusian and Ukrainian; a string with one of their own letters is one of them.
_TABLE_BE = str.maketrans({**_CYRILLIC, "г": "h", **_LATIN})
_BE_UK_LETTERS = frozenset("іўїєґ")

_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ‘`´]s\b")
_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")
_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 17)
def normalise(s: str) -> str:
    """Plain ASCII, lower case, space-separated words: 'Łukaszenka’s' -> 'lukaszenka'."""
    if not s:
        return ""
    if s.isascii():
        s = s.lower()
    else:
        s = unicodedata.normalize("NFC", s).casefold()
        s = s.translate(_TABLE_BE if _BE_UK_LETTERS.intersection(s) else _TABLE_RU)
    if "'" in s or not s.isascii():
        s = _POSSESSIVE.sub("", s)
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        if not s.isascii():
            s = anyascii(s).lower()
    if "." in s:
        s = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), s)  # U.S.A. -> usa
    if "'" in s or "`" in s:
        s = _APOSTROPHES.sub("", s)
    return _NON_WORD.sub(" ", s).strip()


# --- keys ---------------------------------------------------------------------------------

# Placeholders inside keys: Y = initial consonant y/j, W = ш (sh, sz, sch), Z = ж (zh, ż, rz),
# C = ч and х (ch, cz, tsch, kh: one class, as Polish/German "ch" is х and English "ch" is ч).
_DIGRAPHS = (
    ("shch", "WC"), ("szcz", "WC"), ("tsch", "C"), ("sch", "W"), ("tch", "C"), ("cz", "C"),
    ("ch", "C"), ("kh", "C"), ("sz", "W"), ("sh", "W"), ("zh", "Z"), ("rz", "Z"),
)
_CK_SLAVIC = re.compile(r"ck(?=[iy])")           # Polish -cki/-ckiewicz: c is ts
_C_SOFT = re.compile(r"c(?=[eiy])")              # Polish/Łacinka c before i/e is ts
_TS_SOFT = re.compile(r"ts(?=[eiy])")            # Belarusian ць ~ Russian т (Tsikhan-/Tikhan-)
_DZ_SOFT = re.compile(r"dz(?=[eiy])")            # Belarusian дзь ~ Russian д (Uladzimir)
_SILENT_H = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")  # John, Sarah, Nuhfer
_SEMIVOWEL_VV = re.compile(r"(?<=[aeiou])[iy](?=[aeiou])")  # -aya/-aia/-aa, Nikolayev
_SOFT_VOWEL = re.compile(r"(?<=[^aeiouy])[iy]([aeo])")      # ia/ya/ie/yo ~ e: Sviat-/Svet-
_SOFT_U = re.compile(r"(?<=[^aeiouy])[iy]u")                # Liudmila ~ Ludmila
_U_AS_V = re.compile(r"(?<=[aeio])u(?![aeiouy])")           # ў: Tsikhanouski ~ -ovsky
_VOWELS = frozenset("aeiou")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 17)
def token_key(tok: str) -> str:
    """Key of one normalised word; the same for its regular romanisation variants."""
    if not tok.isalpha():
        return tok
    s = tok.replace("ph", "f").replace("th", "t").replace("x", "ks").replace("q", "k")
    s = s.replace("w", "v").replace("j", "y")
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    # The `in` guards only skip regexes that cannot match (index build speed).
    if "c" in s:
        s = _CK_SLAVIC.sub("tsk", s).replace("ck", "k")
        s = _C_SOFT.sub("ts", s).replace("c", "k")
    if "t" in s:
        s = _TS_SOFT.sub("t", s.replace("tz", "ts"))
    if "dz" in s:
        s = _DZ_SOFT.sub("d", s)
    if "h" in s:
        s = _SILENT_H.sub("", s).replace("h", "g")
    if s.startswith("ye"):
        s = s[1:]  # Yevgeny ~ Evgeny
    if s[:1] == "y" and s[1:2] in _VOWELS:
        s = "Y" + s[1:]  # a consonant here (Yuri, Jan), not the vowel y of -sky
    elif s[:1] == "i" and s[1:2] in _VOWELS and len(s) > 3:
        s = "Y" + s[1:]  # Iurii, Iaroslau: Ю/Я written with i (not Ian)
    elif s[:2] in ("ul", "ur") and len(s) > 4:
        s = "v" + s[1:]  # Belarusian prothetic у: Uladzimir ~ Vladimir
    if "i" in s or "y" in s:
        s = _SEMIVOWEL_VV.sub("", s)
        s = _SOFT_VOWEL.sub("e", s)
        s = _SOFT_U.sub("u", s)
    if "u" in s:
        s = _U_AS_V.sub("v", s)
    s = s.replace("y", "i").replace("o", "a").replace("z", "s")  # akanne a/o; German s/z
    if _DOUBLE.search(s):
        s = _DOUBLE.sub(r"\1", s)
    if s.endswith("f"):
        s = s[:-1] + "v"  # Mihayloff ~ Mikhailov
    return s or tok


PARTICLES = frozenset(
    "von van der den de da di du la le del della dos das ter ten al el bin ibn".split()
)
TITLES = frozenset(
    """mr mrs ms miss dr gen general president pres sen senator minister secretary ambassador
    envoy prof professor sir lady lord pan pani gospodin col colonel lt mp""".split()
)
SUFFIXES = frozenset("jr sr ii iii iv".split())
_PATRONYMIC = re.compile(r"(?:av|ev|iv|ov|ic|ich)iC$|(?:vn|iCn)a$")


def name_key(s: str) -> str:
    """Key of a whole name: the token keys in order ('Svetlana Tikhanovskaya' -> same key
    as 'Sviatlana Tsikhanouskaya' and 'Святлана Ціханоўская')."""
    return " ".join(token_key(t) for t in normalise(s).split())


def split_person(tokens: list[str] | tuple[str, ...]) -> tuple[str | None, str | None]:
    """(given, surname) of a person's normalised tokens; leading titles and surname particles
    are skipped, middle names and initials ignored. Handles 'Surname Given Patronymic'."""
    toks = list(tokens)
    while len(toks) > 1 and toks[0] in TITLES:
        toks.pop(0)
    while len(toks) > 1 and toks[-1] in SUFFIXES:
        toks.pop()
    if not toks:
        return None, None
    if len(toks) == 1:
        return None, toks[0]
    if len(toks) == 3 and _is_patronymic(toks[2]) and not _is_patronymic(toks[1]):
        return toks[1], toks[0]  # Russian official order: Лукашенко Александр Григорьевич
    surname = toks[-1]
    given = toks[0] if toks[0] not in PARTICLES else None
    return given, surname


def _is_patronymic(tok: str) -> bool:
    return len(tok) > 6 and bool(_PATRONYMIC.search(token_key(tok)))


def name_keys(s: str) -> set[str]:
    """Blocking keys of a name: the whole key, the key without titles/initials/particles,
    the surname key, and the whole key with the given name replaced by its language-neutral
    class ('Mikola Statkevich' and 'Nikolai Statkevich' share 'nikolai|statkevic')."""
    toks = normalise(s).split()
    if not toks:
        return set()
    keys = {" ".join(token_key(t) for t in toks)}
    core = [t for t in toks if t not in TITLES and t not in PARTICLES and len(t) > 1]
    if core:
        keys.add(" ".join(token_key(t) for t in core))
    given, surname = split_person(toks)
    if surname:
        keys.add(token_key(surname))
        if given:
            for cls in given_classes(token_key(given)):
                keys.add(f"{cls}|{token_key(surname)}")
    return keys


# --- given names ----------------------------------------------------------------------------

# One line per name, its forms across Belarusian, Russian, Ukrainian, Polish, English, German
# (only spellings the key rules do not already unite need to be here). A form may sit in two
# classes (Aleś is Alexander or Alexei).
GIVEN_NAME_CLASSES: dict[str, tuple[str, ...]] = {
    "alexander": ("Alexander", "Aleksandr", "Alyaksandr", "Aliaksandr", "Aleksander",
                  "Oleksandr", "Alexandre", "Alessandro", "Aleksandar", "Sasha", "Ales",
                  "Aleś", "Алесь", "Аляксандр", "Александр", "Олександр"),
    "alexei": ("Alexei", "Aleksei", "Alexey", "Aliaksei", "Alyaksei", "Oleksiy", "Oleksii",
               "Aleksy", "Alexis", "Ales", "Aleś", "Алесь", "Алексей", "Аляксей"),
    "alexandra": ("Alexandra", "Aleksandra", "Aliaksandra", "Oleksandra", "Sasha"),
    "sergei": ("Sergei", "Siarhei", "Serhiy", "Serhii", "Sergiusz", "Serge", "Sergio",
               "Сяргей", "Сергей", "Сергій"),
    "nikolai": ("Nikolai", "Mikalai", "Mikola", "Mykola", "Mikolaj", "Mikołaj", "Nicholas",
                "Nikola", "Nicolas", "Niklas", "Мікола", "Мікалай", "Николай",
                "Микола"),
    "yuri": ("Yuri", "Yury", "Yurii", "Jurij", "Juri", "Yuras", "Juras", "Jerzy", "Yurka",
             "Юрась", "Юрый", "Юрий", "Юрій"),
    "igor": ("Igor", "Ihar", "Ihor", "Ігар", "Игорь", "Ігор"),
    "viktor": ("Viktor", "Viktar", "Victor", "Wiktor", "Віктар", "Виктор"),
    "vladimir": ("Vladimir", "Uladzimir", "Volodymyr", "Wladimir", "Włodzimierz", "Volodya",
                 "Уладзімір", "Владимир", "Володимир"),
    "pavel": ("Pavel", "Pavlo", "Paval", "Paul", "Paweł", "Павел", "Павло", "Павал"),
    "natalia": ("Natalia", "Natallia", "Natalie", "Nathalie", "Natasha", "Наталля",
                "Наталья", "Наталія"),
    "mikhail": ("Mikhail", "Mikhas", "Mikhal", "Michał", "Mykhailo", "Michael", "Mihail",
                "Michail", "Mike", "Міхаіл", "Міхась", "Михаил", "Михайло"),
    "svetlana": ("Svetlana", "Sviatlana", "Swiatlana", "Świetłana", "Святлана", "Светлана"),
    "maria": ("Maria", "Maryia", "Mariya", "Marya", "Mariia", "Marie", "Mary", "Masha",
              "Maryja", "Марыя", "Мария", "Марія"),
    "andrei": ("Andrei", "Andrey", "Andrej", "Andrzej", "Andrii", "Andriy", "Andrew",
               "Andreas", "Andrus", "Andrius", "Андрэй", "Андрей", "Андрій", "Анджей"),
    "ivan": ("Ivan", "Iwan", "Yan", "Jan", "Janka", "Іван", "Иван", "Ян"),
    "dmitry": ("Dmitry", "Dmitri", "Dzmitry", "Dzmitryi", "Dmytro", "Dymitr", "Dimitri",
               "Zmitser", "Zmicier", "Zmitrok", "Дзмітрый", "Зміцер", "Дмитрий", "Дмитро"),
    "evgeny": ("Evgeny", "Yevgeny", "Yevgeniy", "Yauheni", "Yauhen", "Jauhien", "Yevhen",
               "Yevhenii", "Eugene", "Eugeniusz", "Jewgeni", "Zhenya", "Яўген", "Яўгеній",
               "Евгений", "Євген"),
    "valery": ("Valery", "Valeriy", "Valerii", "Waleri", "Walery", "Валерый", "Валерий"),
    "valentin": ("Valentin", "Valiantsin", "Valyantsin", "Valentyn", "Walenty",
                 "Валянцін", "Валентин"),
    "vasily": ("Vasily", "Vasil", "Vasili", "Vasyl", "Wasyl", "Basil", "Васіль", "Василий"),
    "anna": ("Anna", "Hanna", "Ganna", "Anya", "Ania", "Ann", "Anne", "Ганна", "Анна"),
    "olga": ("Olga", "Volha", "Olha", "Wolha", "Вольга", "Ольга"),
    "elena": ("Elena", "Yelena", "Alena", "Alyona", "Olena", "Helena", "Helen", "Алена",
              "Елена", "Олена"),
    "tatiana": ("Tatiana", "Tatsiana", "Tacciana", "Tetiana", "Tatjana", "Tanya",
                "Таццяна", "Татьяна", "Тетяна"),
    "irina": ("Irina", "Iryna", "Ірына", "Ирина"),
    "yulia": ("Yulia", "Yuliya", "Julia", "Yuliia", "Iuliia", "Julija", "Юлія", "Юлия"),
    "ekaterina": ("Ekaterina", "Yekaterina", "Katsiaryna", "Kateryna", "Katarzyna",
                  "Catherine", "Katherine", "Katya", "Кацярына", "Екатерина"),
    "maxim": ("Maxim", "Maksim", "Maksym", "Maks", "Maxime", "Максім", "Максим"),
    "oleg": ("Oleg", "Aleh", "Oleh", "Алег", "Олег"),
    "peter": ("Peter", "Pyotr", "Piotr", "Petr", "Petro", "Piatro", "Pierre", "Пятро", "Пётр"),
    "fyodor": ("Fyodor", "Fedor", "Fiodar", "Fedir", "Theodore", "Фёдар", "Фёдор"),
    "grigory": ("Grigory", "Ryhor", "Hryhoriy", "Grzegorz", "Gregory", "Рыгор", "Григорий"),
    "stanislav": ("Stanislav", "Stanislau", "Stanisław", "Станіслаў", "Станислав"),
    "vladislav": ("Vladislav", "Uladzislau", "Władysław", "Уладзіслаў", "Владислав"),
    "vyacheslav": ("Vyacheslav", "Viachaslau", "Viacheslav", "Wiaczesław", "Вячаслаў",
                   "Вячеслав"),
    "yaroslav": ("Yaroslav", "Yaraslau", "Jarosław", "Яраслаў", "Ярослав"),
    "boris": ("Boris", "Barys", "Borys", "Барыс", "Борис"),
    "leonid": ("Leonid", "Leanid", "Леанід", "Леонид"),
    "konstantin": ("Konstantin", "Kanstantsin", "Kostiantyn", "Konstanty", "Constantine",
                   "Kastus", "Канстанцін", "Кастусь", "Константин"),
    "yakov": ("Yakov", "Yakau", "Jakub", "Jacob", "Yakiv", "Якаў", "Яков"),
    "kirill": ("Kirill", "Kiryl", "Kyrylo", "Cyril", "Кірыл", "Кирилл"),
    "francis": ("Franak", "Frantsishak", "Francis", "Franciszek", "František", "Франак",
                "Францішак"),
    "georgy": ("Georgy", "Georgiy", "Heorhi", "Heorhiy", "George", "Jerzy", "Георгий"),
    "anatoly": ("Anatoly", "Anatol", "Anatoliy", "Anatolii", "Анатоль", "Анатолий"),
    "gennady": ("Gennady", "Henadz", "Hienadz", "Gennadiy", "Hennadiy", "Генадзь",
                "Геннадий"),
    "roman": ("Roman", "Raman", "Раман", "Роман"),
    "stepan": ("Stepan", "Stsiapan", "Sciapan", "Stefan", "Stephen", "Steven", "Steve",
               "Сцяпан", "Степан"),
    "joseph": ("Joseph", "Joe", "Józef", "Iosif", "Yosif", "Yazep", "Язэп", "Иосиф"),
    "nadezhda": ("Nadezhda", "Nadzeya", "Nadiya", "Nadia", "Надзея", "Надежда"),
    "lidia": ("Lidia", "Lidziya", "Lidiya", "Лідзія", "Лидия"),
    "lesia": ("Lesia", "Alesia", "Olesya", "Lesya", "Алеся", "Леся", "Олеся"),
    "christopher": ("Christopher", "Chris", "Krzysztof", "Khristofor", "Kristof",
                    "Кристофер"),
    "john": ("John", "Johann", "Johannes", "Jon", "Джон"),
    "radoslaw": ("Radosław", "Radoslav", "Радослав"),
    "anastasia": ("Anastasia", "Anastasiya", "Nastassia", "Nasta", "Nastya", "Анастасія",
                  "Анастасия", "Наста"),
    "vitaly": ("Vitaly", "Vital", "Vitali", "Vitaliy", "Vitalii", "Witalij", "Віталь",
               "Виталий", "Віталій"),
    "vsevolod": ("Vsevolod", "Usevalad", "Wsiewołod", "Усевалад", "Всеволод"),
    "lev": ("Lev", "Leon", "Lyavon", "Lavon", "Lew", "Лявон", "Лев"),
}


@lru_cache(maxsize=1)
def _given_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for cls, forms in GIVEN_NAME_CLASSES.items():
        for form in forms:
            for tok in normalise(form).split():
                index.setdefault(token_key(tok), set()).add(cls)
    return {k: frozenset(v) for k, v in index.items()}


def given_classes(key: str) -> frozenset[str]:
    """Classes of a given-name token key ('mikala' -> {'nikolai'}); empty if unknown."""
    return _given_index().get(key, frozenset())


def same_given(a: str, b: str) -> bool:
    """Two given-name token keys name the same first name: equal, one language's form of the
    other, an initial of it ('a' and 'aleksandr'), or a one-letter slip in a long name."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if given_classes(a) & given_classes(b):
        return True
    # One slip in a long name (Sviatlna); the ends must agree (Andrei is not Andrea).
    return (
        min(len(a), len(b)) >= 6
        and a[0] == b[0]
        and a[-1] == b[-1]
        and Levenshtein.distance(a, b, score_cutoff=1) <= 1
    )


def given_names() -> list[str]:
    """Every given-name form of the table (for spotting people in text)."""
    return sorted({form for forms in GIVEN_NAME_CLASSES.values() for form in forms})


def same_ending(a: str, b: str) -> bool:
    """Keys end alike (gender, declension): 'tiCanavska' vs 'tiCanavski' do not."""
    return a[-2:] == b[-2:]
