from typing import Any

def hash_batch(
    cps: Any, offsets: Any, fold: Any, char_sizes: int, word_sizes: int, copies: int,
    n_buckets: int, counts: Any, norm: int = 0, log_table: Any = None, /,
) -> tuple[bytearray, bytearray, bytearray, bytearray]: ...

def score_rows(
    bucket: Any, value: Any, counts: Any, weights: Any, n_out: int, bias: Any, logits: Any,
    column: int, contrib: Any, /,
) -> None: ...

def reason_spans(
    text: str, contrib: Any, start: Any, length: Any, k: int, limit: int, most: int,
    lo: int = 0, hi: int = -1, sign: float = 1.0, /,
) -> list[list[Any]]: ...
