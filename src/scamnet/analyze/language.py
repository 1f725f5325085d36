"""Language identification for short messages.

Scripts that belong to one language here (Thai, Burmese, Khmer, Hangul, kana)
decide by Unicode block, which is exact and free; Han without kana is Chinese.
Latin-script text goes to statistical models. Vietnamese letters with stacked
diacritics settle Vietnamese before any model is asked, because they are
unambiguous. Then Google's Compact Language Detector 2 (``pycld2``, a few
microseconds) answers when it is sure and names one of our languages; lingua,
restricted to the Latin languages we need and built on first use, answers the
rest. lingua alone costs ~300 us per message, which kept classification under
its speed target, and on the training split of the labelled sets the cascade is
also the more accurate of the two (docs/analysis.md, "Language").
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import pycld2

__all__ = [
    "LANGUAGES",
    "LanguageResult",
    "MAX_LANGUAGE_CHARS",
    "UNDETERMINED",
    "detect_language",
]

#: Languages this module can return (ISO 639-1), plus ``und`` for "cannot tell".
LANGUAGES: tuple[str, ...] = (
    "en", "zh", "vi", "th", "id", "ms", "tl", "es", "pt", "fr", "ja", "ko", "my", "km",
)
UNDETERMINED = "und"

#: Only the start of a long text is looked at: language does not change within
#: a message often enough to pay for reading a megabyte of it.
MAX_LANGUAGE_CHARS = 2000

_LATIN_LANGS = ("en", "id", "ms", "tl", "es", "pt", "fr", "vi")
_LATIN_CODES = frozenset(_LATIN_LANGS)

# Letters that only Vietnamese uses among our Latin languages.
_VI_LETTERS = frozenset(
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)


#: CLD2's answer is taken when it calls itself reliable and gives the top
#: language at least this share (percent) of the text's letters; otherwise lingua.
CLD2_MIN_PERCENT = 90

# Tagalog function words. CLD2 calls Taglish (Tagalog-English code-switching,
# the norm in Philippine messages) English; two of these send the text to lingua,
# which reads it as Tagalog far more often.
_TL_WORDS = frozenset(
    "ang ng mga sa ko mo po na yung ka ako ikaw kita lang naman pa ba nga siya sila "
    "kayo namin natin ito iyan dito diyan".split())


_VI_LETTER = re.compile("[" + "".join(sorted(_VI_LETTERS)) + "]")


# URLs, e-mail addresses and domains are Latin whatever the message's language.
_URL = r"(?:https?://|www\.)\S+"
_EMAIL = r"[\w.+-]+@[\w-]+\.\S+"
_DOMAIN = r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/\S*)?"
_LINKS = re.compile(f"(?i){_URL}|{_EMAIL}|{_DOMAIN}")
# The e-mail pattern has no anchor, so on a long run of word characters (a
# Chinese sentence) it retries from every position; without an "@" it cannot
# match, and this pattern gives the same result in a fraction of the time.
_LINKS_NO_EMAIL = re.compile(f"(?i){_URL}|{_DOMAIN}")


# Without an "@", every link holds one of these: a scheme, "www." or a dot
# before a letter (the top-level domain). Most sentences hold none, and the
# domain pattern costs about a microsecond per word to rule out.
_LINK_HINT = re.compile(r"(?i)://|www\.|\.[a-z]")


def _without_links(text: str) -> str:
    """``text`` with URLs, e-mail addresses and domains blanked."""
    if "@" in text:
        return _LINKS.sub(" ", text)
    if _LINK_HINT.search(text) is not None:
        return _LINKS_NO_EMAIL.sub(" ", text)
    return text


_WORD = re.compile(r"[^\W\d_]+")

# Vietnamese typed without diacritics (common in SMS): syllables that are
# frequent in Vietnamese and rare as words in the other Latin languages here.
_VI_ASCII = frozenset(
    "khong cua duoc nguoi chung thanh trong khach khoan vui dang cam tien thoai dien nhan "
    "ngay quy hien thong bao voi nhung mien phi goi cuoc nhan viec lam cho cac duoi tren "
    "nhieu xin chuc mung trung thuong giai hoan thue ngan tai".split())
# Words that tell Indonesian from Malay when the model hesitates between them.
_ID_WORDS = frozenset(
    "bisa uang nggak gak enggak kamu perusahaan lowongan tolong sih dong banget aja kok "
    "bapak ibu kak silakan terima kasih karena".split())
_MS_WORDS = frozenset(
    "boleh wang syarikat sahaja awak tak nak pun kerana percuma berapa sila ringgit rm "
    "mahu sangat kakitangan".split())


@dataclass(frozen=True)
class LanguageResult:
    """A detected language: ISO 639-1 ``code`` (or ``und``), ``confidence`` in
    [0, 1] and the ``method`` that decided it (``script``, ``letters``,
    ``model`` or ``none``)."""

    code: str
    confidence: float
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "confidence": round(self.confidence, 4),
                "method": self.method}


# The script buckets, as character classes. Runs of one script are counted
# with one pattern in C; a Python loop over the characters cost as much as
# the classifier itself. tests/analyze/test_language.py checks the counts
# against a per-character definition.
_SCRIPT_CLASSES: tuple[tuple[str, str], ...] = (
    ("latin", "A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff5a"),
    ("th", "\u0e00-\u0e7f"),
    ("my", "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"),
    ("km", "\u1780-\u17ff\u19e0-\u19ff"),
    ("ko", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("kana", "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"),
    ("han", "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f"),
)
_SCRIPT_RUNS = re.compile("|".join(f"(?P<{name}>[{ranges}]+)" for name, ranges in _SCRIPT_CLASSES))
_ASCII_LETTERS = re.compile("[A-Za-z]")


def _count_scripts(text: str) -> dict[str, int]:
    """Letters per script bucket (only buckets present); marks, digits, symbols uncounted."""
    if text.isascii():
        n = _ASCII_LETTERS.subn("", text)[1]
        return {"latin": n} if n else {}
    counts: dict[str, int] = {}
    for m in _SCRIPT_RUNS.finditer(text):
        name = str(m.lastgroup)
        counts[name] = counts.get(name, 0) + m.end() - m.start()
    return counts


class _LatinModel:
    """The lingua detector for Latin-script languages, built on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._detector: Any = None
        self._codes: dict[Any, str] = {}

    def detector(self) -> Any:
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                    langs = {code: Language.from_iso_code_639_1(
                        getattr(IsoCode639_1, code.upper())) for code in _LATIN_LANGS}
                    self._codes = {lang: code for code, lang in langs.items()}
                    self._detector = LanguageDetectorBuilder.from_languages(
                        *langs.values()).build()
        return self._detector

    def detect(self, text: str) -> tuple[str, float]:
        det = self.detector()
        values = det.compute_language_confidence_values(text)
        if not values or values[0].value <= 0.0:
            return UNDETERMINED, 0.0
        top = values[0]
        return self._codes[top.language], float(top.value)


_LATIN = _LatinModel()


# Control characters and Unicode noncharacters, which CLD2 refuses as "invalid
# UTF-8"; blanked so that a stray NUL does not send a message to the slow path.
# (The last two code points of each of the 17 planes are noncharacters.)
_CLD2_REFUSES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]")


def _cld2(text: str, words: list[str]) -> tuple[str, float] | None:
    """CLD2's language and share when it is sure and the language is ours, else None."""
    try:
        # Printable text holds neither controls nor noncharacters (the pattern
        # is slow: its class holds 34 single code points above U+FFFF).
        clean = text if text.isprintable() else _CLD2_REFUSES.sub(" ", text)
        reliable, _, found = pycld2.detect(clean, isPlainText=True)
    except pycld2.error:  # anything else it refuses goes to lingua
        return None
    _, code, percent, _ = found[0]
    if not reliable or percent < CLD2_MIN_PERCENT or code not in _LATIN_CODES:
        return None
    if code == "en" and sum(w in _TL_WORDS for w in words) >= 2:
        return None
    return code, percent / 100.0


def warm_up() -> None:
    """Load lingua's models now instead of on the first message CLD2 is unsure of."""
    _LATIN.detect("warm up the model")


def detect_language(text: str) -> LanguageResult:
    """Detect the language of one short text.

    Never raises on content: empty, emoji-only or digit-only text gives
    ``und`` with confidence 0. Only the first :data:`MAX_LANGUAGE_CHARS`
    characters are read; URLs, e-mails and domains are ignored. Mixed-script
    text goes to the script with the most letters, except that a
    single-language script (Thai, Han, ...) wins over Latin when it has at
    least 30 % as many letters. Confidence is the winning script's share of
    the letters (times the model's confidence for Latin text).
    """
    if not isinstance(text, str):
        raise TypeError(f"detect_language expects str, got {type(text).__name__}")
    head = _without_links(text[:MAX_LANGUAGE_CHARS])
    counts = _count_scripts(head)
    # Kana marks Japanese even when Han characters outnumber it.
    cjk = counts.pop("han", 0) + counts.get("kana", 0)
    kana = counts.pop("kana", 0)
    if cjk:
        counts["ja" if kana * 10 >= cjk or kana >= 3 else "zh"] = cjk
    total = sum(counts.values())
    if total == 0:
        return LanguageResult(UNDETERMINED, 0.0, "none")
    script, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    share = n / total
    latin = counts.get("latin", 0)
    if script == "latin" and total > latin:
        # Thai, Chinese, ... words among Latin brand names still make the message theirs.
        other, m = max(((k, v) for k, v in counts.items() if k != "latin"),
                       key=lambda kv: (kv[1], kv[0]))
        if m >= 3 and m * 10 >= latin * 3:
            script, n, share = other, m, m / total
    if script != "latin":
        return LanguageResult(script, share, "script")
    vi = 0 if head.isascii() else _VI_LETTER.subn("", head)[1]
    if vi >= 2 and vi * 20 >= n:
        return LanguageResult("vi", share * min(1.0, 0.8 + vi / n), "letters")
    words = [w.casefold() for w in _WORD.findall(head)]
    vi_words = {w for w in words if w in _VI_ASCII}
    if len(vi_words) >= 3 and sum(w in _VI_ASCII for w in words) * 5 >= len(words):
        return LanguageResult("vi", share * 0.8, "letters")
    # Lone surrogates (from broken decoding) cannot cross into the Rust model.
    clean = head.encode("utf-8", errors="replace").decode("utf-8")
    quick = _cld2(clean, words)
    if quick is not None:
        return LanguageResult(quick[0], quick[1] * share, "model")
    code, conf = _LATIN.detect(clean)
    # The marker words settle lingua's Indonesian / Malay hesitation; CLD2's
    # sure answers are better without them (training split: ms 0.93 -> 0.97).
    if code in ("id", "ms"):
        ids = sum(w in _ID_WORDS for w in words)
        mss = sum(w in _MS_WORDS for w in words)
        if ids != mss:
            code = "id" if ids > mss else "ms"
    return LanguageResult(code, conf * share, "model")
