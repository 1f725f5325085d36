"""Hand-written text banks, one module per language, keyed by ISO 639-1 code."""

from collections.abc import Mapping
from types import MappingProxyType

from scamnet.demo.languages import en, es, id, th, vi, zh
from scamnet.demo.lexicon import Lexicon

__all__ = ["LEXICONS"]

LEXICONS: Mapping[str, Lexicon] = MappingProxyType(
    {lex.code: lex for lex in (en.LEXICON, zh.LEXICON, vi.LEXICON, th.LEXICON, id.LEXICON,
                               es.LEXICON)}
)
