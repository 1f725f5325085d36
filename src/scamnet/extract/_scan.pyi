from collections.abc import Callable

def normalize(
    text: str, special: bytes, combining: bytes, single: bytes,
    convert: Callable[[str], str], /,
) -> tuple[str, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None: ...
def configure(needles: tuple[tuple[str, int], ...], words: tuple[str, ...], /) -> None: ...
def candidates(
    text: str, /,
) -> tuple[list[int], list[int], list[int], list[int], list[int], int]: ...
