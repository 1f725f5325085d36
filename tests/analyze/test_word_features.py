"""Word n-grams, script groups and script copies (the scam head's features)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scamnet.analyze.features import (
    MAX_FEATURE_CHARS,
    FeatureSpec,
    hash_features,
    hash_ngrams,
    script_groups,
)

NB = 1 << 14
WORDS = FeatureSpec(char_sizes=(), word_sizes=(1, 2))
FULL = FeatureSpec(word_sizes=(1, 2), script_copies=True)


def _spans(text: str, spec: FeatureSpec) -> list[str]:
    g = hash_features([text], NB, spec)
    return sorted(text[s:s + n] for s, n in zip(g.start.tolist(), g.length.tolist(),
                                                 strict=True))


def test_plain_spec_is_exactly_the_character_ngrams() -> None:
    texts = ["Call 0906 now", "", "สินเชื่อ ปล่อยกู้"]
    a = hash_features(texts, NB, FeatureSpec())
    b = hash_ngrams(texts, NB)
    assert a.bucket.tolist() == b.bucket.tolist()
    assert np.allclose(a.value, b.scale[b.row])


def test_words_and_word_pairs_with_their_spans() -> None:
    assert _spans("Win a FREE prize, now!", WORDS) == sorted(
        ["Win", "a", "FREE", "prize", "now", "Win a", "a FREE", "FREE prize", "prize, now"])


def test_words_fold_case_and_digits_like_characters() -> None:
    def buckets(text: str) -> list[int]:
        return sorted(hash_features([text], NB, WORDS).bucket.tolist())

    assert buckets("Send 500 USD") == buckets("send 123 usd")
    assert buckets("send 500 usd") != buckets("send 500 eur")
    # Word order matters for pairs only.
    assert buckets("win prize") != buckets("prize win")


def test_word_values_do_not_depend_on_character_count() -> None:
    g = hash_features(["aaaa bbbb"], NB, FeatureSpec(word_sizes=(1, 2)))
    n_chars = int(hash_ngrams(["aaaa bbbb"], NB).counts[0])
    # "aaaa" is both a character 4-gram and a word; the pair "aaaa bbbb" a word pair.
    at_start = sorted(g.value[(g.length == 4) & (g.start == 0)].tolist())
    assert np.allclose(at_start, sorted([1 / np.sqrt(n_chars), 1 / np.sqrt(3)]))
    assert np.isclose(g.value[g.length == 9][0], 1 / np.sqrt(3))


def test_unspaced_scripts_give_no_words() -> None:
    assert _spans("สินเชื่อปล่อยกู้", WORDS) == []
    assert _spans("你好世界", WORDS) == []
    assert _spans("สินเชื่อ line.me", WORDS) == sorted(["line", "me", "line.me"])


def test_script_groups() -> None:
    texts = ["โอนเงินด่วน http://bit.ly/x", "您的账户已冻结", "Quý khách được nhận quà",
             "Selamat anda menang", "Win cash now", "", "Khong co gi",
             "ดูหนัง Netflix Disney Amazon Prime Video"]
    assert script_groups(texts).tolist() == [0, 1, 2, 3, 3, 3, 3, 3]
    # scheme 1 (models up to 1.4.0) puts Japanese under Han and Korean,
    # Burmese and Khmer with everything else; scheme 2 gives each its own group
    more = ["口座が凍結されました", "株で儲ける方法があります", "투자 수익 보장", "ငွေလွှဲပါ",
            "ផ្ញើប្រាក់", "中文 あ", "Visit 한국 shop online today please"]
    assert script_groups(more).tolist() == [1, 1, 3, 3, 3, 1, 3]
    assert script_groups(more, 2).tolist() == [4, 4, 5, 6, 7, 1, 3]
    assert script_groups(texts, 2).tolist() == script_groups(texts).tolist()


def test_script_copies_double_every_feature_and_add_one_bias() -> None:
    text = "Win cash now"
    plain = hash_features([text], NB, FeatureSpec(word_sizes=(1, 2)))
    full = hash_features([text], NB, FULL)
    assert full.counts[0] == 2 * plain.counts[0] + 1
    bias = full.length == 0
    assert bias.sum() == 1 and full.value[bias][0] == 1.0
    # Texts in other groups get other private copies and another bias.
    other = hash_features(["ดูหนัง"], NB, FULL)
    assert set(other.bucket[other.length == 0]) != set(full.bucket[bias])


def test_empty_texts_have_no_features_at_all() -> None:
    g = hash_features(["", "  ", "!"], NB, FULL)
    assert g.counts[:2].tolist() == [0, 0]
    assert g.counts[2] > 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=6))
def test_batch_equals_one_by_one_and_spans_in_bounds(texts: list[str]) -> None:
    g = hash_features(texts, NB, FULL)
    assert g.counts.sum() == g.bucket.size
    assert (np.diff(g.row) >= 0).all()  # sorted by text: the scorer relies on it
    for i, t in enumerate(texts):
        one = hash_features([t], NB, FULL)
        sel = g.row == i
        batch = sorted(zip(g.bucket[sel].tolist(), g.start[sel].tolist(),
                           g.length[sel].tolist(), g.value[sel].round(6).tolist(),
                           strict=True))
        alone = sorted(zip(one.bucket.tolist(), one.start.tolist(), one.length.tolist(),
                           one.value.round(6).tolist(), strict=True))
        assert batch == alone
        ends = g.start[sel] + g.length[sel]
        assert (g.start[sel] >= -1).all()
        assert (ends <= min(len(t), MAX_FEATURE_CHARS) + 1).all()


def test_long_single_line_is_cut() -> None:
    g = hash_features(["word " * MAX_FEATURE_CHARS], NB, FULL)
    assert int((g.start + g.length).max()) <= MAX_FEATURE_CHARS + 1


def test_spec_round_trips_through_model_metadata() -> None:
    assert FeatureSpec.from_meta({"features": FULL.to_dict()}) == FULL
    folded = FeatureSpec(word_sizes=(1,), fold_accents=True)
    assert FeatureSpec.from_meta({"features": folded.to_dict()}) == folded
    # Models written before word features name only their character n-grams.
    assert FeatureSpec.from_meta({"ngram_sizes": [1, 2, 3]}) == FeatureSpec((1, 2, 3))
    assert FeatureSpec.from_meta({}) == FeatureSpec()


def test_accent_folding_joins_vietnamese_typed_with_and_without_marks() -> None:
    spec = FeatureSpec(char_sizes=(), word_sizes=(1, 2), fold_accents=True)

    def buckets(text: str, s: FeatureSpec) -> list[int]:
        return sorted(hash_features([text], NB, s).bucket.tolist())

    marked, bare = "Quý khách đã trúng thưởng", "Quy khach da trung thuong"
    assert buckets(marked, spec) == buckets(bare, spec)
    assert buckets(marked, WORDS) != buckets(bare, WORDS)
    # Folding touches words only; spans still point at the original letters.
    assert _spans(marked, spec) == _spans(marked, WORDS)
    assert buckets("cafe", spec) != buckets("cake", spec)


def test_script_group_scheme_is_recorded_and_checked() -> None:
    two = FeatureSpec((3,), (1,), True, False, script_groups=2)
    assert two.to_dict()["script_groups"] == 2
    assert FeatureSpec.from_meta({"features": two.to_dict()}) == two
    # scheme 1 is not written, so models built before the option keep their metadata
    assert "script_groups" not in FeatureSpec().to_dict()
    assert FeatureSpec.from_meta({"features": FeatureSpec().to_dict()}).script_groups == 1
    with pytest.raises(ValueError, match="script group scheme"):
        FeatureSpec(script_groups=3)
    # the scheme changes the copies' buckets of a Japanese text, not a Thai one's
    ja, th = "口座が凍結されました", "โอนเงินด่วน"
    one = FeatureSpec((3,), (), True, False)
    assert (hash_features([ja], NB, one).bucket.tolist()
            != hash_features([ja], NB, two).bucket.tolist())
    assert (hash_features([th], NB, one).bucket.tolist()
            == hash_features([th], NB, two).bucket.tolist())
