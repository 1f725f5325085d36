"""Scam analysis: language, scam type, pig-butchering stage, risk and reused scripts.

Names are imported lazily so that importing the store's table registry (which
imports :mod:`scamnet.analyze.tables`) does not pull in numpy models.
"""

from __future__ import annotations

from typing import Any

from scamnet.exports import lazy_attribute

__all__ = [
    "Classification",
    "LanguageResult",
    "ReportAnalysis",
    "ScamClassifier",
    "StageResult",
    "Template",
    "analyze_reports",
    "analyze_store",
    "classify_texts",
    "default_classifier",
    "default_stage_model",
    "detect_language",
    "find_templates",
    "stage_conversation",
    "summarize_analysis",
]

_WHERE = {
    "Classification": "classifier",
    "LanguageResult": "language",
    "ReportAnalysis": "reports",
    "ScamClassifier": "classifier",
    "StageResult": "stages",
    "Template": "scripts",
    "analyze_reports": "reports",
    "analyze_store": "runs",
    "classify_texts": "classifier",
    "default_classifier": "classifier",
    "default_stage_model": "stages",
    "detect_language": "language",
    "find_templates": "scripts",
    "stage_conversation": "stages",
    "summarize_analysis": "runs",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _WHERE, name)
