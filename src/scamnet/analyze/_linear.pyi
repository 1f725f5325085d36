from typing import Any

def score_rows(
    bucket: Any, value: Any, counts: Any, weights: Any, n_out: int, bias: Any, logits: Any,
    column: int, contrib: Any, /,
) -> None: ...

def reason_spans(
    text: str, contrib: Any, start: Any, length: Any, k: int, limit: int, most: int,
    lo: int = 0, hi: int = -1, sign: float = 1.0, /,
) -> list[list[Any]]: ...
