#!/usr/bin/env python3
"""Checker for trainmsg6/messages.tsv (written for the ScamNet project, Apache-2.0).

Checks: exact header, format (3 tab-separated fields, UTF-8, LF), language codes and
labels, counts per language x label, no duplicate messages and no sentence shared
between two messages, defanged links, each language written in its own script, and
length bounds. Prints a summary; with --write also writes COUNTS.txt next to this file.
Exit status 0 when every check passes.
"""
import collections
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TSV = HERE / "messages.tsv"
HEADER = [
    "# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT (fiction; names, numbers, handles and sites invented; links defanged like hxxps://example[.]com)",
    "# trainmsg6 part: training",
    "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0",
]
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
LABELS = ["investment", "romance", "task", "recruitment", "impersonation",
          "phishing", "advance_fee", "not_scam"]
EXPECTED = {"impersonation": 10, "recruitment": 6, "phishing": 4, "investment": 2,
            "romance": 1, "task": 1, "advance_fee": 1, "not_scam": 15}
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+|[。！？។။]|\n")
TLD = r"(?:com|net|org|xyz|top|site|info|link|click|io|app|me|cc|vip|shop|online|kh|jp|kr|br|pt|fr|mm)"
LIVE_URL = re.compile(r"https?://|www\.", re.I)
BARE_DOMAIN = re.compile(r"\b[a-z0-9-]+\.(?:[a-z0-9-]+\.)*" + TLD + r"\b", re.I)


LINKISH = re.compile(r"hxxps?://\S+|@\w+")


def script_share(text, lo, hi):
    """Share of letters and marks in [lo, hi], ignoring defanged links and @handles."""
    text = LINKISH.sub(" ", text)
    letters = [c for c in text if unicodedata.category(c)[0] in "LM"]
    if not letters:
        return 0.0
    return sum(lo <= ord(c) <= hi for c in letters) / len(letters)


def has_range(text, lo, hi):
    return any(lo <= ord(c) <= hi for c in text)


def script_ok(lang, text):
    # Latin words such as USDT, ABA, Telegram, OTP are allowed inside the Asian scripts.
    if lang == "my":
        return script_share(text, 0x1000, 0x109F) >= 0.55
    if lang == "km":
        return script_share(text, 0x1780, 0x17FF) >= 0.55
    if lang == "ja":
        kana = has_range(text, 0x3040, 0x30FF)
        return kana and not has_range(text, 0xAC00, 0xD7AF)
    if lang == "ko":
        return script_share(text, 0xAC00, 0xD7AF) >= 0.55
    # pt / fr: Latin only, no Asian scripts
    foreign = [(0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF)]
    return not any(has_range(text, lo, hi) for lo, hi in foreign) and script_share(text, 0x0041, 0x024F) >= 0.95


def norm_sentence(s):
    return "".join(ch.lower() for ch in s if unicodedata.category(ch)[0] in "LN")


def main():
    errors = []
    raw = TSV.read_bytes()
    if b"\r" in raw:
        errors.append("CR characters found (file must use LF)")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if lines[:3] != HEADER:
        errors.append("header lines differ from the brief")
    body = lines[3:]
    if any(l.startswith("#") for l in body):
        errors.append("more than three comment lines")
    counts = collections.Counter()
    seen_text = {}
    seen_sent = {}
    lengths = collections.defaultdict(list)
    for n, line in enumerate(body, start=4):
        parts = line.split("\t")
        if len(parts) != 3:
            errors.append(f"line {n}: expected 3 fields, got {len(parts)}")
            continue
        lang, label, msg = parts
        if lang not in LANGS:
            errors.append(f"line {n}: bad language {lang!r}")
        if label not in LABELS:
            errors.append(f"line {n}: bad label {label!r}")
        if not msg.strip() or msg != msg.strip():
            errors.append(f"line {n}: empty text or stray whitespace")
        counts[(lang, label)] += 1
        key = norm_sentence(msg)
        if key in seen_text:
            errors.append(f"line {n}: duplicate of line {seen_text[key]}")
        seen_text[key] = n
        for s in SENT_SPLIT.split(msg):
            k = norm_sentence(s)
            if len(k) < 8:
                continue
            if k in seen_sent and seen_sent[k] != n:
                errors.append(f"line {n}: sentence shared with line {seen_sent[k]}: {s[:60]!r}")
            seen_sent.setdefault(k, n)
        if LIVE_URL.search(msg):
            errors.append(f"line {n}: live link (http:// https:// or www.)")
        for m in BARE_DOMAIN.finditer(msg):
            errors.append(f"line {n}: undefanged domain {m.group(0)!r}")
        if "hxxp" in msg and "[.]" not in msg:
            errors.append(f"line {n}: hxxp link without [.]")
        if not script_ok(lang, msg):
            errors.append(f"line {n}: text not in the expected script for {lang}")
        nsent = len([s for s in SENT_SPLIT.split(msg) if norm_sentence(s)])
        if nsent > 3:
            errors.append(f"line {n}: {nsent} sentences (max 3)")
        if lang in ("pt", "fr") and len(msg.split()) < 8:
            errors.append(f"line {n}: fewer than 8 words")
        lengths[lang].append(len(msg))
    for lang in LANGS:
        for label, want in EXPECTED.items():
            got = counts[(lang, label)]
            if got != want:
                errors.append(f"count {lang}/{label}: {got}, expected {want}")
    out = []
    out.append("trainmsg6 messages.tsv - counts per language x label")
    out.append("lang  " + " ".join(f"{l[:8]:>8}" for l in LABELS) + "   total")
    for lang in LANGS:
        row = [counts[(lang, l)] for l in LABELS]
        out.append(f"{lang:<5} " + " ".join(f"{c:>8}" for c in row) + f"   {sum(row):>5}")
    tot = [sum(counts[(lg, l)] for lg in LANGS) for l in LABELS]
    out.append("total " + " ".join(f"{c:>8}" for c in tot) + f"   {sum(tot):>5}")
    out.append("scam messages: %d, not_scam: %d" % (sum(tot) - counts_total(counts, "not_scam"), counts_total(counts, "not_scam")))
    out.append("text length in characters (min/median/max): " + ", ".join(
        f"{lg} {min(v)}/{sorted(v)[len(v)//2]}/{max(v)}" for lg, v in lengths.items() if v))
    out.append("checks: header, format, labels, counts, duplicates, shared sentences, defanged links, script, length: "
               + ("ALL PASS" if not errors else f"{len(errors)} PROBLEM(S)"))
    summary = "\n".join(out) + "\n"
    print(summary, end="")
    for e in errors:
        print("ERROR:", e)
    if "--write" in sys.argv and not errors:
        (HERE / "COUNTS.txt").write_text(summary, encoding="utf-8")
    return 1 if errors else 0


def counts_total(counts, label):
    return sum(v for (lg, lb), v in counts.items() if lb == label)


if __name__ == "__main__":
    sys.exit(main())
