"""One contract for every engine: identical networks on the same input."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import numpy as np
import pytest
from link_synth import make

from scamnet.engines import get_engine
from scamnet.engines.base import Engine
from scamnet.errors import ConfigError
from scamnet.link import assign_ids, cluster_observations

HAVE_SPARK = importlib.util.find_spec("pyspark") is not None


@pytest.fixture(scope="module", params=["local", "spark"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    if request.param == "spark" and not HAVE_SPARK:
        pytest.skip("pyspark is not installed (pip install 'scamnet[spark]')")
    eng = get_engine(request.param)
    yield eng
    session = getattr(eng, "_session", None)
    if session is not None:
        session.stop()


def test_components_primitive(engine: Engine) -> None:
    # reports 0-1 share indicator 0, 2-3 share 1, 3-5 share 2; 4 and 6 alone.
    rep = np.array([0, 1, 2, 3, 3, 5], dtype=np.int64)
    ind = np.array([0, 0, 1, 1, 2, 2], dtype=np.int64)
    labels = engine.components(7, rep, ind)
    assert labels.tolist() == [0, 0, 2, 2, 4, 2, 6]
    assert engine.components(3, rep[:0], ind[:0]).tolist() == [0, 1, 2]


def test_same_networks_and_ids_as_local(engine: Engine) -> None:
    s = make(seed=2, networks=6)
    local = cluster_observations(s.table)
    other = cluster_observations(s.table, engine=engine)
    assert other.engine == engine.name
    assert other.partition() == local.partition()
    assert assign_ids(other).by_label == assign_ids(local).by_label
    assert [x.to_json() for x in other.suppressed] == [x.to_json() for x in local.suppressed]


def test_unknown_engine() -> None:
    with pytest.raises(ConfigError, match="unknown engine"):
        get_engine("dask")


def test_spark_missing_gives_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from scamnet.engines.spark import SparkEngine

    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(ConfigError, match=r"pip install 'scamnet\[spark\]'"):
        SparkEngine().components(2, np.array([0, 1]), np.array([0, 0]))
