"""Allowlists of legitimate infrastructure that must never link reports.

A popular exchange's domain, a messaging platform's own site or a URL
shortener shows up in thousands of unrelated reports; linking through it would
glue every syndicate into one. Entries come from TSV files
(``kind<TAB>value<TAB>match<TAB>reason``, ``#`` comments) shipped under
``scamnet/link/data/`` (see ``SOURCE.md`` there) or given by the user.

``match`` is ``suffix`` (the value and every sub-domain: ``binance.com``
covers ``www.binance.com``) or ``exact`` (only that value: hosting platforms
such as ``vercel.app`` are legitimate, but ``scam.vercel.app`` is the scammer's
own site and must still link). For ``url`` indicators the host of the URL is
checked against the domain entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from scamnet.errors import InputProblem, InvalidInputError
from scamnet.textfiles import utf8_text

__all__ = ["SHIPPED_FILES", "Allowlist", "AllowEntry", "load_allowlist", "parse_allowlist"]

#: Shipped allowlist files, in the order their reasons take precedence.
SHIPPED_FILES: tuple[str, ...] = ("curated.tsv", "metamask.tsv", "polkadot.tsv")

_MATCHES = ("exact", "suffix")
_DOMAIN_KINDS = ("domain", "url")


@dataclass(frozen=True)
class AllowEntry:
    """One allowlisted value with the reason it is legitimate and where it came from."""

    kind: str
    value: str
    match: str
    reason: str
    source: str


@dataclass
class Allowlist:
    """Allowlisted values by kind, for fast look-ups during linking."""

    exact: dict[tuple[str, str], AllowEntry] = field(default_factory=dict)
    suffix: dict[str, AllowEntry] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.exact) + len(self.suffix)

    def add(self, entry: AllowEntry) -> None:
        if entry.match == "suffix" and entry.kind == "domain":
            self.suffix.setdefault(entry.value, entry)
        else:
            self.exact.setdefault((entry.kind, entry.value), entry)

    def extend(self, entries: Iterable[AllowEntry]) -> Allowlist:
        for e in entries:
            self.add(e)
        return self

    def lookup(self, kind: str, value: str) -> AllowEntry | None:
        """The entry that allowlists this indicator, or None."""
        hit = self.exact.get((kind, value))
        if hit is not None:
            return hit
        if kind not in _DOMAIN_KINDS:
            return None
        host = _host(value) if kind == "url" else value.rstrip(".")
        if host is None:
            return None
        if kind == "url":
            hit = self.exact.get(("domain", host))
            if hit is not None:
                return hit
        # Walk up the labels: a.b.example.com, b.example.com, example.com, com.
        labels = host.split(".")
        for i in range(len(labels)):
            hit = self.suffix.get(".".join(labels[i:]))
            if hit is not None:
                return hit
        return None


def _host(url: str) -> str | None:
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
    except ValueError:
        return None
    return (parts.hostname or "").rstrip(".") or None


def parse_allowlist(lines: Iterable[str], source: str) -> Iterator[AllowEntry]:
    """Parse allowlist TSV lines; every bad line is reported at once."""
    problems: list[InputProblem] = []
    entries: list[AllowEntry] = []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            problems.append(InputProblem(
                source, f"expected 4 tab-separated columns, got {len(cols)}", line=n))
            continue
        kind, value, match, reason = (c.strip() for c in cols)
        if match not in _MATCHES:
            problems.append(InputProblem(source, f"match must be exact or suffix, got {match!r}",
                                         line=n, field="match"))
            continue
        if not value:
            problems.append(InputProblem(source, "empty value", line=n, field="value"))
            continue
        if kind in _DOMAIN_KINDS:
            value = value.lower()
        entries.append(AllowEntry(kind, value, match, reason, source))
    if problems:
        raise InvalidInputError("bad allowlist", problems)
    yield from entries


def load_allowlist(extra: Iterable[Path] = (), *, shipped: bool = True) -> Allowlist:
    """The shipped allowlists plus any user files (``kind, value, match, reason`` TSV)."""
    out = Allowlist()
    if shipped:
        pkg = resources.files("scamnet.link") / "data"
        for name in SHIPPED_FILES:
            text = (pkg / name).read_text(encoding="utf-8")
            out.extend(parse_allowlist(text.splitlines(), f"scamnet/link/data/{name}"))
    for path in extra:
        out.extend(parse_allowlist(_read_user_file(Path(path)).splitlines(), str(path)))
    return out


def _read_user_file(path: Path) -> str:
    """A user's allowlist file as UTF-8 text (:func:`scamnet.textfiles.utf8_text`);
    an unreadable file is named with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError("cannot read allowlist",
                                [InputProblem(str(path), exc.strerror or str(exc))]) from exc
    return utf8_text(data, str(path), what="allowlist")
