"""Screening as library calls: one name or identifier, or a batch file.

These are what the CLI and any API call. They take a built
:class:`ScreeningIndex` (see :func:`scamnet.screen.snapshots.load_index` to
build one from the store) and return :class:`Match` records.
"""

from __future__ import annotations

import json
import multiprocessing as mp
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from scamnet.errors import InputProblem, InvalidInputError, ScamNetError
from scamnet.screen.index import Match, ScreeningIndex
from scamnet.screen.matcher import Query
from scamnet.screen.remarks import parse_date
from scamnet.textfiles import CsvFile, surrogate_at, utf8_text

__all__ = [
    "BATCH_FIELDS",
    "DEFAULT_THRESHOLD",
    "BatchResult",
    "read_batch",
    "screen_batch",
    "screen_identifier",
    "screen_name",
]

#: Score from which a name match is reported by default; chosen on the dev
#: split of the evaluation set (benchmarks/bench_screen.py prints it).
DEFAULT_THRESHOLD = 0.615

#: Columns (CSV) or keys (JSONL) a batch row may carry.
BATCH_FIELDS = ("id", "name", "type", "dob", "country", "wallet", "chain", "phone", "domain",
                "iban")
_IDENTIFIERS = ("wallet", "phone", "domain", "iban")


def _clean_dob(dob: str | None) -> str | None:
    if not dob:
        return None
    iso = parse_date(dob)
    if iso is None:
        raise InvalidInputError(f"date of birth {dob!r} is not a date (use YYYY-MM-DD, "
                                "YYYY-MM, YYYY or '16 Dec 1987')")
    return iso


def _clean_country(country: str | None) -> str | None:
    if not country:
        return None
    from scamnet.screen.remarks import country_code

    code = country_code(country) if len(country) != 2 else country.lower()
    if code is None:
        raise InvalidInputError(f"country {country!r} is not a country name or ISO code")
    return code


def screen_name(index: ScreeningIndex, name: str, *, type: str | None = None,
                dob: str | None = None, country: str | None = None, limit: int = 10,
                threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    """Screen one name; matches scoring at least ``threshold``, best first.

    Raises :class:`InvalidInputError` for an empty or over-long name, one with
    half a surrogate pair (bytes that were not UTF-8), a date that is not one,
    or an unknown country.
    """
    if type not in (None, "person", "company", "org", "organization", "any"):
        raise InvalidInputError(f"type {type!r} is not person or company")
    at = surrogate_at(name)
    if at is not None:
        # A byte that is not UTF-8 on the command line (a terminal set to
        # Latin-1) arrives as half a surrogate pair; transliteration fails on it.
        raise InvalidInputError(f"name {name!r} has {name[at]!r} at character "
                                f"{at}, which is not text: give it as UTF-8")
    query = Query(name, None if type == "any" else type, _clean_dob(dob), _clean_country(country))
    return index.search_name(query, limit=limit, threshold=threshold)


def screen_identifier(index: ScreeningIndex, kind: str, value: str, *,
                      chain: str | None = None, country: str | None = None) -> list[Match]:
    """Screen a wallet, phone, domain or IBAN by exact key (score 1.0 per hit)."""
    return index.search_exact(kind, value, chain=chain, country=country)


@dataclass
class BatchResult:
    """The matches for one batch row, or why the row could not be screened."""

    line: int
    input: Mapping[str, str]
    matches: list[Match] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "input": dict(self.input),
                "matches": [m.to_json() for m in self.matches], "errors": list(self.errors)}


def read_batch(data: bytes, path: str, *,
               problems: list[InputProblem] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a batch file: CSV with a header, or JSON lines (by extension or
    first byte). Yields (1-based line, row) for every readable line.

    A line that cannot be read (not JSON, not an object, a value with an
    unpaired UTF-16 surrogate, a broken CSV row) is skipped and named by file,
    line and field: appended to ``problems`` when it is given, else raised
    together as one :class:`InvalidInputError` once every good row has been
    yielded, so the good rows are still screened. A file that is not UTF-8,
    or a CSV without a usable header, raises at once.
    """
    found: list[InputProblem] = [] if problems is None else problems
    start = len(found)
    text = utf8_text(data, path, what="batch file")
    if path.lower().endswith((".jsonl", ".ndjson", ".json")) or text.lstrip().startswith("{"):
        yield from _json_rows(text, path, found)
    else:
        yield from _csv_rows(text, path, found)
    if problems is None and len(found) > start:
        raise InvalidInputError(f"{len(found) - start} batch line(s) skipped", found[start:])


def _json_rows(text: str, path: str,
               problems: list[InputProblem]) -> Iterator[tuple[int, dict[str, str]]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(InputProblem(path, f"not JSON: {exc}", line=n))
            continue
        if not isinstance(obj, dict):
            problems.append(InputProblem(path, "a batch line must be a JSON object", line=n))
            continue
        row = {str(k): "" if v is None else str(v) for k, v in obj.items()}
        bad = _unencodable(row)
        if bad is not None:
            problems.append(InputProblem(path, "unpaired UTF-16 surrogate", line=n, field=bad))
            continue
        yield n, row


def _unencodable(row: Mapping[str, str]) -> str | None:
    """The first key whose name or value escapes half of a surrogate pair
    (``"\\ud800"``): no character, so it can be neither screened nor written out."""
    for key, value in row.items():
        if surrogate_at(key) is not None or surrogate_at(value) is not None:
            return key
    return None


def _csv_rows(text: str, path: str,
              problems: list[InputProblem]) -> Iterator[tuple[int, dict[str, str]]]:
    table = CsvFile(text, path)
    if not set(table.header) & {"name", *_IDENTIFIERS}:
        raise InvalidInputError(f"{path}: a batch CSV needs a header with a name, wallet, phone,"
                                " domain or iban column")
    # Unlike a watchlist (screen.watchlist), a batch is read leniently: a
    # loose quote is taken as written and a short row screened with what it
    # has, because a batch is screened once and every result echoes its
    # input, where a watchlist is stored and screened against from then on.
    for row in table:
        if isinstance(row, InputProblem):
            problems.append(row)
            return
        if len(row.fields) > len(table.header):
            # Mostly a name with an unquoted comma ("Chen, Zhi"): screened as
            # the header cuts it, it would be "Chen", and a sanctioned name
            # would come back without a match. Named and skipped instead.
            problems.append(InputProblem(
                path, f"{len(row.fields)} fields where the header has {len(table.header)}: "
                "quote a value that holds a comma", line=row.line))
            continue
        yield row.line, row.cells


def screen_batch(index: ScreeningIndex, rows: Iterable[tuple[int, Mapping[str, str]]], *,
                 limit: int = 5, threshold: float = DEFAULT_THRESHOLD,
                 workers: int = 1) -> Iterator[BatchResult]:
    """Screen each row's name and identifiers; a bad row gets ``errors``, never
    stops the batch. Repeated queries are answered from a cache. ``workers`` > 1
    screens chunks in forked processes (POSIX only) that share the index;
    results come back in input order."""
    if workers > 1 and "fork" in mp.get_all_start_methods():
        yield from _parallel(index, rows, limit, threshold, workers)
        return
    yield from _screen_rows(index, rows, limit, threshold)


def _screen_rows(index: ScreeningIndex, rows: Iterable[tuple[int, Mapping[str, str]]],
                 limit: int, threshold: float) -> Iterator[BatchResult]:
    cache: dict[tuple[str, ...], list[Match]] = {}
    for line, row in rows:
        result = BatchResult(line, row)
        name = row.get("name", "")
        if name:
            key = (name, row.get("type", ""), row.get("dob", ""), row.get("country", ""))
            try:
                if key not in cache:
                    if len(cache) > 100_000:
                        cache.clear()
                    cache[key] = screen_name(index, name, type=row.get("type") or None,
                                             dob=row.get("dob") or None,
                                             country=row.get("country") or None,
                                             limit=limit, threshold=threshold)
                result.matches.extend(cache[key])
            except ScamNetError as exc:
                result.errors.append(f"name: {exc}")
        for kind in _IDENTIFIERS:
            value = row.get(kind, "")
            if not value:
                continue
            try:
                result.matches.extend(screen_identifier(
                    index, kind, value, chain=row.get("chain") or None,
                    country=row.get("country") or None))
            except ScamNetError as exc:
                result.errors.append(f"{kind}: {exc}")
        if not name and not any(row.get(k) for k in _IDENTIFIERS):
            result.errors.append("row has no name, wallet, phone, domain or iban")
        yield result


# The index a forked worker screens against: set before the fork, so each
# worker inherits it instead of receiving a pickled copy.
_WORKER_INDEX: ScreeningIndex | None = None


def _work(args: tuple[list[tuple[int, dict[str, str]]], int, float]) -> list[BatchResult]:
    chunk, limit, threshold = args
    assert _WORKER_INDEX is not None
    return list(_screen_rows(_WORKER_INDEX, chunk, limit, threshold))


def _parallel(index: ScreeningIndex, rows: Iterable[tuple[int, Mapping[str, str]]],
              limit: int, threshold: float, workers: int) -> Iterator[BatchResult]:
    global _WORKER_INDEX
    _WORKER_INDEX = index

    def chunks() -> Iterator[tuple[list[tuple[int, dict[str, str]]], int, float]]:
        it = iter(rows)
        while True:
            chunk = [(n, dict(r)) for n, r in islice(it, 2000)]
            if not chunk:
                return
            yield chunk, limit, threshold

    try:
        with mp.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_work, chunks()):
                yield from results
    finally:
        _WORKER_INDEX = None
