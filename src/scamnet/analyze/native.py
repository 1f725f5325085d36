"""The C kernels of the n-gram models, and the switch to the Python reference.

:mod:`scamnet.analyze._linear` (built by ``pip install``) hashes a batch's
n-grams, scores them and picks the spans behind the reasons. Each kernel has a
Python/numpy twin in :mod:`~scamnet.analyze.features` or
:mod:`~scamnet.analyze.linear` that gives identical results; the twins run when
the module is not built (a source checkout used without installing), when
``SCAMNET_PURE_PYTHON`` is set, or when a test switches the kernels off to
compare the two.
"""

from __future__ import annotations

from typing import Any

from scamnet.settings import CompiledSwitch

__all__ = ["AVAILABLE", "enabled", "kernels", "set_enabled"]

_linear: Any
try:
    from scamnet.analyze import _linear
except ImportError:  # not built: the Python twins run
    _linear = None

_switch = CompiledSwitch(_linear)
#: True when the C module is built.
AVAILABLE = _switch.available
#: True when the C kernels run.
enabled = _switch.enabled
#: Run the C kernels (if built) or the Python twins; returns the previous setting.
set_enabled = _switch.set_enabled


def kernels() -> Any:
    """The C module when it is built and switched on, else None."""
    return _switch.module if enabled() else None
