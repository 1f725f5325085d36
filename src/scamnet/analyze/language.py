"""Language identification for short messages.

Scripts that belong to one language here (Thai, Burmese, Khmer, Hangul, kana)
decide by Unicode block, which is exact and free; Han without kana is Chinese.
Latin-script text goes to a statistical model (lingua, restricted to the Latin
languages we need), built once on first use. Vietnamese letters with stacked
diacritics settle Vietnamese before the model is asked, because they are
unambiguous and the model is the slow part.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

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

# Letters that only Vietnamese uses among our Latin languages.
_VI_LETTERS = frozenset(
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)


# URLs, e-mail addresses and domains are Latin whatever the message's language.
_LINKS = re.compile(r"(?i)(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.\S+|"
                    r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/\S*)?")
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


def _script(cp: int) -> str | None:
    """The script bucket of one code point, or None for marks, digits, symbols."""
    if cp < 0x80:
        return "latin" if (0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A) else None
    if 0x00C0 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF:
        return "latin"
    if 0x0E00 <= cp <= 0x0E7F:
        return "th"
    if 0x1000 <= cp <= 0x109F or 0xA9E0 <= cp <= 0xA9FF or 0xAA60 <= cp <= 0xAA7F:
        return "my"
    if 0x1780 <= cp <= 0x17FF or 0x19E0 <= cp <= 0x19FF:
        return "km"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "ko"
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F:
        return "kana"
    if (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x2FA1F):
        return "han"
    if 0xFF21 <= cp <= 0xFF5A:  # full-width Latin, common in CJK-typed messages
        return "latin"
    return None


def _count_scripts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        s = _script(ord(ch))
        if s is not None:
            counts[s] = counts.get(s, 0) + 1
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


def warm_up() -> None:
    """Build the Latin-script model now instead of on the first Latin message."""
    _LATIN.detector()


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
    head = _LINKS.sub(" ", text[:MAX_LANGUAGE_CHARS])
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
    vi = sum(1 for ch in head if ch in _VI_LETTERS)
    if vi >= 2 and vi * 20 >= n:
        return LanguageResult("vi", share * min(1.0, 0.8 + vi / n), "letters")
    words = [w.casefold() for w in _WORD.findall(head)]
    vi_words = {w for w in words if w in _VI_ASCII}
    if len(vi_words) >= 3 and sum(w in _VI_ASCII for w in words) * 5 >= len(words):
        return LanguageResult("vi", share * 0.8, "letters")
    # Lone surrogates (from broken decoding) cannot cross into the Rust model.
    clean = head.encode("utf-8", errors="replace").decode("utf-8")
    code, conf = _LATIN.detect(clean)
    if code in ("id", "ms"):
        ids = sum(w in _ID_WORDS for w in words)
        mss = sum(w in _MS_WORDS for w in words)
        if ids != mss:
            code = "id" if ids > mss else "ms"
    return LanguageResult(code, conf * share, "model")
