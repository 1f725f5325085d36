"""The ``scamnet`` command line: a thin adapter over the library.

Each command module registers its commands on :data:`main`. :data:`COMMANDS`
says which module defines which command, so that running one command imports
only its own module (an analyst screening one wallet should not wait for the
classifier, the graph engines and the migration tool to load); ``--help`` and
the docs generator load them all (:func:`load_all_commands`). Library errors
(:class:`ScamNetError`) become one line on stderr and the error's exit code.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

import click

from scamnet import __version__
from scamnet.errors import ScamNetError
from scamnet.settings import Settings, db_url_from

if TYPE_CHECKING:
    from scamnet.store.store import Store

__all__ = ["COMMANDS", "COMMAND_MODULES", "load_all_commands", "main", "open_store"]

#: Top-level command name -> the module whose import registers it on :data:`main`.
#: A test checks this against what the modules really register.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("classify", "stage", "analyze", "train", "eval", "fit-report-risk",
                     "eval-conversations"), "scamnet.cli.analyze"),
    **dict.fromkeys(("link", "networks", "network", "eval-links"), "scamnet.cli.link"),
    **dict.fromkeys(("ingest", "extract", "indicators", "show", "quarantine",
                     "retry-quarantined", "export", "kinds", "evidence"), "scamnet.cli.evidence"),
    "demo": "scamnet.cli.demo",
    **dict.fromkeys(("screen", "lists"), "scamnet.cli.screen"),
}

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
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)


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
    return Store.open(db_url_from(db) if db else settings.db_url)


def load_all_commands() -> None:
    """Import every command module, so :data:`main` holds every command."""
    for name in COMMAND_MODULES:
        importlib.import_module(name)
