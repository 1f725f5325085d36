"""Dense per-message features of the stage model and the weights that read them.

Next to its hashed character n-grams, the stage model sees for each message:

- its multilingual sentence embedding (:mod:`scamnet.analyze.embeddings`),
  which carries a stage across languages and wordings;
- the embedding of the message before it in the conversation, because a
  reply means what it answers ("paid" after "prepay 100 USDT for the next
  task" is a deposit, after "dinner was lovely" it is nothing);
- which stages' hand-written cue phrases (:mod:`scamnet.analyze.stage_cues`)
  it matches, as 0/1 indicators: the phrases become evidence the model
  weighs, not a verdict.

Each block is multiplied by a fixed scale before the linear layer, so one L2
penalty suits blocks whose raw values differ in size (an embedding's 384
coordinates are about 0.05 each, an indicator is 0 or 1); the scales were
chosen by cross-validation and are stored with the weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from scamnet.analyze.embeddings import SentenceEncoder
from scamnet.analyze.stage_cues import find_cues
from scamnet.errors import ConfigError

__all__ = [
    "CUE_SCALE",
    "EMBEDDING_SCALE",
    "PREVIOUS_SCALE",
    "CueStages",
    "DenseStageHead",
    "cue_indicators",
    "dense_features",
]

#: Scale of a message's own embedding (cross-validated: 1, 2, 3, 5 and 8 tried).
EMBEDDING_SCALE = 3.0
#: Scale of the previous message's embedding (0, 1, 2 and 3 tried; a next-message
#: block was tried too and did not help).
PREVIOUS_SCALE = 2.0
#: Scale of the cue phrase indicators (0.3, 0.5 and 1 tried, 0.5 best with n-grams).
CUE_SCALE = 0.5
#: The stages whose cue phrases become indicators, in order.
CueStages = tuple[str, ...]


def cue_indicators(texts: Sequence[str], stages: CueStages) -> npt.NDArray[np.float64]:
    """1.0 where a text matches a cue phrase of that stage, shape ``(n, len(stages))``."""
    out = np.zeros((len(texts), len(stages)), dtype=np.float64)
    col = {s: j for j, s in enumerate(stages)}
    for i, text in enumerate(texts):
        for c in find_cues(text):
            if c.stage in col:
                out[i, col[c.stage]] = 1.0
    return out


def dense_features(texts: Sequence[str], encoder: SentenceEncoder, stages: CueStages, *,
                   embedding_scale: float = EMBEDDING_SCALE,
                   previous_scale: float = PREVIOUS_SCALE,
                   cue_scale: float = CUE_SCALE) -> npt.NDArray[np.float64]:
    """The dense block for the messages of ONE conversation, in timeline order.

    Row ``i`` is ``[embedding(i), embedding(i - 1), cue indicators(i)]``,
    scaled; the first message has no predecessor (zeros).
    """
    emb = np.asarray(encoder.encode(texts), dtype=np.float64).reshape(len(texts), encoder.dim)
    prev = np.zeros_like(emb)
    prev[1:] = emb[:-1]
    return np.hstack([emb * embedding_scale, prev * previous_scale,
                      cue_indicators(texts, stages) * cue_scale])


@dataclass(frozen=True)
class DenseStageHead:
    """Weights from :func:`dense_features` to the stage model's outputs."""

    encoder: str
    dim: int
    stages: CueStages
    weights: npt.NDArray[np.float64]
    embedding_scale: float = EMBEDDING_SCALE
    previous_scale: float = PREVIOUS_SCALE
    cue_scale: float = CUE_SCALE

    def logits(self, texts: Sequence[str], encoder: SentenceEncoder) -> npt.NDArray[np.float64]:
        """This head's share of the logits, shape ``(len(texts), outputs)``."""
        if encoder.dim != self.dim:
            raise ConfigError(f"stage model expects {self.dim}-dimensional embeddings "
                              f"({self.encoder}), the encoder gives {encoder.dim}")
        x = dense_features(texts, encoder, self.stages, embedding_scale=self.embedding_scale,
                           previous_scale=self.previous_scale, cue_scale=self.cue_scale)
        out: npt.NDArray[np.float64] = x @ self.weights
        return out

    def to_meta(self) -> dict[str, Any]:
        return {"encoder": self.encoder, "dim": self.dim, "cue_stages": list(self.stages),
                "scales": {"embedding": self.embedding_scale, "previous": self.previous_scale,
                           "cues": self.cue_scale},
                "weights": [[round(float(v), 6) for v in row] for row in self.weights]}

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any], outputs: int) -> DenseStageHead:
        """Read the ``dense`` entry of a stage model's JSON; bad shapes are a ConfigError."""
        try:
            dim = int(meta["dim"])
            stages = tuple(str(s) for s in meta["cue_stages"])
            scales = meta["scales"]
            w = np.asarray(meta["weights"], dtype=np.float64)
            head = cls(str(meta["encoder"]), dim, stages, w, float(scales["embedding"]),
                       float(scales["previous"]), float(scales["cues"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"bad dense part in the stage model: {exc}") from exc
        if w.shape != (2 * dim + len(stages), outputs):
            raise ConfigError(f"stage model dense weights have shape {w.shape}, expected "
                              f"{(2 * dim + len(stages), outputs)}")
        return head
