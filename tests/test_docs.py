"""Generated reference docs must match the code."""

from __future__ import annotations

from pathlib import Path

from scamnet.docs import render_cli_docs

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == render_cli_docs(), (
        "docs/cli.md is stale: run `python -m scamnet.docs`")
