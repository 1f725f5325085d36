"""Pig-butchering stage of a conversation, from per-message cues over its timeline.

Each message gets a probability for each of seven stage cues plus "none" from
a linear model over three kinds of evidence (:mod:`scamnet.analyze.stage_features`):
hashed character n-grams, the multilingual sentence embeddings of the message
and of the one before it, and which stages' cue phrases it matches. A message
shows the stage whose cue is most probable, when that is not "none" and
reaches :data:`CUE_THRESHOLD`. The conversation's stage is the furthest stage
shown with enough support (:data:`STAGE_SUPPORT`), because the scheme only
moves forward: a victim asked to pay "tax" to withdraw has deposited before,
even if that message is missing. A money stage (pitch or later) needs more
than one weak message: since 2.7.0 a lone message showing it below
:attr:`StageSupport.strong` does not make the stage (it stays listed in the
evidence), because in long benign chats about money one such message is the
usual false alarm, and in scam chats a stray late cue (a "I'd never push
you" read as pressure) overrode the stage many messages showed. The moment
it turned to money is the first message with a pitch-or-later cue, when the
stage is a money stage.

Not every scam has that lifecycle. A conversation the report analysis flags
as a recruitment lure, an impersonation or phishing (types in
:data:`NO_LIFECYCLE_TYPES`) is at ``contact`` unless it shows a deposit, fake
profit or blocked withdrawal: police threats are not the ``pressure`` stage
of a pig-butchering chat, nor is a job offer its ``pitch``
(:func:`outside_lifecycle`; the project's labelling convention since the
third blind set, see docs/analysis.md).

Models without the dense part (character n-grams only, as ``scamnet train``
built before version 2) still load and score.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from scamnet.analyze.embeddings import SentenceEncoder, default_encoder
from scamnet.analyze.linear import LinearNgramModel, Reason, load_model
from scamnet.analyze.stage_cues import find_cues
from scamnet.analyze.stage_features import DenseStageHead
from scamnet.errors import ConfigError, InputProblem, InvalidInputError
from scamnet.model.records import Message

__all__ = [
    "CONVERSATION_LABELS",
    "CUE_LABELS",
    "MONEY_STAGES",
    "NO_LIFECYCLE_TYPES",
    "STAGES",
    "ConversationFixture",
    "StageEvidence",
    "StageModel",
    "STAGE_SUPPORT",
    "StageResult",
    "StageSupport",
    "default_stage_model",
    "message_cues",
    "outside_lifecycle",
    "read_conversations",
    "stage_conversation",
    "stage_from_cues",
    "supported_stage",
]

#: Stages in the order the scheme moves through them.
STAGES: tuple[str, ...] = (
    "contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure",
)
#: Labels a curated conversation's header may give it.
CONVERSATION_LABELS = ("benign", "scam")
#: Stages where money is on the table.
MONEY_STAGES = frozenset(STAGES[2:])
#: Stages that say money changed hands: a conversation showing one follows the
#: lifecycle whatever its scam type.
PAID_STAGES = frozenset({"deposit", "profit", "withdrawal_blocked"})
#: Scam types (the report analysis's conversation types) with no pig-butchering
#: lifecycle: only their unsolicited opener is a stage, ``contact``.
NO_LIFECYCLE_TYPES = frozenset({"recruitment", "impersonation", "phishing"})
#: The stage model's outputs: "none" then the stages.
CUE_LABELS: tuple[str, ...] = ("none", *STAGES)
MODEL_FILE = "stages.json"
#: A message shows a stage when that cue's probability reaches this
#: (cross-validated on the development conversations: 0.4, 0.5 and 0.6 tried
#: until 2.1.0, which used 0.5; for 2.2.0, 0.5 / 0.55 / 0.6 gave stage macro-F1
#: 0.823 / 0.823 / 0.816 with set folds and 0.818 / 0.830 / 0.815 with scenario
#: folds, and 33 / 28 / 25 of 206 benign conversations a money stage (set folds):
#: 0.55 loses nothing and raises fewer false alarms).
CUE_THRESHOLD = 0.55


@dataclass(frozen=True)
class StageSupport:
    """When a money stage shown by some messages makes a conversation's stage.

    A money stage counts when at least ``messages`` messages show it (with
    ``later``, it or a later stage: a blocked withdrawal implies the deposit
    before it), or when one message shows it with probability ``strong`` or
    more. Contact and rapport count whenever shown: they raise no money
    alarm. ``strong`` 0 counts every shown stage (the rule until 2.6.0).
    """

    strong: float = 0.0
    messages: int = 2
    later: bool = False

    @property
    def name(self) -> str:
        if self.strong <= 0.0:
            return "furthest shown"
        return (f"{self.messages} messages{' at or after' if self.later else ''} or one "
                f">= {self.strong:g}")


#: The support rule of the shipped decoding (chosen by cross-validation on the
#: development conversations, docs/analysis.md, round 9; every shown stage
#: counted until 2.6.0).
STAGE_SUPPORT = StageSupport(strong=0.8, messages=2, later=False)


def supported_stage(shown: Sequence[tuple[str, float]],
                    support: StageSupport = STAGE_SUPPORT) -> str | None:
    """The conversation's stage from the (stage, probability) of each message
    that shows one: the furthest stage with ``support`` (None if none has)."""
    for k in range(len(STAGES) - 1, -1, -1):
        stage = STAGES[k]
        scores = [p for s, p in shown if s == stage]
        if not scores:
            continue
        if stage not in MONEY_STAGES or max(scores) >= support.strong:
            return stage
        n = (sum(1 for s, _ in shown if STAGES.index(s) >= k) if support.later
             else len(scores))
        if n >= support.messages:
            return stage
    return None


@dataclass(frozen=True)
class StageEvidence:
    """One message that shows a stage: its index, text, cue probability and the
    n-grams that drove it."""

    index: int
    stage: str
    score: float
    text: str
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "stage": self.stage, "score": round(self.score, 4),
                "text": self.text[:500], "reasons": [r.to_dict() for r in self.reasons]}


@dataclass(frozen=True)
class StageResult:
    """The stage a conversation reached, when it turned to money, and why.

    ``stage`` is None when no message shows any stage cue with support
    (:data:`STAGE_SUPPORT`). ``evidence`` maps each stage found to the
    messages that show it, in timeline order, with support or not.
    """

    stage: str | None
    turned_to_money_at: int | None
    evidence: dict[str, tuple[StageEvidence, ...]]
    messages: int
    model: str
    version: str
    #: ``type:<scam type>`` when the conversation's scam type, not the furthest
    #: cue, decided the stage (:func:`outside_lifecycle`); None otherwise.
    decided_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "stage_index": STAGES.index(self.stage) if self.stage else None,
            "turned_to_money_at": self.turned_to_money_at,
            "messages": self.messages,
            "stages": {s: [e.to_dict() for e in ev] for s, ev in self.evidence.items()},
            "decided_by": self.decided_by,
            "model": self.model,
            "model_version": self.version,
        }


class StageModel:
    """The per-message stage cue model (outputs: :data:`CUE_LABELS`).

    ``model`` holds the n-gram weights and the metadata; when the metadata
    has a ``dense`` entry, its head adds the sentence-embedding and cue-phrase
    terms, computed with ``encoder`` (default: the shared e5 encoder, loaded
    on first use).
    """

    def __init__(self, model: LinearNgramModel, encoder: SentenceEncoder | None = None) -> None:
        if model.weights.shape[1] != len(CUE_LABELS):
            raise ConfigError(f"stage model has {model.weights.shape[1]} outputs, "
                              f"expected {len(CUE_LABELS)}")
        self.model = model
        dense = model.meta.get("dense")
        self.dense = (DenseStageHead.from_meta(dense, len(CUE_LABELS))
                      if isinstance(dense, dict) else None)
        self._encoder = encoder

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def encoder(self) -> SentenceEncoder | None:
        """The sentence encoder the dense head reads (None for an n-gram-only model)."""
        if self.dense is None:
            return None
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    @classmethod
    def load(cls, json_path: Path | None = None,
             encoder: SentenceEncoder | None = None) -> StageModel:
        return cls(load_model(json_path, MODEL_FILE, "stage model"), encoder)

    def cue_probabilities(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Softmax over :data:`CUE_LABELS` for each text, shape (n, 8).

        ``texts`` are the messages of one conversation in timeline order: each
        message is read together with the one before it.
        """
        logits = self.model.logits(texts).astype(np.float64)
        enc = self.encoder
        if self.dense is not None and enc is not None and len(texts):
            logits += self.dense.logits(texts, enc)
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        out: np.ndarray[Any, np.dtype[np.float64]] = e / e.sum(axis=1, keepdims=True)
        return out


@functools.cache
def default_stage_model() -> StageModel:
    """The shipped stage model, loaded on first call and kept."""
    return StageModel.load()


def stage_conversation(messages: Sequence[Message | str], *, model: StageModel | None = None,
                       explain: int = 3) -> StageResult:
    """Find the stage a conversation reached, with the messages that show it.

    System messages and empty texts carry no cue. Message indices in the result
    are positions in ``messages`` (or ``Message.index`` when given Messages).
    """
    m = model or default_stage_model()
    idx: list[int] = []
    texts: list[str] = []
    for pos, msg in enumerate(messages):
        if isinstance(msg, Message):
            if msg.system or not msg.text.strip():
                continue
            idx.append(msg.index)
            texts.append(msg.text)
        else:
            if not msg.strip():
                continue
            idx.append(pos)
            texts.append(msg)
    cues = message_cues(texts, model=m, explain=explain)
    return stage_from_cues(idx, texts, cues, len(messages), m)


def stage_from_cues(indices: Sequence[int], texts: Sequence[str],
                    cues: Sequence[tuple[str | None, float, tuple[Reason, ...]]],
                    n_messages: int, model: StageModel) -> StageResult:
    """Aggregate per-message cues (from :func:`message_cues`) over the timeline.

    The stage is the furthest one with :data:`STAGE_SUPPORT`; every shown
    stage stays listed in ``evidence``, including one without support.
    """
    evidence: dict[str, list[StageEvidence]] = {}
    money_at: int | None = None
    shown: list[tuple[str, float]] = []
    for i, text, (stage, score, reasons) in zip(indices, texts, cues, strict=True):
        if stage is None:
            continue
        evidence.setdefault(stage, []).append(StageEvidence(i, stage, score, text, reasons))
        shown.append((stage, score))
        if stage in MONEY_STAGES and money_at is None:
            money_at = i
    reached = [s for s in STAGES if s in evidence]
    stage = supported_stage(shown)
    return StageResult(
        stage=stage,
        turned_to_money_at=money_at if stage in MONEY_STAGES else None,
        evidence={s: tuple(evidence[s]) for s in reached},
        messages=n_messages,
        model=model.name, version=model.version)


def outside_lifecycle(result: StageResult, scam_type: str, p_scam: float,
                      opener: tuple[int, str] | None) -> StageResult:
    """The stage of a conversation flagged as a scam of ``scam_type``.

    Unchanged for lifecycle scams, and for any conversation that shows a
    deposit, fake profit or blocked withdrawal with support
    (:data:`STAGE_SUPPORT`). A recruitment lure,
    impersonation or phishing chat is otherwise at ``contact``: the cues of
    later stages its messages show (a job offer read as a pitch, police threats
    read as pressure) stay listed in ``evidence`` but do not make its stage,
    and nothing turned to money. ``opener`` is the first message (index, text):
    it stands as the contact when no message showed a contact cue. Call it
    only for conversations flagged as scams.
    """
    if scam_type not in NO_LIFECYCLE_TYPES or opener is None:
        return result
    paid = [(s, e.score) for s in PAID_STAGES.intersection(result.evidence)
            for e in result.evidence[s]]
    if supported_stage(paid) is not None:
        return result
    evidence = dict(result.evidence)
    if "contact" not in evidence:
        index, text = opener
        why = Reason(f"type:{scam_type}", p_scam, 0, 0, "")
        evidence["contact"] = (StageEvidence(index, "contact", p_scam, text, (why,)),)
    ordered = {s: evidence[s] for s in STAGES if s in evidence}
    return replace(result, stage="contact", turned_to_money_at=None, evidence=ordered,
                   decided_by=f"type:{scam_type}")


def message_cues(texts: Sequence[str], *, model: StageModel | None = None,
                 explain: int = 3) -> list[tuple[str | None, float, tuple[Reason, ...]]]:
    """The stage cue of each message of one conversation: (stage or None, score, reasons).

    ``texts`` are in timeline order (each message is read with the one
    before it). A message shows the stage whose cue is most probable when
    that is not "none" and reaches :data:`CUE_THRESHOLD`. Reasons are the
    cue phrases of that stage found in the message, then the n-grams that
    pushed the model towards it.
    """
    m = model or default_stage_model()
    out: list[tuple[str | None, float, tuple[Reason, ...]]] = []
    if not texts:
        return out
    probs = m.cue_probabilities(texts)
    for k, text in enumerate(texts):
        j = int(np.argmax(probs[k]))
        if j == 0 or probs[k, j] < CUE_THRESHOLD:
            out.append((None, float(probs[k, j]), ()))
            continue
        stage = CUE_LABELS[j]
        if not explain:
            out.append((stage, float(probs[k, j]), ()))
            continue
        phrases = [c for c in find_cues(text) if c.stage == stage][:explain]
        reasons = [Reason(f"cue:{stage}", 1.0, c.start, c.end, c.text) for c in phrases]
        coef = [-1.0 / (len(CUE_LABELS) - 1)] * len(CUE_LABELS)
        coef[j] = 1.0  # explain this cue against the mean of the others
        if len(reasons) < explain:
            reasons.extend(m.model.explain(text, coef, 1.0, top=explain - len(reasons)))
        out.append((stage, float(probs[k, j]), tuple(reasons)))
    return out


@dataclass(frozen=True)
class ConversationFixture:
    """A curated conversation: id, language, and (sender, cue label, text) per message.

    ``label`` is the conversation's own label (``benign`` or ``scam``) when its
    header gives one (the blind set does; the older fixtures are all scams).
    """

    id: str
    language: str
    messages: tuple[tuple[str, str, str], ...]
    file: str
    line: int
    label: str | None = None

    @property
    def stage(self) -> str | None:
        cues = [lab for _, lab, _ in self.messages if lab in STAGES]
        return max(cues, key=STAGES.index) if cues else None

    @property
    def turned_to_money_at(self) -> int | None:
        for i, (_, lab, _) in enumerate(self.messages):
            if lab in MONEY_STAGES:
                return i
        return None


def read_conversations(path: Path) -> list[ConversationFixture]:
    """Read a curated ``conversations.txt`` (format in its header comment).

    Raises :class:`InvalidInputError` listing every bad line.
    """
    text = path.read_text(encoding="utf-8")
    out: list[ConversationFixture] = []
    problems: list[InputProblem] = []
    cur: tuple[str, str, int, str | None] | None = None
    msgs: list[tuple[str, str, str]] = []

    def flush() -> None:
        if cur is not None:
            if not msgs:
                problems.append(InputProblem(str(path), "conversation has no messages",
                                             line=cur[2], record=cur[0]))
            else:
                out.append(ConversationFixture(cur[0], cur[1], tuple(msgs), path.name, cur[2],
                                               cur[3]))

    for n, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            flush()
            parts = line[3:].split()
            if len(parts) not in (2, 3) or (len(parts) == 3
                                            and parts[2] not in CONVERSATION_LABELS):
                problems.append(InputProblem(str(path), "expected '## <id> <language>' or "
                                             "'## <id> <language> <benign|scam>'", line=n))
                cur = None
            else:
                cur = (parts[0], parts[1], n, parts[2] if len(parts) == 3 else None)
            msgs = []
            continue
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if cur is None or len(fields) != 3:
            problems.append(InputProblem(str(path), "expected sender<TAB>cue<TAB>text "
                                         "inside a conversation", line=n))
            continue
        sender, cue, body = fields
        if cue not in CUE_LABELS:
            problems.append(InputProblem(str(path), f"unknown stage cue {cue!r}", line=n,
                                         field="cue"))
            continue
        msgs.append((sender, cue, body))
    flush()
    if problems:
        raise InvalidInputError("bad conversation fixtures", problems)
    return out
