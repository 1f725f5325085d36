#!/usr/bin/env python3
"""Checker for trainmsg8/messages.tsv. Writes COUNTS.txt next to this script; exit 1 on any problem."""
import os, re, sys, unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "messages.tsv")
HEADER = [
    "# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT (fiction; names, numbers, handles and sites invented; links defanged like hxxps://example[.]com)",
    "# trainmsg8 part: training",
    "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0",
]
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
LABELS = ["investment", "romance", "task", "recruitment", "impersonation", "phishing", "advance_fee", "not_scam"]
WANT = {"romance": 14, "investment": 8, "impersonation": 3, "recruitment": 3, "not_scam": 12}
errors = []

def err(msg):
    errors.append(msg)

def script_of(ch):
    o = ord(ch)
    if 0x1000 <= o <= 0x109F or 0xAA60 <= o <= 0xAA7F or 0xA9E0 <= o <= 0xA9FF: return "myanmar"
    if 0x1780 <= o <= 0x17FF or 0x19E0 <= o <= 0x19FF: return "khmer"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F: return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF: return "han"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F: return "hangul"
    if ch.isalpha() and "LATIN" in unicodedata.name(ch, ""): return "latin"
    if ch.isalpha(): return "other:" + unicodedata.name(ch, "?").split()[0]
    return None

def check_script(lang, text, n):
    # links and @handles are Latin by nature: leave them out of the script measure
    text = re.sub(r"hxxps?://\S+|@\w+", " ", text)
    c = Counter(s for s in map(script_of, text) if s)
    total = sum(c.values()) or 1
    if lang == "my":
        if c["myanmar"] / total < 0.6: err(f"line {n}: my text not mainly Myanmar script")
        # Zawgyi heuristics: Zawgyi-only code points, or E-vowel sign written before its consonant
        if re.search("[\u1060-\u1097]", text): err(f"line {n}: my text has Zawgyi-range code points")
        if re.search("(^|[\\s\u104a\u104b])\u1031", text): err(f"line {n}: my text has U+1031 at word start (Zawgyi order)")
    elif lang == "km":
        if c["khmer"] / total < 0.6: err(f"line {n}: km text not mainly Khmer script")
    elif lang == "ja":
        if c["kana"] == 0: err(f"line {n}: ja text has no kana")
        if c["hangul"]: err(f"line {n}: ja text has Hangul")
    elif lang == "ko":
        if c["hangul"] / total < 0.6: err(f"line {n}: ko text not mainly Hangul")
        if c["kana"]: err(f"line {n}: ko text has kana")
    elif lang in ("pt", "fr"):
        if c["latin"] != total: err(f"line {n}: {lang} text has non-Latin letters {dict(c)}")
    bad = [k for k in c if k.startswith("other:")]
    if bad: err(f"line {n}: unexpected scripts {bad}")

SPLIT = re.compile(r"[.!?。！？…\u104a\u104b\u17d4\u17d5]+|\s[-–—]\s")
def sentences(text):
    out = []
    for part in SPLIT.split(text):
        norm = re.sub(r"[^\w]+", " ", part.lower(), flags=re.UNICODE).strip()
        if len(norm.replace(" ", "")) >= 6:
            out.append(norm)
    return out

LINK_BAD = [
    re.compile(r"\bhttps?://", re.I),
    re.compile(r"\bwww\.", re.I),
    re.compile(r"\b[\w-]+\.(com|net|org|io|co|jp|kr|fr|br|pt|be|ca|info|xyz|top|vip|app|cc|me|ly)\b", re.I),
]

def main():
    with open(TSV, "rb") as f:
        raw = f.read()
    if b"\r" in raw: err("file has CR characters (must be LF)")
    if raw.startswith(b"\xef\xbb\xbf"): err("file has a BOM")
    text = raw.decode("utf-8")
    if not text.endswith("\n"): err("file does not end with newline")
    lines = text.split("\n")[:-1]
    if lines[:3] != HEADER: err("header lines differ from the required three comment lines")
    if sum(1 for l in lines if l.startswith("#")) != 3: err("must have exactly three comment lines")
    counts = defaultdict(Counter)
    seen_text = {}
    seen_sent = {}
    for n, line in enumerate(lines[3:], start=4):
        parts = line.split("\t")
        if len(parts) != 3: err(f"line {n}: expected 3 tab-separated fields"); continue
        lang, label, msg = parts
        if lang not in LANGS: err(f"line {n}: bad language {lang!r}")
        if label not in LABELS: err(f"line {n}: bad label {label!r}")
        if msg != msg.strip() or not msg: err(f"line {n}: empty or padded text")
        counts[lang][label] += 1
        key = re.sub(r"\s+", " ", msg.lower())
        if key in seen_text: err(f"line {n}: duplicate of line {seen_text[key]}")
        seen_text[key] = n
        for s in sentences(msg):
            if s in seen_sent and seen_sent[s] != n:
                err(f"line {n}: sentence shared with line {seen_sent[s]}: {s!r}")
            seen_sent.setdefault(s, n)
        for rx in LINK_BAD:
            if rx.search(msg): err(f"line {n}: link or domain not defanged")
        for m in re.finditer(r"hxxps?://\S+", msg):
            if "[.]" not in m.group(0): err(f"line {n}: hxxp link without [.]")
        if lang in ("pt", "fr"):
            w = len(msg.split())
            if w < 8: err(f"line {n}: fewer than 8 words ({w})")
        if len(SPLIT.findall(msg.rstrip(".!?。！？ "))) > 2 and lang in ("pt", "fr", "ja", "ko"):
            err(f"line {n}: more than 3 sentences")
        if lang in LANGS: check_script(lang, msg, n)
    for lang in LANGS:
        for label in LABELS:
            want = WANT.get(label, 0)
            if counts[lang][label] != want:
                err(f"count {lang}/{label} = {counts[lang][label]}, want {want}")
    cols = ["romance", "investment", "impersonation", "recruitment", "not_scam"]
    out = ["trainmsg8 messages.tsv — counts per language x label", "lang\t" + "\t".join(cols) + "\ttotal"]
    for lang in LANGS:
        out.append(lang + "\t" + "\t".join(str(counts[lang][c]) for c in cols) + f"\t{sum(counts[lang].values())}")
    out.append("all\t" + "\t".join(str(sum(counts[l][c] for l in LANGS)) for c in cols)
               + f"\t{sum(sum(counts[l].values()) for l in LANGS)}")
    out.append(f"distinct sentences checked: {len(seen_sent)}")
    out.append("checks: format, labels, counts, duplicates, shared sentences, defanged links, scripts: "
               + ("OK" if not errors else f"{len(errors)} PROBLEM(S)"))
    summary = "\n".join(out) + "\n"
    with open(os.path.join(HERE, "COUNTS.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(summary)
    print(summary, end="")
    for e in errors: print("ERROR:", e, file=sys.stderr)
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
