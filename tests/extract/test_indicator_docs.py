"""docs/indicators.md is generated from the registries and must not drift."""

from __future__ import annotations

from pathlib import Path

from scamnet.extract.docs import render_indicator_docs
from scamnet.model.indicators import KINDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def test_checked_in_docs_match_the_registry() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_indicator_docs(), (
        "docs/indicators.md is stale; regenerate it (see scamnet/extract/docs.py)"
    )


def test_every_kind_and_its_examples_are_documented_and_found() -> None:
    text = render_indicator_docs()
    for name in KINDS:
        assert f"## `{name}`" in text
    assert "(not found)" not in text
