"""Settings, read once from ``SCAMNET_*`` environment variables and validated."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

from scamnet.errors import ConfigError

__all__ = ["DEFAULT_DB_URL", "CompiledSwitch", "Settings", "db_url_from", "phone_region",
           "pure_python_forced"]

DEFAULT_DB_URL = "sqlite:///scamnet.db"

_SCHEMES = ("sqlite", "postgresql")


def pure_python_forced() -> bool:
    """True when ``SCAMNET_PURE_PYTHON`` asks for the Python code paths instead
    of the compiled modules (``scamnet.extract._scan``, ``scamnet.analyze._linear``)."""
    return os.environ.get("SCAMNET_PURE_PYTHON", "") not in ("", "0")


class CompiledSwitch:
    """Whether an optional compiled module runs or its Python twin does.

    On when the module is built (``module`` is not None) and
    ``SCAMNET_PURE_PYTHON`` is not set; tests and benchmarks switch it at run
    time to compare the two.
    """

    def __init__(self, module: ModuleType | None) -> None:
        self.module = module
        self.available = module is not None
        self._on = self.available and not pure_python_forced()

    def enabled(self) -> bool:
        return self._on

    def set_enabled(self, on: bool) -> bool:
        """Run the compiled module (if built) or not; returns the previous setting."""
        previous = self._on
        self._on = bool(on) and self.available
        return previous


def db_url_from(value: str) -> str:
    """Turn a ``--db``/``SCAMNET_DB`` value into an SQLAlchemy URL.

    A bare path is a SQLite file; ``postgres://`` and ``postgresql://`` URLs
    use the psycopg 3 driver. Anything else is a :class:`ConfigError`.
    """
    value = value.strip()
    if not value:
        raise ConfigError("database URL is empty")
    if "://" not in value:
        return f"sqlite:///{value}"
    scheme, rest = value.split("://", 1)
    base = scheme.split("+", 1)[0]
    if base == "postgres":
        base = "postgresql"
    if base not in _SCHEMES:
        raise ConfigError(f"unsupported database URL scheme {scheme!r}; use a file path, "
                          "sqlite:///PATH or postgresql://USER@HOST/DB")
    if base == "postgresql" and "+" not in scheme:
        return f"postgresql+psycopg://{rest}"
    return f"{base}{scheme[len(scheme.split('+', 1)[0]):]}://{rest}"


def phone_region(value: str) -> str:
    """``value`` as the region hint for national phone numbers (``" th"`` -> ``"TH"``).

    The one rule for ``--country`` and ``SCAMNET_COUNTRY``: a two-letter ISO
    3166 code of a region with a telephone numbering plan. Raises
    :class:`ConfigError` otherwise; the CLI turns it into a usage error.
    """
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise ConfigError(f"{value!r} is not a two-letter ISO 3166 code such as TH")
    import phonenumbers  # only when a region is given: most commands need none

    # A well-formed code no numbering plan has (XX, UK) would silently find
    # no national number at all.
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(f"{code!r} is not a region with a telephone numbering plan; use a "
                          "two-letter ISO 3166 code such as TH (GB for the United Kingdom)")
    return code


@dataclass(frozen=True)
class Settings:
    """Validated settings. Build with :meth:`from_env`; override per call as needed."""

    db_url: str = DEFAULT_DB_URL
    default_country: str | None = None
    #: IANA zone for times the evidence writes without one (``SCAMNET_TZ``).
    default_tz: str | None = None
    max_archive_bytes: int = 2 * 1024**3
    max_archive_members: int = 100_000
    max_compression_ratio: float = 200.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        country = env.get("SCAMNET_COUNTRY")
        if country is not None:
            try:
                country = phone_region(country)
            except ConfigError as exc:
                raise ConfigError(f"SCAMNET_COUNTRY: {exc}") from None
        tz = (env.get("SCAMNET_TZ") or "").strip() or None
        if tz is not None:
            from scamnet.intake.times import zone  # the check lives with its use

            zone(tz)
        return cls(
            db_url=db_url_from(env.get("SCAMNET_DB", DEFAULT_DB_URL)),
            default_country=country or None,
            default_tz=tz,
            max_archive_bytes=_int(env, "SCAMNET_MAX_ARCHIVE_BYTES", cls.max_archive_bytes),
            max_archive_members=_int(env, "SCAMNET_MAX_ARCHIVE_MEMBERS", cls.max_archive_members),
            max_compression_ratio=float(
                _int(env, "SCAMNET_MAX_COMPRESSION_RATIO", int(cls.max_compression_ratio))
            ),
        )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {value}")
    return value
