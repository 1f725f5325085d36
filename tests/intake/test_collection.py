"""The collector pause an ingest runs under (scamnet.intake.collection)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from scamnet.intake import collection
from scamnet.intake.collection import COLLECT_EVERY, young_collections


@pytest.fixture
def gc_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


def test_automatic_collection_is_paused_inside_and_back_after(gc_on: None) -> None:
    with young_collections():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_resume_only_when_the_last_ends(gc_on: None) -> None:
    with young_collections():
        with young_collections():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled(gc_on: None) -> None:
    gc.disable()
    with young_collections():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_resumes(gc_on: None) -> None:
    with pytest.raises(RuntimeError), young_collections():
        raise RuntimeError("boom")
    assert gc.isenabled()
    assert collection._depth == 0


def test_young_generations_are_collected_every_few_parts(gc_on: None) -> None:
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        with young_collections() as part_done:
            for _ in range(2 * COLLECT_EVERY + 1):
                part_done()
    finally:
        gc.callbacks.remove(note)
    assert seen == [1, 1]


def test_cycles_made_during_an_ingest_are_freed(gc_on: None) -> None:
    class Node:
        other: object = None

    freed: list[int] = []
    with young_collections() as part_done:
        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = weakref.ref(a, lambda _: freed.append(1))
        del a, b
        assert ref() is not None  # a cycle: reference counting alone keeps it
        for _ in range(COLLECT_EVERY):
            part_done()
    assert ref() is None and freed == [1]
