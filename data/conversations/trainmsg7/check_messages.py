#!/usr/bin/env python3
"""Checker for trainmsg7/messages.tsv (training messages written for ScamNet).

Checks: UTF-8 + LF, the exact three comment lines, three tab-separated fields,
known languages and labels, exact counts per language x label, no duplicate
messages, no sentence shared by two messages, no near-duplicate messages,
defanged links only, each language's text in its own script (Unicode Myanmar,
not Zawgyi; Khmer; kana for Japanese; Hangul for Korean; Latin for pt/fr with
a stop-word sanity check), length between 8 words and 3 sentences.

Usage: python3 check_messages.py [messages.tsv] [--counts COUNTS.txt]
Exit status 0 when everything passes, 1 otherwise.
"""
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = [
    "# Curated scam-type messages WRITTEN FOR THE SCAMNET PROJECT (fiction; names, numbers, handles and sites invented; links defanged like hxxps://example[.]com)",
    "# trainmsg7 part: training",
    "# Format: language<TAB>label<TAB>text. Licence: Apache-2.0",
]
LANGS = ["my", "km", "ja", "ko", "pt", "fr"]
LABELS = ["investment", "romance", "task", "recruitment", "impersonation",
          "phishing", "advance_fee", "not_scam"]
EXPECTED = {"impersonation": 14, "recruitment": 6, "phishing": 3, "investment": 1,
            "romance": 1, "task": 1, "advance_fee": 1, "not_scam": 17}

TLDS = ("com|net|org|info|top|xyz|online|site|app|io|me|ly|co|gov|edu|biz|club|shop|vip|cc|"
        "br|pt|fr|be|ca|ch|sn|ci|cm|jp|kr|kh|mm|th|la|ae|ru|cn|uk|de")
RAW_URL = re.compile(r"(?i)\b(?:https?|ftp)://|\bwww\.")
BARE_DOMAIN = re.compile(r"(?i)\b[a-z0-9][a-z0-9-]*\.(?:" + TLDS + r")\b")
DEFANGED = re.compile(r"(?i)\bhxxps?://\S+")
SENT_SPLIT = re.compile(r"(?<=[.!?。！？။។])\s*|[;；]\s*")
SENT_END = re.compile(r"[.!?。！？။។]+")

FR_STOP = {"le", "la", "les", "des", "du", "vous", "votre", "vos", "est", "et", "pour",
           "pas", "une", "au", "aux", "sur", "avec", "ce", "qui", "il", "je", "nous", "sera"}
PT_STOP = {"o", "os", "as", "da", "do", "das", "dos", "não", "você", "seu", "sua", "com",
           "para", "pra", "que", "uma", "um", "em", "no", "na", "é", "tá", "ao"}


def script_of(ch):
    cp = ord(ch)
    if 0x1000 <= cp <= 0x109F or 0xA9E0 <= cp <= 0xA9FF or 0xAA60 <= cp <= 0xAA7F:
        return "myanmar"
    if 0x1780 <= cp <= 0x17FF or 0x19E0 <= cp <= 0x19FF:
        return "khmer"
    if 0x3040 <= cp <= 0x309F or 0x30A0 <= cp <= 0x30FF or 0xFF66 <= cp <= 0xFF9D:
        return "kana"
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
        return "han"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if ch in "\u00aa\u00ba" or (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")):
        return "latin"
    if ch.isalpha():
        return "other:" + unicodedata.name(ch, "?").split(" ")[0]
    return None


def norm_sentence(s):
    s = unicodedata.normalize("NFC", s).lower()
    s = re.sub(r"[\W_]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def sentences(text):
    text = DEFANGED.sub(lambda m: m.group(0).replace("[.]", "(dot)"), text)
    return [p for p in (x.strip() for x in SENT_SPLIT.split(text)) if p]


def ngrams(text, n=4):
    t = re.sub(r"\s+", " ", norm_sentence(text))
    return {t[i:i + n] for i in range(max(0, len(t) - n + 1))}


def check_script(lang, text):
    errs = []
    text = DEFANGED.sub(" ", text)  # link letters say nothing about the language
    counts = Counter(s for s in map(script_of, text) if s)
    letters = sum(counts.values()) or 1
    others = [s for s in counts if s.startswith("other:")]
    if others:
        errs.append("unexpected script(s) %s" % others)
    if lang == "my":
        if counts["myanmar"] / letters < 0.6:
            errs.append("less than 60% Myanmar letters")
        # Zawgyi hints: code points Burmese Unicode text does not use, and the
        # vowel sign E (U+1031) typed before its consonant.
        if re.search("[\u1060-\u1097]", text):
            errs.append("Zawgyi-range code points (U+1060-U+1097)")
        if re.search("(^|[^\u1000-\u109F])\u1031", text):
            errs.append("U+1031 before a consonant (Zawgyi order)")
        if counts["khmer"] or counts["kana"] or counts["hangul"] or counts["han"]:
            errs.append("foreign Asian script in Burmese text")
    elif lang == "km":
        if counts["khmer"] / letters < 0.6:
            errs.append("less than 60% Khmer letters")
        if counts["myanmar"] or counts["kana"] or counts["hangul"] or counts["han"]:
            errs.append("foreign Asian script in Khmer text")
    elif lang == "ja":
        if counts["kana"] == 0:
            errs.append("Japanese text without kana")
        if (counts["kana"] + counts["han"]) / letters < 0.6:
            errs.append("less than 60% kana/kanji")
        if counts["hangul"] or counts["myanmar"] or counts["khmer"]:
            errs.append("foreign script in Japanese text")
    elif lang == "ko":
        if counts["hangul"] / letters < 0.6:
            errs.append("less than 60% Hangul")
        if counts["kana"] or counts["myanmar"] or counts["khmer"]:
            errs.append("foreign script in Korean text")
    elif lang in ("pt", "fr"):
        if counts["latin"] / letters < 0.99:
            errs.append("non-Latin letters in %s text" % lang)
        words = re.findall(r"[^\W\d_]+", text.lower())
        fr = sum(w in FR_STOP for w in words)
        pt = sum(w in PT_STOP for w in words)
        if lang == "fr" and pt > fr:
            errs.append("looks Portuguese rather than French (%d pt vs %d fr stop-words)" % (pt, fr))
        if lang == "pt" and fr > pt:
            errs.append("looks French rather than Portuguese (%d fr vs %d pt stop-words)" % (fr, pt))
    return errs


def check_length(lang, text):
    errs = []
    if lang in ("pt", "fr", "ko"):
        n = len(text.split())
        if n < 8:
            errs.append("only %d words (min 8)" % n)
    else:
        # no reliable word spacing: require at least 20 non-space characters
        n = len(re.sub(r"\s", "", text))
        if n < 20:
            errs.append("only %d characters (min 20)" % n)
    # sentences: groups of terminal punctuation that are followed by more text
    text = DEFANGED.sub("LINK", text)
    body = text.rstrip(" .!?。！？။។…😊🙏")
    n_sent = len(SENT_END.findall(re.sub(r"\d[.,]\d", "0", body))) + 1
    if n_sent > 3:
        errs.append("%d sentences (max 3)" % n_sent)
    return errs


def main(argv):
    path = os.path.join(HERE, "messages.tsv")
    counts_out = None
    args = list(argv)
    if "--counts" in args:
        i = args.index("--counts")
        counts_out = args[i + 1]
        del args[i:i + 2]
    if args:
        path = args[0]

    errors = []
    raw = open(path, "rb").read()
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("FAIL: not UTF-8: %s" % e)
        return 1
    if "\r" in data:
        errors.append("file contains CR characters (must be LF only)")
    if data.startswith("\ufeff"):
        errors.append("file starts with a BOM")
    if not data.endswith("\n"):
        errors.append("file does not end with a newline")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if lines[:3] != HEADER:
        errors.append("the first three lines are not the exact required comment lines")
    extra_comments = [i + 1 for i, l in enumerate(lines[3:], 3) if l.startswith("#")]
    if extra_comments:
        errors.append("extra comment lines at %s" % extra_comments)

    rows = []
    for lineno, line in enumerate(lines[3:], 4):
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            errors.append("line %d: %d fields, expected 3" % (lineno, len(parts)))
            continue
        lang, label, text = parts
        if lang not in LANGS:
            errors.append("line %d: unknown language %r" % (lineno, lang))
        if label not in LABELS:
            errors.append("line %d: unknown label %r" % (lineno, label))
        if not text.strip() or text != text.strip():
            errors.append("line %d: empty text or surrounding whitespace" % lineno)
        if unicodedata.normalize("NFC", text) != text:
            errors.append("line %d: text is not NFC-normalised" % lineno)
        for e in check_script(lang, text) + check_length(lang, text):
            errors.append("line %d (%s/%s): %s" % (lineno, lang, label, e))
        # links
        if RAW_URL.search(text):
            errors.append("line %d: live (non-defanged) URL" % lineno)
        scrubbed = DEFANGED.sub(" ", text)
        m = BARE_DOMAIN.search(scrubbed)
        if m:
            errors.append("line %d: bare domain %r not defanged" % (lineno, m.group(0)))
        for link in DEFANGED.findall(text):
            if "[.]" not in link:
                errors.append("line %d: hxxp link without [.]: %r" % (lineno, link))
        rows.append((lineno, lang, label, text))

    # counts per language x label
    table = defaultdict(Counter)
    for _, lang, label, _ in rows:
        table[lang][label] += 1
    for lang in LANGS:
        for label in LABELS:
            got, want = table[lang][label], EXPECTED[label]
            if got != want:
                errors.append("count %s/%s = %d, expected %d" % (lang, label, got, want))

    # exact duplicates
    seen = {}
    for lineno, _, _, text in rows:
        key = norm_sentence(text)
        if key in seen:
            errors.append("line %d duplicates line %d" % (lineno, seen[key]))
        seen.setdefault(key, lineno)

    # shared sentences (any sentence of 10+ normalised characters in two messages)
    where = defaultdict(set)
    for lineno, _, _, text in rows:
        for s in sentences(text):
            k = norm_sentence(s)
            if len(k.replace(" ", "")) >= 10:
                where[k].add(lineno)
    for k, ls in where.items():
        if len(ls) > 1:
            errors.append("sentence shared by lines %s: %r" % (sorted(ls), k[:60]))

    # near duplicates: character 4-gram Jaccard
    grams = [(lineno, ngrams(text)) for lineno, _, _, text in rows]
    worst = 0.0
    for i in range(len(grams)):
        for j in range(i + 1, len(grams)):
            a, b = grams[i][1], grams[j][1]
            if not a or not b:
                continue
            jac = len(a & b) / len(a | b)
            worst = max(worst, jac)
            if jac >= 0.5:
                errors.append("lines %d and %d are near-duplicates (4-gram Jaccard %.2f)"
                              % (grams[i][0], grams[j][0], jac))

    # summary
    out = []
    out.append("trainmsg7 messages.tsv - counts per language x label (checked by check_messages.py)")
    out.append("")
    head = "%-14s" % "label" + "".join("%6s" % l for l in LANGS) + "%8s" % "total"
    out.append(head)
    for label in LABELS:
        row = [table[l][label] for l in LANGS]
        out.append("%-14s" % label + "".join("%6d" % n for n in row) + "%8d" % sum(row))
    tot = [sum(table[l].values()) for l in LANGS]
    out.append("%-14s" % "total" + "".join("%6d" % n for n in tot) + "%8d" % sum(tot))
    scam = sum(tot) - sum(table[l]["not_scam"] for l in LANGS)
    out.append("")
    out.append("messages: %d (scam %d, not_scam %d)" % (sum(tot), scam, sum(tot) - scam))
    out.append("highest 4-gram Jaccard between any two messages: %.2f (limit 0.50)" % worst)
    out.append("checks: UTF-8/LF, header, fields, labels, counts, duplicates, shared sentences,"
               " near-duplicates, defanged links, scripts (Unicode Myanmar not Zawgyi, Khmer,"
               " kana, Hangul, Latin + stop-words), length 8 words..3 sentences")
    out.append("result: %s" % ("PASS" if not errors else "FAIL (%d problems)" % len(errors)))
    summary = "\n".join(out) + "\n"
    for e in errors:
        print("ERROR:", e)
    print(summary, end="")
    if counts_out:
        with open(counts_out, "w", encoding="utf-8", newline="\n") as f:
            f.write(summary)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
