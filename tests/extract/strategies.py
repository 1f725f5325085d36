"""Hypothesis strategies shared by the finder tests: filler text to embed indicators in."""

from __future__ import annotations

from hypothesis import strategies as st

# Words in the scripts scam texts mix; each is followed by a space or
# punctuation so an embedded indicator has a real boundary on both sides.
WORDS = [
    "hello", "send", "USDT", "ok", "转账", "钱包地址", "客服", "สวัสดี", "โอนเงิน", "ค่ะ",
    "chuyển", "tiền", "đây", "kirim", "uang", "hola", "dinero", "😀", "１２３", "ﬁle",
]
SEPARATORS = [" ", "\n", "，", "。", ": ", " (", ") ", "、", "\t"]

filler = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)).map("".join),
    max_size=6,
).map("".join)


def embed(prefix: str, indicator: str, suffix: str) -> tuple[str, int]:
    """``prefix + " " + indicator + " " + suffix`` and the indicator's offset."""
    text = f"{prefix} {indicator} {suffix}"
    return text, len(prefix) + 1
