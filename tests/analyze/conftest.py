"""Fixtures for the analysis tests: repository paths and the shipped models."""

from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.analyze.classifier import ScamClassifier, default_classifier
from scamnet.analyze.stages import StageModel, default_stage_model

REPO = Path(__file__).resolve().parents[2]
CURATED = REPO / "data" / "conversations"
SHARED = REPO / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def classifier() -> ScamClassifier:
    return default_classifier()


@pytest.fixture(scope="session")
def stage_model() -> StageModel:
    return default_stage_model()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED
