"""Link engines: ``local`` (numpy/scipy, default) and ``spark`` (optional extra)."""

from __future__ import annotations

from scamnet.engines.base import Engine
from scamnet.errors import ConfigError

__all__ = ["ENGINES", "Engine", "get_engine"]

ENGINES: tuple[str, ...] = ("local", "spark")


def get_engine(name: str) -> Engine:
    """The engine called ``name``; Spark is imported only when asked for."""
    if name == "local":
        from scamnet.engines.local import LocalEngine

        return LocalEngine()
    if name == "spark":
        from scamnet.engines.spark import SparkEngine

        engine: Engine = SparkEngine()
        return engine
    raise ConfigError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
