from typing import Any

def reason_spans(
    text: str, contrib: Any, start: Any, length: Any, k: int, limit: int, most: int, /,
) -> list[list[Any]]: ...
