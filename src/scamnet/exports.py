"""Lazy package exports: a package names its public objects without importing them.

``scamnet.analyze`` and ``scamnet.screen`` re-export names from their
submodules, but importing the package must stay cheap: the store imports
their table modules, and the CLI imports single submodules. Each package maps
a name to its submodule and resolves it on first attribute access.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

__all__ = ["lazy_attribute"]


def lazy_attribute(package: str, where: Mapping[str, str], name: str) -> Any:
    """``name`` from the submodule of ``package`` that ``where`` names, or AttributeError."""
    if name in where:
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)
    raise AttributeError(f"module {package!r} has no attribute {name!r}")
