"""The ``scamnet`` command line: a thin adapter over the library.

Each command module registers its commands on :data:`main`. :data:`COMMANDS`
says which module defines which command, so that running one command imports
only its own module (an analyst screening one wallet should not wait for the
classifier, the graph engines and the migration tool to load); ``--help`` and
the docs generator load them all (:func:`load_all_commands`). Library errors
(:class:`ScamNetError`) become one line on stderr and the error's exit code.
"""

from __future__ import annotations

import errno
import importlib
import math
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from scamnet import __version__
from scamnet.errors import NotFoundError, ScamNetError
from scamnet.settings import Settings, db_url_from

if TYPE_CHECKING:
    from rich.console import Console

    from scamnet.store.store import Store

__all__ = ["COMMANDS", "COMMAND_MODULES", "EXIT_QUARANTINED", "FiniteFloat", "known_kind",
           "known_reader", "load_all_commands", "main", "open_store", "output_path",
           "plain_console", "printable"]

#: Top-level command name -> the module whose import registers it on :data:`main`.
#: A test checks this against what the modules really register.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("classify", "stage", "analyze", "train", "eval", "compare-classifiers",
                     "fit-report-risk",
                     "eval-conversations"), "scamnet.cli.analyze"),
    **dict.fromkeys(("link", "networks", "network", "eval-links"), "scamnet.cli.link"),
    **dict.fromkeys(("ingest", "extract", "indicators", "show", "quarantine",
                     "retry-quarantined", "export", "kinds", "evidence"), "scamnet.cli.evidence"),
    "demo": "scamnet.cli.demo",
    **dict.fromkeys(("screen", "lists"), "scamnet.cli.screen"),
}

#: Exit status of ``ingest``, ``demo``, ``retry-quarantined`` and ``stage`` when some
#: records were quarantined.
EXIT_QUARANTINED = 6

#: Every command module, in a fixed order.
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))


class _Group(click.Group):
    """A click group that loads a command's module on first use and prints
    library errors as one clean line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScamNetError as exc:
            # Errors quote file names and values from the input: escaped like any evidence.
            click.echo(f"error: {printable(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            # Output that cannot be written (a full disk, stdout redirected to
            # one) is the environment, not a bug: say so in one line.
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            click.echo(f"error: cannot write output: {exc.strerror}", err=True)
            sys.exit(1)


#: Errors of writing output that the user can fix (free space, quota, the device).
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scamnet")
@click.option("--db", "db", metavar="URL", default=None,
              help="Store: a SQLite file path or a postgresql:// URL "
                   "(default: $SCAMNET_DB or ./scamnet.db).")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """ScamNet: map pig-butchering scam syndicates from scattered evidence."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def open_store(ctx: click.Context) -> Store:
    """The store named by ``--db``, ``$SCAMNET_DB`` or the default, migrated."""
    from scamnet.store.store import Store

    settings = Settings.from_env()
    db = ctx.find_root().obj.get("db") if ctx.find_root().obj else None
    # `--db ""` (an unset shell variable) is an error, not the default store.
    return Store.open(db_url_from(db) if db is not None else settings.db_url)


def load_all_commands() -> None:
    """Import every command module, so :data:`main` holds every command."""
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def output_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback for an output file option: its directory must exist, checked
    before any work is done (not as a traceback once the output is ready)."""
    if value is None or value == "-":
        return value
    parent = Path(value).parent
    if not parent.is_dir():
        raise click.BadParameter(f"cannot write {value}: directory {parent} does not exist",
                                 ctx=ctx, param=param)
    return value


class _Escapes(dict[int, str]):
    """A :meth:`str.translate` table that shows control (Cc) and format (Cf)
    characters as escapes, filled in as characters are met (a table of every
    code point would cost the start-up of each command)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.category(char) not in ("Cc", "Cf"):
            shown = char
        elif code < 0x100:
            shown = f"\\x{code:02x}"
        elif code < 0x10000:
            shown = f"\\u{code:04x}"
        else:
            shown = f"\\U{code:08x}"
        self[code] = shown
        return shown


#: Format characters that are part of ordinary writing and shown as they
#: are: the zero-width space separates words in Khmer, Burmese and Thai text,
#: and the zero-width (non-)joiners shape Indic and Persian text and emoji.
#: They hide nothing a reader needs; bidirectional controls stay escaped.
_WRITING = {0x200B: "\u200b", 0x200C: "\u200c", 0x200D: "\u200d"}
#: Tab and newline as they are, every other control or format character escaped.
_ESCAPES = _Escapes({9: "\t", 10: "\n", **_WRITING})
#: The same, but newline too, for what must stay one line.
_ESCAPES_ONE_LINE = _Escapes({9: "\t", 10: "\\n", **_WRITING})


def plain_console() -> Console:
    """A rich console for tables of evidence and list data, printed as they are:
    a "[/red]" in a URL or a name is text, not rich markup (which would raise on it)."""
    from rich.console import Console

    return Console(markup=False)


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters (ESC, BEL, CR, ...)
    shown as ``\\x1b`` escapes and Unicode format characters (bidirectional
    overrides such as U+202E, the byte-order mark, soft hyphens, tags, ...) as
    ``\\u202e``; tab and newline kept, with ``one_line`` newlines as ``\\n``;
    the zero-width space and (non-)joiners of ordinary Khmer, Burmese, Thai,
    Indic and emoji writing kept.

    Evidence is written by scammers: an escape sequence in a narrative must
    not clear the analyst's screen, retitle the window or hide lines, a
    right-to-left override must not reverse the text that follows it (a
    wallet, a file name), and a file name with a newline must not split a
    one-line message in two.
    """
    if text.isprintable():  # the usual case: no tab, newline, control or format character
        return text
    return text.translate(_ESCAPES_ONE_LINE if one_line else _ESCAPES)


class FiniteFloat(click.FloatRange):
    """A float option in a range that also refuses ``nan`` and ``inf`` (which
    click's range check lets through: every comparison with nan is false)."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def _registered(lookup: Callable[[str], object]) -> Callable[[click.Context, click.Parameter, Any],
                                                             Any]:
    """A click callback for an option naming entries of a library registry: a name
    ``lookup`` does not know (:class:`NotFoundError`, whose message lists the
    known ones) is a usage error, exit 2, reported before any work is done."""

    def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        for name in value if isinstance(value, tuple) else (value,):
            if name is None:
                continue
            try:
                lookup(name)
            except NotFoundError as exc:
                raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
        return value

    return check


def _kind(name: str) -> object:
    from scamnet.model.indicators import get_kind

    return get_kind(name)


def _reader(name: str) -> object:
    # The readers load only when a command is given --format.
    from scamnet.intake.registry import get_reader

    return get_reader(name)


#: Click callbacks for ``--kind`` (an indicator kind) and ``--format`` (a reader) options.
known_kind = _registered(_kind)
known_reader = _registered(_reader)
