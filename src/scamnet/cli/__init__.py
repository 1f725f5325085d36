"""The ``scamnet`` command line: a thin adapter over the library.

Each command module registers its commands on :data:`main`; the list of modules
is :data:`COMMAND_MODULES`. Library errors (:class:`ScamNetError`) become one
line on stderr and the error's exit code.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from scamnet import __version__
from scamnet.errors import ScamNetError
from scamnet.settings import Settings, db_url_from
from scamnet.store.store import Store

__all__ = ["COMMAND_MODULES", "main", "open_store"]

#: Modules whose import registers commands on :data:`main`.
COMMAND_MODULES: tuple[str, ...] = (
    "scamnet.cli.analyze",
    "scamnet.cli.link",
    "scamnet.cli.evidence",
    "scamnet.cli.demo",
    "scamnet.cli.screen",
)


class _Group(click.Group):
    """A click group that prints library errors as one clean line."""

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
    settings = Settings.from_env()
    db = ctx.find_root().obj.get("db") if ctx.find_root().obj else None
    return Store.open(db_url_from(db) if db else settings.db_url)


def _load_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


_load_commands()
