"""The shape of a language's text bank, and the template mini-language it uses.

Every sentence of the demo corpus was written by hand for this project (see
docs/demo.md). Templates hold ``{placeholder}`` fields filled per victim and
``[[a|b|c]]`` alternatives picked per use, so one script reads slightly
differently with every victim, the way copied scam scripts do.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["STAGES", "Lexicon", "canonical", "render"]

STAGES: tuple[str, ...] = (
    "contact",
    "rapport",
    "pitch",
    "deposit",
    "profit",
    "withdrawal_blocked",
    "pressure",
)

_ALTERNATIVES = re.compile(r"\[\[(.*?)\]\]", re.S)


@dataclass(frozen=True)
class Lexicon:
    """One language's hand-written text bank.

    ``scammer``/``victim`` map a stage to chat lines; ``narrative`` maps a stage
    to first-person sentences of a victim report. ``identifier`` sentences
    mention the suspect's ``{phone}``, ``{handle}``, ``{wallet}`` or ``{site}``.
    ``task`` and ``recruitment`` hold task-scam and trafficking-lure report
    sentences and ``task_scammer``/``task_victim`` task-scam chat lines, for
    the languages those are written in; ``other_scams`` maps a
    scam type to whole narratives of scams outside any network.
    """

    code: str
    countries: tuple[str, ...]
    victim_names: tuple[str, ...]
    persona_names: tuple[str, ...]
    scammer: Mapping[str, tuple[str, ...]]
    victim: Mapping[str, tuple[str, ...]]
    narrative: Mapping[str, tuple[str, ...]]
    identifier: Mapping[str, tuple[str, ...]]
    no_indicator: tuple[str, ...]
    not_scam_reports: tuple[str, ...]
    not_scam_chat: tuple[tuple[int, str], ...]
    exchange_mention: tuple[str, ...]
    shortener_mention: tuple[str, ...]
    contact_email: tuple[str, ...]
    media_caption: tuple[str, ...] = ()  # captions of photos the scammer sends
    task: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    task_scammer: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    task_victim: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    recruitment: tuple[str, ...] = ()
    other_scams: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    joiner: str = " "


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[str | tuple[str, ...], ...]:
    """The template split into literal text and tuples of alternatives (parsed once)."""
    out: list[str | tuple[str, ...]] = []
    pos = 0
    for m in _ALTERNATIVES.finditer(template):
        out.append(template[pos:m.start()])
        out.append(tuple(m.group(1).split("|")))
        pos = m.end()
    out.append(template[pos:])
    return tuple(out)


def render(template: str, rng: random.Random, values: Mapping[str, str]) -> str:
    """Pick one of each ``[[a|b]]`` alternative with ``rng``, then fill ``{fields}``."""
    picked = "".join(p if isinstance(p, str) else rng.choice(p) for p in _parts(template))
    return picked.format_map(values)


def canonical(template: str, values: Mapping[str, str]) -> str:
    """The template with every first alternative: the script as truth records it."""
    picked = _ALTERNATIVES.sub(lambda m: m.group(1).split("|")[0], template)
    return picked.format_map(values)
