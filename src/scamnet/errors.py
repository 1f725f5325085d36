"""The one exception tree of ScamNet.

Every error the library raises derives from :class:`ScamNetError`. Subclasses
say what the caller can do about it. The library never prints or exits; the
CLI turns these into one line and an exit code (see ``docs/cli.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "BackendError",
    "ConfigError",
    "InputProblem",
    "InvalidInputError",
    "NotFoundError",
    "ScamNetError",
]


class ScamNetError(Exception):
    """Root of every error raised by ScamNet."""

    exit_code: int = 1


@dataclass(frozen=True)
class InputProblem:
    """One problem found in one input: where it is and what is wrong.

    ``file`` is the path the user gave (or the member path inside an archive),
    ``line`` is 1-based when the format has lines, ``offset`` a byte offset
    when it has not, ``field`` the record field at fault when known.
    """

    file: str
    reason: str
    line: int | None = None
    offset: int | None = None
    field: str | None = None
    record: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        elif self.offset is not None:
            where += f"@{self.offset}"
        parts = [where]
        if self.record:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return f"{', '.join(parts)}: {self.reason}"


@dataclass
class InvalidInputError(ScamNetError):
    """The input cannot be used as given; ``problems`` lists every problem found."""

    message: str
    problems: list[InputProblem] = field(default_factory=list)
    exit_code: int = 2

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return f"{self.message}: " + "; ".join(str(p) for p in self.problems)


class NotFoundError(ScamNetError):
    """A named thing (report, evidence, network, list) does not exist."""

    exit_code = 3


class ConfigError(ScamNetError):
    """A setting or option is invalid; fix the configuration and retry."""

    exit_code = 4


class BackendError(ScamNetError):
    """The store or an engine failed (database unreachable, migration failed)."""

    exit_code = 5
