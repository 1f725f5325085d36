from __future__ import annotations

import scamnet.analyze as analyze


def test_all_is_sorted_and_resolves() -> None:
    assert analyze.__all__ == sorted(analyze.__all__)
    for name in analyze.__all__:
        assert getattr(analyze, name) is not None
