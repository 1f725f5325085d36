"""The command -> module map that lets one command load only its own module."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from scamnet.cli import COMMAND_MODULES, COMMANDS, load_all_commands, main


def test_map_names_exactly_the_registered_commands() -> None:
    load_all_commands()
    assert set(main.commands) == set(COMMANDS)
    for name, cmd in main.commands.items():
        assert isinstance(cmd, click.Command)
        # The callback lives in the module the map names.
        callback = cmd.callback
        assert callback is not None
        assert callback.__module__ == COMMANDS[name], name


def test_one_command_imports_only_its_module() -> None:
    code = ("import sys\n"
            "from scamnet.cli import main\n"
            "main.get_command(None, 'kinds')\n"
            f"mods = {list(COMMAND_MODULES)!r}\n"
            "print(sorted(m for m in mods if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "['scamnet.cli.evidence']"


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output
