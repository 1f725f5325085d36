"""A seeded, multilingual demo corpus of scam reports and chats, with its ground truth.

``generate(seed, scale)`` returns every file's exact bytes and a JSON-ready
truth (which network each report belongs to, planted indicators, per-message
stages, decoys, expected quarantine). ``iter_report_records`` streams report
dicts for benchmarks. Everything is fictional and written for the project.
"""

from scamnet.demo.corpus import TRUTH_VERSION, DemoCorpus, generate
from scamnet.demo.reports import iter_report_records

__all__ = ["TRUTH_VERSION", "DemoCorpus", "generate", "iter_report_records"]
