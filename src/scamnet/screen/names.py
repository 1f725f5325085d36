"""Name normalisation for screening: scripts, case, titles and legal forms.

:func:`analyze_name` turns a name as written into a :class:`NameForm`: ASCII
lower-case tokens that can be compared across scripts, the legal-form words
set aside, and a note of what was done (so a match can explain itself).

Decisions, and why:

* **Han (汉字)** goes to pinyin with pypinyin, surname first and the given
  name joined into one token: 陈志 -> ``chen zhi``, 陈小二 -> ``chen xiaoer``,
  because that is how OFAC and most Latin-script lists write Chinese names.
  Taiwanese and older names are listed in Wade-Giles (施婷瑜 -> SHIH,
  Ting-yu; 薛 -> HSUEH), so a Han name also carries its Wade-Giles reading
  (apostrophes dropped, ü as u, as OFAC writes it) in ``alternatives``, and
  the matcher keeps the better of the two readings.
  Names with a middle dot (弗拉基米尔·普京) are foreign names written in Han:
  each dot-separated part becomes one joined token. Common surname readings
  that differ from the character's usual reading (曾 zeng, 单 shan …) are fixed.
* **Other scripts** (Cyrillic, Greek, Armenian, Georgian, Hangul, Arabic,
  Hebrew, Devanagari, Kana, Thai …) go through rigour's ``ascii_text``
  (rigour's own spellings for the scripts it admits, ICU/normality for the
  rest). A script nothing here transliterates (Khmer, for one) keeps its
  original tokens and ``untransliterated`` is set: such a name matches the same
  script exactly, and the match explanation says so.
* **Titles** ("Mr", "President", "Presidente", "Президент", "elnök" …) are
  dropped from person names: they are not part of anyone's name.
* **Legal forms** (LIMITED, LTD, PLC, CO, CORP, INC, LLC, JSC, GMBH, SA …) at
  the start or end of an organisation name are set aside in ``legal_forms``
  and compared on their own, weakly: "X CO., LTD." and "X LIMITED" are the
  same name. GROUP, HOLDING(S), INTERNATIONAL, TRADING are *not* legal forms:
  they distinguish real entities (PRINCE GROUP vs PRINCE BANK) and stay in the
  name, where their list frequency (IDF) makes them count for little.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from rigour.names import remove_person_prefixes
from rigour.text.translit import ascii_text

from scamnet.errors import InvalidInputError

__all__ = [
    "LEGAL_FORMS",
    "MAX_NAME_CHARS",
    "ORDINALS",
    "NameForm",
    "analyze_name",
    "check_name",
    "sister_marker_kind",
    "skeleton",
    "surname_tokens",
]

#: Longest name accepted for screening. Real names are far shorter; a longer
#: input is almost always a pasted document, and scoring it would be noise.
MAX_NAME_CHARS = 500

#: Legal-form tokens -> canonical form (compared separately from the name).
LEGAL_FORMS: dict[str, str] = {
    "ltd": "ltd", "limited": "ltd", "ltda": "ltd", "plc": "plc", "co": "co", "company": "co",
    "corp": "corp", "corporation": "corp", "inc": "inc", "incorporated": "inc", "llc": "llc",
    "llp": "llp", "lp": "lp", "jsc": "jsc", "ojsc": "jsc", "cjsc": "jsc", "pjsc": "jsc",
    "oao": "jsc", "zao": "jsc", "pao": "jsc", "ao": "jsc", "ooo": "llc", "gmbh": "gmbh",
    "ag": "ag", "sa": "sa", "sarl": "sarl", "srl": "srl", "spa": "spa", "bv": "bv", "nv": "nv",
    "pte": "pte", "pty": "pty", "sdn": "sdn", "bhd": "bhd", "fze": "fze", "fzco": "fzco",
    "fzc": "fzc", "fzllc": "llc", "dmcc": "dmcc", "sas": "sas", "kft": "kft", "as": "as",
    "ab": "ab", "oy": "oy", "tbk": "tbk", "cia": "co", "sl": "sl", "cv": "cv", "eirl": "eirl",
    "kg": "kg", "eood": "llc", "ood": "llc", "sti": "ltd", "pvt": "pvt", "sro": "llc",
    "sarlu": "sarl", "spc": "spc", "bhd.": "bhd", "ltda.": "ltd", "lda": "ltd",
}
# Multi-word legal forms, matched on the token sequence before single words.
_LEGAL_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("limited", "liability", "company"), "llc"),
    (("limited", "liability", "partnership"), "llp"),
    (("joint", "stock", "company"), "jsc"),
    (("public", "joint", "stock", "company"), "jsc"),
    (("closed", "joint", "stock", "company"), "jsc"),
    (("open", "joint", "stock", "company"), "jsc"),
    (("public", "limited", "company"), "plc"),
    (("private", "limited"), "ltd"),
    (("s", "a"), "sa"),
    (("s", "a", "de", "c", "v"), "sa"),
    (("sa", "de", "cv"), "sa"),
    (("co", "ltd"), "ltd"),
    (("gmbh", "co", "kg"), "kg"),
    (("ltd", "sti"), "ltd"),
    (("pvt", "ltd"), "ltd"),
    # Russian legal forms as OFAC transliterates them (OOO, AO, PAO, ZAO, OAO).
    (("obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"), "llc"),
    (("obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"), "llc"),
    (("aktsionernoe", "obshchestvo"), "jsc"),
    (("publichnoe", "aktsionernoe", "obshchestvo"), "jsc"),
    (("zakrytoe", "aktsionernoe", "obshchestvo"), "jsc"),
    (("otkrytoe", "aktsionernoe", "obshchestvo"), "jsc"),
)

# Titles in the languages lists and reports are written in. rigour's list is
# English-centred; these are the common forms of "president"/"minister" etc.
_TITLES: frozenset[str] = frozenset({
    "president", "presidente", "presidenta", "prezident", "prasident", "predsjednik",
    "presedintele", "presiden", "prezydent", "elnok", "presidentti", "presidentin",
    "prezidenti", "prezidentas", "prezidents", "minister", "ministre", "ministro",
    "general", "colonel", "sheikh", "shaykh", "haji", "hajji", "mr", "mrs", "ms", "dr",
    "prof", "sir", "madam", "mister", "lord", "lady", "his", "her", "excellency",
})

# Surname readings where pypinyin's default reading of the character is wrong.
_SURNAMES: dict[str, str] = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "乐": "yue", "盖": "ge", "种": "chong", "繁": "po", "缪": "miao", "翟": "zhai", "覃": "qin",
    "召": "shao", "员": "yun", "洗": "xian", "秘": "bi", "宿": "su", "燕": "yan", "尉迟": "yuchi",
    "万俟": "moqi", "长孙": "zhangsun", "令狐": "linghu", "欧阳": "ouyang", "司马": "sima",
    "诸葛": "zhuge", "上官": "shangguan", "司徒": "situ", "东方": "dongfang", "皇甫": "huangfu",
    "公孙": "gongsun", "慕容": "murong", "夏侯": "xiahou", "宇文": "yuwen", "端木": "duanmu",
    "歐陽": "ouyang", "司馬": "sima", "諸葛": "zhuge", "長孫": "zhangsun", "單": "shan",
    "區": "ou", "樂": "yue", "蓋": "ge",
}

#: Ordinal words and Roman numerals -> the number they write.
ORDINALS: dict[str, str] = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11",
    "twelfth": "12", "thirteenth": "13", "fourteenth": "14", "fifteenth": "15",
    "sixteenth": "16", "seventeenth": "17", "eighteenth": "18", "nineteenth": "19",
    "twentieth": "20", "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8",
    "ix": "9", "xi": "11", "xii": "12",
}

# Words that name a sister company or a branch when added to a shared name
# (scamnet-name-v1 1.3). Kinds: place (directions, regions; country names come
# from Babel's English territory names), group (corporate-structure words),
# sector (what the business does). A word class, not a list of entities.
# 1.4 added the German and Russian group words (VERWALTUNGS, BETEILIGUNGS,
# HANDELS, TORGOVYI) and ADMINISTRATION: a GmbH & Co. KG's managing partner is
# "X Verwaltungs GmbH", a company of its own.
_MARKER_WORDS: dict[str, frozenset[str]] = {
    "place": frozenset("""north south east west central northern southern eastern western
        middle near far asia asian europe european africa african america american
        pacific atlantic gulf arabia arabian usa uk uae hk korea palestine congo burma
        macau macao""".split()),
    "group": frozenset("""international global overseas worldwide holding holdings group
        trading trade invest investment investments partners ventures enterprise
        enterprises fund administration verwaltung verwaltungs beteiligung beteiligungs
        handels torgovyi torgovy torgovyy""".split()),
    "sector": frozenset("""bank banking cement shipping oil gas petroleum petrochemical energy
        construction engineering industries industrial industry development services
        service management logistics brokerage insurance finance financial capital
        securities exchange commercial import export technology technologies property
        properties mining steel textile textiles commodities products""".split()),
}
_NUMBER = re.compile(r"\d+(st|nd|rd|th)?")


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """One-word English country and territory names (Babel's), lower case."""
    from babel import Locale

    return frozenset(n.lower() for code, n in Locale("en").territories.items()
                     if code.isalpha() and n.isascii() and n.isalpha())


def sister_marker_kind(token: str) -> str | None:
    """The sister-company word class of a normalised token: place, number,
    group or sector; None for any other word."""
    if _NUMBER.fullmatch(token) or token in ORDINALS:
        return "number"
    for kind, words in _MARKER_WORDS.items():
        if token in words:
            return kind
    if len(token) >= 4 and token in _country_words():
        return "place"
    return None


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NAME_DOTS = re.compile(r"[·・•‧]")
_SPLIT = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class NameForm:
    """A name ready to compare.

    ``tokens`` are ASCII lower-case name parts (legal forms removed);
    ``legal_forms`` their canonical legal-form words; ``transliterated`` is
    True when the name was not written in Latin script; ``untransliterated``
    when part of it could not be latinised and is kept as written; ``lossy``
    when the script's romanisation loses sounds (abjads drop vowels, Hangul
    and Kana add them), so comparison may fall back to consonant skeletons.
    """

    original: str
    tokens: tuple[str, ...]
    legal_forms: tuple[str, ...] = ()
    transliterated: bool = False
    untransliterated: bool = False
    method: str = "latin"
    lossy: bool = False
    alternatives: tuple[tuple[str, ...], ...] = ()

    def readings(self) -> tuple[tuple[str, ...], ...]:
        """The tokens, then each alternative reading's (Wade-Giles for Han)."""
        return (self.tokens, *self.alternatives)

    @property
    def joined(self) -> str:
        return "".join(self.tokens)


def check_name(text: str, field: str = "name") -> str:
    """Return ``text`` stripped, or raise :class:`InvalidInputError` for an empty,
    over-long (> :data:`MAX_NAME_CHARS`) or letter-less name."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    if not t:
        raise InvalidInputError(f"{field} is empty")
    if len(t) > MAX_NAME_CHARS:
        raise InvalidInputError(
            f"{field} is {len(t)} characters long; names longer than {MAX_NAME_CHARS} are refused")
    if not any(ch.isalnum() for ch in t):
        raise InvalidInputError(f"{field} {t!r} has no letters or digits")
    return t


def _reading(text: str, wade_giles: bool) -> str:
    """Han characters (and anything else) read as pinyin or as Wade-Giles."""
    if not wade_giles:
        return "".join(lazy_pinyin(text))
    # pypinyin writes ü as v and keeps the aspiration apostrophe (t'ing);
    # Latin-script lists write HSUEH, TING.
    return "".join(lazy_pinyin(text, style=Style.WADEGILES)).replace("'", "").replace("v", "u")


def _han_person(text: str, wade_giles: bool = False) -> list[str]:
    """Tokens for a Han-script name, surname first, given name joined; pinyin,
    or Wade-Giles with ``wade_giles``."""
    parts = [p for p in _NAME_DOTS.split(text) if p.strip()]
    if len(parts) > 1:
        # A foreign name written in Han: one joined token per dotted part.
        return [_reading(p.strip(), wade_giles) for p in parts]
    chars = text.strip()
    if " " in chars or not (2 <= len(chars) <= 4):
        return [_reading(w, wade_giles) for w in chars.split()]
    for n in (2, 1):
        head = chars[:n]
        if head in _SURNAMES and len(chars) > n:
            # The fixed surname readings are pinyin; Wade-Giles reads the
            # characters themselves with the surname heteronym picked by pypinyin.
            surname = _SURNAMES[head] if not wade_giles else _reading(head, True)
            return [surname, _reading(chars[n:], wade_giles)]
    return [_reading(chars[0], wade_giles), _reading(chars[1:], wade_giles)]


# Scripts whose romanisation keeps a name recognisable letter by letter.
_FAITHFUL = ("LATIN", "CYRILLIC", "ARMENIAN", "GEORGIAN")


def _is_lossy(text: str) -> bool:
    if _NAME_DOTS.search(text) and _HAN.search(text):
        return True  # a foreign name spelled in Han characters
    if _HAN.search(text):
        return False  # pinyin is how Latin-script lists write Chinese names
    return any(ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith(_FAITHFUL)
               for ch in text)


def _latinise(text: str) -> tuple[str, bool, bool, str]:
    """(ASCII text, was it non-Latin, did some of it stay untransliterated, method)."""
    if text.isascii():
        return text, False, False, "latin"
    if _HAN.search(text):
        latin = " ".join(_han_person(text)) if _is_mostly_han(text) else \
            " ".join(lazy_pinyin(text))
        return ascii_text(latin), True, False, "pinyin"
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text)
                       if unicodedata.category(ch) != "Mn")
    non_latin = any(ch.isalpha() and not ch.isascii() and
                    not unicodedata.name(ch, "").startswith("LATIN") for ch in stripped)
    spaced = _NAME_DOTS.sub(" ", text)
    out = ascii_text(spaced)
    if "?" not in out or "?" in spaced:
        return out, non_latin, False, ("translit" if non_latin else "latin")
    # Some letters did not latinise. Keep each word that did, drop stray
    # letters inside a mostly latinised word, and keep a word nothing latinises
    # (Khmer, for one) as written, so it can still match the same script.
    words = []
    partial = False
    for word in spaced.split():
        latin = ascii_text(word)
        if "?" not in latin:
            words.append(latin)
        elif latin.count("?") * 2 < len(latin):
            words.append(latin.replace("?", ""))
        else:
            words.append(word)
            partial = True
    return " ".join(words), True, partial, ("partial" if partial else "translit")


def _is_mostly_han(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if _HAN.match(ch)) / len(letters) > 0.8


# A phrase can only match where its first or last word stands.
_PHRASE_FIRST = frozenset(p[0] for p, _ in _LEGAL_PHRASES)
_PHRASE_LAST = frozenset(p[-1] for p, _ in _LEGAL_PHRASES)


def _split_legal(tokens: list[str]) -> tuple[list[str], list[str]]:
    forms: list[str] = []
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        if tokens[-1] not in _PHRASE_LAST and tokens[0] not in _PHRASE_FIRST:
            phrases: tuple[tuple[tuple[str, ...], str], ...] = ()
        else:
            phrases = _LEGAL_PHRASES
        for phrase, canon in phrases:
            n = len(phrase)
            if len(tokens) > n and tuple(tokens[-n:]) == phrase:
                forms.insert(0, canon)
                tokens = tokens[:-n]
                changed = True
                break
            if len(tokens) > n and tuple(tokens[:n]) == phrase:
                forms.append(canon)
                tokens = tokens[n:]
                changed = True
                break
        if changed:
            continue
        if tokens[-1] in LEGAL_FORMS:
            forms.insert(0, LEGAL_FORMS[tokens[-1]])
            tokens = tokens[:-1]
            changed = True
        elif tokens[0] in LEGAL_FORMS and tokens[0] not in ("co", "as", "sa", "ab"):
            forms.append(LEGAL_FORMS[tokens[0]])
            tokens = tokens[1:]
            changed = True
    return tokens, forms


@lru_cache(maxsize=65536)
def analyze_name(text: str, kind: str = "any") -> NameForm:
    """Normalise one name. ``kind`` is person, org, object or any (unknown).

    Raises :class:`InvalidInputError` for names :func:`check_name` refuses.
    """
    t = check_name(text)
    if kind in ("person", "any"):
        t = remove_person_prefixes(t) or t
    latin, translit, untrans, method = _latinise(t)
    if untrans:
        tokens = [w.casefold() if not w.isascii() else re.sub(r"[^0-9a-z]", "", w.lower())
                  for w in re.split(r"[\s,.;:/()\-]+", latin) if w]
        tokens = [w for w in tokens if w]
    else:
        tokens = [w for w in _SPLIT.split(latin.lower().replace("'", "")) if w]
    forms: list[str] = []
    if kind in ("person", "any"):
        kept = [w for w in tokens if w not in _TITLES]
        tokens = kept or tokens
    if kind in ("org", "any") and not untrans:
        tokens, forms = _split_legal(tokens)
    alternatives: tuple[tuple[str, ...], ...] = ()
    if method == "pinyin":
        wg = _wade_giles_tokens(t, kind)
        if wg and wg != tuple(tokens):
            alternatives = (wg,)
    return NameForm(text, tuple(tokens), tuple(forms), translit, untrans, method,
                    translit and _is_lossy(t), alternatives)


def _wade_giles_tokens(text: str, kind: str) -> tuple[str, ...]:
    """The Wade-Giles reading of a Han name, as tokens like :func:`analyze_name`'s."""
    latin = " ".join(_han_person(text, wade_giles=True)) if _is_mostly_han(text) else \
        _reading(text, True)
    tokens = [w for w in _SPLIT.split(ascii_text(latin).lower()) if w]
    if kind in ("person", "any"):
        tokens = [w for w in tokens if w not in _TITLES] or tokens
    if kind in ("org", "any"):
        tokens, _ = _split_legal(tokens)
    return tuple(tokens)


# Consonant classes for cross-script comparison. Transliteration from abjads
# (Arabic, Hebrew) drops vowels and renders v/w/f and p/b unpredictably, and
# Indic and Korean renderings add vowels; a consonant skeleton survives both.
_SKELETON = str.maketrans({
    "b": "p", "p": "p", "f": "f", "v": "f", "w": "", "d": "t", "t": "t", "g": "k", "k": "k",
    "c": "k", "q": "k", "j": "s", "z": "s", "s": "s", "x": "s", "l": "l", "r": "l", "m": "m",
    "n": "n", "h": "", "a": "", "e": "", "i": "", "o": "", "u": "", "y": "",
})


@lru_cache(maxsize=131072)
def skeleton(token: str) -> str:
    """The consonant skeleton of an ASCII token: classes, no vowels, no repeats."""
    # A leading w is a consonant (Wladimir); inside a word, abjad
    # transliterations use w and y for vowels (bwtyn = Putin).
    t = ("v" + token[1:]) if token.startswith("w") else token
    t = t.replace("ch", "s").replace("sh", "s").replace("ph", "f").replace("th", "t")
    t = t.replace("kh", "k").replace("gh", "k")
    s = t.translate(_SKELETON)
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def surname_tokens(form: NameForm) -> tuple[str, ...]:
    """The surname of a person's name as the name itself says it, or ()
    when it does not: the part before the comma ("CHEN, Xiuling", "AL-TIKRITI,
    Saddam Hussein": the list convention), or the first token of a Han name
    (surname first). A name in plain order ("Karen Chen") does not say which
    token is the surname."""
    if form.method == "pinyin" and form.tokens:
        return form.tokens[:1]
    if "," not in form.original:
        return ()
    head = form.original.split(",", 1)[0]
    try:
        return analyze_name(head, "person").tokens
    except InvalidInputError:
        return ()
