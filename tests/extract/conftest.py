"""Shared fixtures for the extraction tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

#: ../shared/data next to the repository (read-only real data sets).
DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip("../shared/data is not available")
    return DATA


# ``pytest --hypothesis-profile=extract-thorough tests/extract`` runs ten times
# more examples per property (a few minutes) before a release.
settings.register_profile("extract-thorough", max_examples=1000, deadline=None)
