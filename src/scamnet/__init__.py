"""ScamNet: map pig-butchering scam syndicates from scattered evidence."""

__version__ = "0.1.0"

__all__ = ["__version__"]
