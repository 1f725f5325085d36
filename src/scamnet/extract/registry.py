"""The finder registry: which function finds which indicator kinds.

A finder is a function ``(Document) -> Iterable[Indicator]``. One finder may
serve several kinds (the web finder yields URLs, domains, e-mail and the
handles in messaging links from one pass), and one kind may be served by
several finders (a Telegram handle comes from ``t.me/`` links and from
``@name`` in a Telegram context). :func:`scamnet.extract.extract` runs each
needed finder once and keeps the kinds asked for. Finder modules register
themselves with :func:`register_finder`, the same hook a plugin would use.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from scamnet.extract.document import Document
from scamnet.extract.native import Candidates
from scamnet.model.indicators import Indicator, get_kind

__all__ = ["Finder", "FinderSpec", "finders", "finders_for", "register_finder"]

Finder = Callable[[Document], Iterable[Indicator]]
#: Given the C scanner's candidates, False when the finder cannot find anything.
Gate = Callable[[Candidates], bool]


@dataclass(frozen=True)
class FinderSpec:
    """A registered finder: its name, the kinds it yields, the function, and
    the gate that lets :func:`scamnet.extract.extract` skip it (None: always run)."""

    name: str
    kinds: tuple[str, ...]
    func: Finder
    runs_if: Gate | None = None


_FINDERS: dict[str, FinderSpec] = {}


def register_finder(*kinds: str, runs_if: Gate | None = None) -> Callable[[Finder], Finder]:
    """Register the decorated function as the finder of ``kinds``.

    Every kind must be in the indicator registry; the finder's name is its
    module and function name and must be unique. ``runs_if``, when given, is
    asked with the C scanner's candidates (when that scanner is on) and the
    finder is skipped when it says False: it must only say so when the finder
    would find nothing.
    """
    for kind in kinds:
        get_kind(kind)

    def decorate(func: Finder) -> Finder:
        name = f"{func.__module__}.{getattr(func, '__qualname__', repr(func))}"
        if name in _FINDERS:
            raise ValueError(f"finder {name!r} registered twice")
        _FINDERS[name] = FinderSpec(name, tuple(kinds), func, runs_if)
        return func

    return decorate


def finders() -> tuple[FinderSpec, ...]:
    """Every registered finder, in registration order."""
    return tuple(_FINDERS.values())


def finders_for(kinds: Collection[str]) -> tuple[FinderSpec, ...]:
    """The finders that yield at least one of ``kinds``, in registration order."""
    wanted = set(kinds)
    return tuple(spec for spec in _FINDERS.values() if wanted.intersection(spec.kinds))
