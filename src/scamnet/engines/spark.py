"""The Apache Spark engine: the link job's graph primitives on Spark DataFrames.

The way past one machine: the same job as the local engine, with connected
components computed by iterative min-label propagation over plain DataFrames
(no GraphFrames, whose JAR cannot be fetched offline). Labels are the smallest
report number of each component, so the result is identical to the local
engine's. pyspark is an optional extra (``pip install 'scamnet[spark]'``),
imported only when this engine is used.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from scamnet.engines.base import IntArray
from scamnet.errors import BackendError, ConfigError

__all__ = ["SparkEngine"]

_HINT = "the spark engine needs pyspark: pip install 'scamnet[spark]' (and Java 17)"


def _pyspark() -> Any:
    try:
        import pyspark.sql
    except ImportError as exc:
        raise ConfigError(_HINT) from exc
    return pyspark.sql


class SparkEngine:
    """Runs components on Spark; by default a local[2] session, or the one given."""

    name = "spark"

    def __init__(self, session: Any = None, *, master: str = "local[2]",
                 max_iterations: int = 500) -> None:
        self._session = session
        self._master = master
        self._max_iterations = max_iterations

    @property
    def session(self) -> Any:
        if self._session is None:
            sql = _pyspark()
            try:
                self._session = (sql.SparkSession.builder.master(self._master)
                                 .appName("scamnet-link")
                                 .config("spark.ui.enabled", "false")
                                 .config("spark.sql.shuffle.partitions", "1")
                                 .config("spark.ui.showConsoleProgress", "false")
                                 .config("spark.sql.adaptive.enabled", "false")
                                 .config("spark.default.parallelism", "1")
                                 .getOrCreate())
                self._session.sparkContext.setLogLevel("ERROR")
            except Exception as exc:  # Java missing or failing to start
                raise BackendError(f"cannot start Spark ({self._master}): {exc}") from exc
        return self._session

    def components(self, n_reports: int, rep: IntArray, ind: IntArray) -> IntArray:
        out = np.arange(n_reports, dtype=np.int64)
        if len(rep) == 0:
            return out
        edges = self.session.createDataFrame(
            list(zip(rep.tolist(), ind.tolist(), strict=True)), "rep long, ind long")
        labels = self.components_dataframe(edges).collect()
        if labels:
            r = np.fromiter((row[0] for row in labels), dtype=np.int64, count=len(labels))
            lab = np.fromiter((row[1] for row in labels), dtype=np.int64, count=len(labels))
            out[r] = lab
        return out

    def components_dataframe(self, edges: Any) -> Any:
        """Components of a report–indicator edge DataFrame (columns ``rep``, ``ind``).

        Returns a DataFrame ``(rep, label)`` where ``label`` is the smallest
        ``rep`` of the component. Each round pushes the smallest label from
        reports to indicators and back; it stops when no label shrinks.
        """
        f = _pyspark().functions
        edges = edges.select("rep", "ind").distinct().cache()
        labels = edges.select("rep").distinct().withColumn("label", f.col("rep")).cache()
        before = labels.agg(f.sum("label")).first()[0]
        for rnd in range(1, self._max_iterations + 1):
            ind_label = (edges.join(labels, "rep").groupBy("ind")
                         .agg(f.min("label").alias("label")))
            new = (edges.join(ind_label, "ind").groupBy("rep")
                   .agg(f.min("label").alias("label")))
            # Cut the lineage now and then so plans stay small on long chains.
            new = new.localCheckpoint() if rnd % 8 == 0 else new.cache()
            # Labels only shrink, so an unchanged label sum means no change at all.
            after = new.agg(f.sum("label")).first()[0]
            labels.unpersist()
            labels = new
            if before == after:
                edges.unpersist()
                return labels
            before = after
        raise BackendError(f"Spark components did not converge in {self._max_iterations} rounds")
