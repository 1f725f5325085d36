#!/usr/bin/env python3
"""Checker for the blindmsg7 held-out evaluation set (eval/messages.tsv).

Checks: UTF-8 + LF, the three exact header comment lines, 3 tab-separated fields,
known languages and labels, counts per language x label, no duplicate messages,
no sentence shared between two messages, no near-duplicates inside a language,
defanged links only, each language's text in its own script (Unicode Myanmar, not
Zawgyi), length between 8 words (or CJK equivalent) and 3 sentences.
Writes COUNTS.txt next to this script and exits non-zero on any error.
"""
import collections
import itertools
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "eval", "messages.tsv")
COUNTS = os.path.join(HERE, "COUNTS.txt")

HEADER = [
    "# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT (fiction; names, numbers, handles and sites invented; links defanged like hxxps://example[.]com)",
    "# blindmsg7 part: held-out evaluation",
    "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0",
]
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
LABELS = ["investment", "romance", "task", "recruitment", "impersonation",
          "phishing", "advance_fee", "not_scam"]
WANT = {"impersonation": 10, "recruitment": 6, "phishing": 4, "investment": 2,
        "romance": 1, "task": 1, "advance_fee": 1, "not_scam": 15}

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def script_of(ch):
    o = ord(ch)
    if 0x1000 <= o <= 0x109F or 0xAA60 <= o <= 0xAA7F or 0xA9E0 <= o <= 0xA9FF:
        return "myanmar"
    if 0x1780 <= o <= 0x17FF or 0x19E0 <= o <= 0x19FF:
        return "khmer"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
        return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return "han"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "hangul"
    if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
        return "latin"
    if ch.isalpha():
        return "other"
    return None


def script_profile(text):
    c = collections.Counter(s for s in map(script_of, text) if s)
    return c, sum(c.values())


def check_script(i, lang, text):
    # links and @handles are Latin by nature; judge the script on the rest
    c, n = script_profile(re.sub(r"hxxps?://\S+|@\w+", " ", text))
    if n == 0:
        err(f"line {i}: no letters")
        return
    share = lambda *ks: sum(c[k] for k in ks) / n
    if lang == "my":
        if share("myanmar") < 0.6:  # Latin words (USDT, KPay, Telegram) allowed
            err(f"line {i}: my text only {share('myanmar'):.2f} Myanmar script")
        # Zawgyi signs: code points Zawgyi reuses in U+1060-U+1097 (not used by
        # Burmese Unicode), or vowel sign E (U+1031) typed before its consonant.
        if any(0x1060 <= ord(ch) <= 0x1097 for ch in text):
            err(f"line {i}: Myanmar code points U+1060-U+1097 (possible Zawgyi)")
        if re.search(r"(^|[^\u1000-\u109F])\u1031", text):
            err(f"line {i}: U+1031 at syllable start (Zawgyi ordering)")
    elif lang == "km":
        if share("khmer") < 0.6:
            err(f"line {i}: km text only {share('khmer'):.2f} Khmer script")
    elif lang == "ja":
        if share("kana", "han") < 0.6 or c["kana"] == 0:
            err(f"line {i}: ja text not mainly kana/kanji")
        if c["hangul"]:
            err(f"line {i}: Hangul in ja text")
    elif lang == "ko":
        if share("hangul") < 0.6:
            err(f"line {i}: ko text only {share('hangul'):.2f} Hangul")
        if c["kana"]:
            err(f"line {i}: kana in ko text")
    else:  # pt, fr
        if share("latin") < 0.98:
            err(f"line {i}: {lang} text not Latin script")
    for other, s in (("my", "myanmar"), ("km", "khmer")):
        if lang != other and c[s]:
            err(f"line {i}: {s} characters in {lang} text")


URL_RAW = re.compile(r"(?i)\bhttps?://|\bwww\.|\b[a-z0-9-]+\.(com|net|org|info|xyz|top|site|be|fr|pt|br|ca|kr|jp|kh|mm|io|app|link|shop|online)\b")
URL_DEF = re.compile(r"hxxps?://\S+")


def check_links(i, text):
    for m in URL_DEF.finditer(text):
        if "[.]" not in m.group(0):
            err(f"line {i}: hxxp link without [.]: {m.group(0)}")
    if URL_RAW.search(text):
        err(f"line {i}: live-looking link or domain: {URL_RAW.search(text).group(0)}")


SENT_SPLIT = re.compile(r"(?<=[.!?])\s+|(?<=[。！？!?។။])\s*")
ABBREV = re.compile(r"\b(Sr|Sra|Dr|M|Mme|nº|n°|etc)\.", re.I)


def sentences(text):
    t = ABBREV.sub(lambda m: m.group(0)[:-1], text)
    t = t.replace("...", "…")
    return [s for s in (p.strip() for p in SENT_SPLIT.split(t)) if s]


def norm(s):
    s = unicodedata.normalize("NFKC", s).lower()
    return "".join(ch for ch in s if ch.isalnum())


def grams(text, n=4):
    t = norm(text)
    return {t[k:k + n] for k in range(max(1, len(t) - n + 1))}


def main():
    raw = open(TSV, "rb").read()
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("FAIL: not UTF-8", e)
        return 1
    if "\r" in data:
        err("CR characters present (must be LF only)")
    if raw.startswith(b"\xef\xbb\xbf"):
        err("UTF-8 BOM present")
    if not data.endswith("\n"):
        err("file does not end with a newline")
    lines = data.split("\n")[:-1]
    if lines[:3] != HEADER:
        err("the first three lines are not the exact header comments")
    rows = []
    for i, line in enumerate(lines[3:], start=4):
        if line.startswith("#"):
            err(f"line {i}: extra comment line")
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            err(f"line {i}: {len(parts)} fields, want 3")
            continue
        lang, label, text = parts
        if lang not in LANGS:
            err(f"line {i}: unknown language {lang!r}")
        if label not in LABELS:
            err(f"line {i}: unknown label {label!r}")
        if not text.strip() or text != text.strip():
            err(f"line {i}: empty text or surrounding whitespace")
        rows.append((i, lang, label, text))

    counts = collections.Counter((l, lab) for _, l, lab, _ in rows)
    for lang in LANGS:
        for lab in LABELS:
            if counts[(lang, lab)] != WANT[lab]:
                err(f"count {lang}/{lab} = {counts[(lang, lab)]}, want {WANT[lab]}")

    seen_text = {}
    seen_sent = {}
    for i, lang, label, text in rows:
        check_script(i, lang, text)
        check_links(i, text)
        k = norm(text)
        if k in seen_text:
            err(f"line {i}: duplicate of line {seen_text[k]}")
        seen_text[k] = i
        sents = sentences(text)
        if len(sents) > 3:
            err(f"line {i}: {len(sents)} sentences (max 3)")
        if lang in ("pt", "fr"):
            if len(text.split()) < 8:
                err(f"line {i}: fewer than 8 words")
        elif lang in ("ja",):
            if len(norm(text)) < 20:
                err(f"line {i}: too short for an 8-word message")
        else:
            if len(text.split()) < 4 and len(norm(text)) < 25:
                err(f"line {i}: too short for an 8-word message")
        for s in sents:
            ks = norm(s)
            if len(ks) < 6:
                continue
            if ks in seen_sent and seen_sent[ks] != i:
                err(f"line {i}: sentence shared with line {seen_sent[ks]}: {s!r}")
            seen_sent.setdefault(ks, i)

    # near-duplicates: character 4-gram Jaccard inside each language, and across
    # languages for shared Latin fragments (handles, sites, names)
    by_lang = collections.defaultdict(list)
    for r in rows:
        by_lang[r[1]].append(r)
    worst = 0.0
    for lang, rs in by_lang.items():
        gs = [(r[0], grams(r[3])) for r in rs]
        for (a, ga), (b, gb) in itertools.combinations(gs, 2):
            j = len(ga & gb) / len(ga | gb)
            worst = max(worst, j)
            if j >= 0.5:
                err(f"lines {a} and {b}: near-duplicate (4-gram Jaccard {j:.2f})")
    handles = collections.defaultdict(set)
    for i, lang, label, text in rows:
        for h in re.findall(r"@\w+|hxxps?://\S+", text):
            handles[h].add(i)
    for h, ls in handles.items():
        if len(ls) > 1:
            err(f"handle/link {h} reused on lines {sorted(ls)}")

    out = ["blindmsg7 held-out evaluation set: eval/messages.tsv",
           f"messages: {len(rows)}", ""]
    out.append("lang  " + " ".join(f"{lab:>13}" for lab in LABELS) + "  total")
    for lang in LANGS:
        out.append(f"{lang:<5} " + " ".join(f"{counts[(lang, lab)]:>13}" for lab in LABELS)
                   + f"  {sum(counts[(lang, lab)] for lab in LABELS):>5}")
    out.append("all   " + " ".join(f"{sum(counts[(l, lab)] for l in LANGS):>13}" for lab in LABELS)
               + f"  {len(rows):>5}")
    scam = sum(1 for r in rows if r[2] != "not_scam")
    out.append("")
    out.append(f"scam: {scam}  not_scam: {len(rows) - scam}")
    out.append(f"max within-language 4-gram Jaccard between two messages: {worst:.2f}")
    out.append("check: " + ("PASS" if not errors else f"FAIL ({len(errors)} errors)"))
    open(COUNTS, "w", encoding="utf-8").write("\n".join(out) + "\n")
    for e in errors:
        print("ERROR:", e)
    for w in warnings:
        print("warning:", w)
    print("\n".join(out))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
