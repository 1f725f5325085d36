#!/usr/bin/env python3
"""Checker for ScamNet blind evaluation set 32 (fiction, Apache-2.0).

Usage: python3 check_conversations.py [--write-counts]
Checks format, stages, labels, ids vs types.tsv, per-language quotas and prints matching
statistics per language x label. With --write-counts the summary is written to COUNTS.txt.
Exit code 1 if any error is found.
"""
import re, sys, statistics
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONV = HERE / "eval" / "conversations.txt"
TYPES = HERE / "eval" / "types.tsv"
LANGS = ["en", "zh", "vi", "th", "id", "es", "ms", "tl"]
STAGES = ["none", "contact", "rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]
ORDER = {s: i for i, s in enumerate(STAGES)}
SCAM_TYPES = ["pig_butchering", "task_scam", "recruitment_lure", "impersonation", "phishing"]
HEAD = ["# Fiction written for the ScamNet project (blind evaluation set 32); licence Apache-2.0.",
        "# All names, phone numbers, handles, apps, companies and sites are invented; links are defanged (hxxps://..., example[.]com).",
        "# Format: '## <id> <lang> <benign|scam>' then 'S|V<TAB><stage><TAB>text' per message; blank line between conversations."]
MONEY = re.compile(r"(\$|£|€|USD|SGD|HK\$|money|funds||₱|฿|₫|¥|RM\s?\d|Rp|USDT|bitcoin|crypto|bank|transfer|pay|deposit|salary|loan|lend|borrow|fee|cash|GCash|"
                   r"钱|元|块|转账|银行|存款|工资|借|付|费|币|投资|黄金|薪|资金|佣金|帳|會|"
                   r"tiền|triệu|nghìn|ngân hàng|chuyển khoản|chuyen khoan|lương|vay|nạp|đầu tư|vàng|"
                   r"เงิน|บาท|โอน|ธนาคาร|เงินเดือน|ยืม|ลงทุน|ทอง|ค่า|"
                   r"uang|rupiah|juta|ribu|rekening|gaji|pinjam|bayar|modal|emas|"
                   r"dinero|euros|pesos|banco|transferencia|sueldo|salario|préstamo|prestar|pagar|pago|invertir|oro|"
                   r"duit|ringgit|bank|pinjam|gaji|bayar|simpanan|"
                   r"pera|piso|utang|sahod|bayad|padala|hulog|ipon)", re.I)

def main():
    errors = []
    def err(msg):
        errors.append(msg)
    raw = CONV.read_bytes()
    if b"\r" in raw:
        err("CR characters found (must be LF)")
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines[:3] != HEAD:
        err("the three comment lines are not exactly as specified")
    if any(l.startswith("#") and not l.startswith("## ") for l in lines[3:]):
        err("extra comment lines")
    body = "\n".join(lines[3:]).strip("\n")
    convs = {}
    order = []
    for block in body.split("\n\n"):
        bl = block.split("\n")
        m = re.fullmatch(r"## (b32-([a-z]{2})-(\d{2})) ([a-z]{2}) (benign|scam)", bl[0])
        if not m:
            err(f"bad header: {bl[0]!r}"); continue
        cid, lang_id, nn, lang, label = m.groups()
        if lang_id != lang or lang not in LANGS or not 1 <= int(nn) <= 20:
            err(f"{cid}: id/lang mismatch or NN out of range")
        if cid in convs:
            err(f"duplicate id {cid}")
        msgs = []
        for l in bl[1:]:
            parts = l.split("\t")
            if len(parts) != 3 or parts[0] not in ("S", "V") or parts[1] not in STAGES or not parts[2].strip():
                err(f"{cid}: bad message line {l!r}"); continue
            msgs.append(tuple(parts))
        convs[cid] = dict(lang=lang, label=label, msgs=msgs)
        order.append(cid)
    # types.tsv
    tl = TYPES.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if tl[0] != "id\ttype":
        err("types.tsv header")
    types = {}
    for l in tl[1:]:
        c, t = l.split("\t")
        if c in types:
            err(f"types.tsv duplicate {c}")
        types[c] = t
    if set(types) != set(convs):
        err(f"ids differ between types.tsv and conversations.txt: {sorted(set(types) ^ set(convs))}")
    # per conversation rules
    furthest = {}
    for cid, c in convs.items():
        t = types.get(cid)
        msgs = c["msgs"]
        stages = [s for _, s, _ in msgs]
        f = max(stages, key=lambda s: ORDER[s])
        furthest[cid] = f
        c["type"] = t
        if not 3 <= len(msgs) <= 16:
            err(f"{cid}: {len(msgs)} messages")
        if (c["label"] == "benign") != (t == "benign"):
            err(f"{cid}: label {c['label']} vs type {t}")
        if t == "benign" and set(stages) != {"none"}:
            err(f"{cid}: benign with stage labels")
        if t in ("recruitment_lure", "impersonation", "phishing"):
            if stages[0] != "contact" or msgs[0][0] != "S" or set(stages[1:]) - {"none", "contact"} or f != "contact":
                err(f"{cid}: {t} must be contact opener then none")
        if t == "task_scam":
            if set(stages) - {"none", "contact", "pitch", "profit", "deposit", "withdrawal_blocked", "pressure"}:
                err(f"{cid}: task scam uses a stage it should not")
            if f not in ("deposit", "profit", "withdrawal_blocked", "pressure"):
                err(f"{cid}: task scam furthest {f}")
        if t == "pig_butchering" and f in ("none", "contact"):
            err(f"{cid}: pig_butchering ends at {f}")
        if msgs and msgs[0][1] == "none" and t not in ("benign",) and msgs[0][0] == "S" and t in ("recruitment_lure", "impersonation", "phishing"):
            err(f"{cid}: opener must be contact")
        for w, s, x in msgs:
            if "\t" in x:
                err(f"{cid}: tab in text")
            if re.search(r"https?://", x):
                err(f"{cid}: undefanged link")
    # per language quotas
    for lang in LANGS:
        ids = [c for c in convs if convs[c]["lang"] == lang]
        tc = Counter(types[c] for c in ids)
        want = {"benign": 10, "pig_butchering": 6, "task_scam": 1, "recruitment_lure": 1, "impersonation": 1, "phishing": 1}
        if dict(tc) != want:
            err(f"{lang}: type counts {dict(tc)}")
        pbf = sorted(furthest[c] for c in ids if types[c] == "pig_butchering")
        if pbf != sorted(["rapport", "pitch", "deposit", "profit", "withdrawal_blocked", "pressure"]):
            err(f"{lang}: pig_butchering furthest stages {pbf}")
        for lab in ("benign", "scam"):
            li = [c for c in ids if convs[c]["label"] == lab]
            if sum(len(convs[c]["msgs"]) >= 12 for c in li) < 2:
                err(f"{lang} {lab}: fewer than 2 chats with >=12 messages")
    # duplicate sentences across chats
    seen = {}
    for cid in order:
        for _, _, x in convs[cid]["msgs"]:
            for sent in re.split(r"(?<=[.!?。！？])\s*", x.replace("[.]", "·")):
                k = re.sub(r"\W+", " ", sent.lower()).strip()
                # interjections ("Thank you.", "Perfecto") are exempt: 12+ characters for
                # alphabetic scripts, 6+ for Chinese and Thai, which pack more into a character
                dense = re.search(r"[\u0e00-\u0e7f\u3400-\u9fff]", k)
                if len(k) < (6 if dense else 12):
                    continue
                if k in seen and seen[k] != cid:
                    err(f"sentence shared by {seen[k]} and {cid}: {sent!r}")
                seen.setdefault(k, cid)
    # statistics
    out = []
    out.append("ScamNet blind evaluation set 32: summary written by check_conversations.py")
    out.append(f"conversations: {len(convs)}  messages: {sum(len(c['msgs']) for c in convs.values())}")
    out.append("")
    out.append("Matching statistics per language x label")
    out.append("lang label   n  msg_min msg_med msg_max long>=12 med_chars/conv med_chars/msg S_first money consec_same links")
    for lang in LANGS:
        for lab in ("benign", "scam"):
            li = [c for c in order if convs[c]["lang"] == lang and convs[c]["label"] == lab]
            ns = [len(convs[c]["msgs"]) for c in li]
            cpc = [sum(len(x) for _, _, x in convs[c]["msgs"]) for c in li]
            cpm = [len(x) for c in li for _, _, x in convs[c]["msgs"]]
            sf = sum(convs[c]["msgs"][0][0] == "S" for c in li)
            mo = sum(any(MONEY.search(x) for _, _, x in convs[c]["msgs"]) for c in li)
            lk = sum(any("hxxp" in x for _, _, x in convs[c]["msgs"]) for c in li)
            cs = sum(any(convs[c]["msgs"][i][0] == convs[c]["msgs"][i + 1][0] for i in range(len(convs[c]["msgs"]) - 1)) for c in li)
            out.append(f"{lang:4} {lab:6} {len(li):3} {min(ns):8} {statistics.median(ns):7} {max(ns):7} {sum(n >= 12 for n in ns):8} "
                       f"{statistics.median(cpc):14} {statistics.median(cpm):13} {sf:7} {mo:5} {cs:11} {lk:5}")
    allns = [len(c["msgs"]) for c in convs.values()]
    out.append(f"all messages per conversation: min {min(allns)} median {statistics.median(allns)} max {max(allns)}")
    out.append("")
    out.append("Furthest stage of scam chats per language")
    cols = STAGES[1:]
    out.append("lang " + " ".join(f"{s:>18}" for s in cols))
    tot = Counter()
    for lang in LANGS:
        cnt = Counter(furthest[c] for c in convs if convs[c]["lang"] == lang and convs[c]["label"] == "scam")
        tot.update(cnt)
        out.append(f"{lang:4} " + " ".join(f"{cnt.get(s, 0):>18}" for s in cols))
    out.append("all  " + " ".join(f"{tot.get(s, 0):>18}" for s in cols))
    out.append(f"benign chats (furthest stage none): {sum(1 for c in convs.values() if c['label'] == 'benign')}")
    out.append("")
    out.append("Task scam furthest stage per language: " + ", ".join(
        f"{convs[c]['lang']}={furthest[c]}" for c in sorted(convs, key=lambda c: LANGS.index(convs[c]['lang'])) if types[c] == "task_scam"))
    out.append("Scam types overall: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(types.values()).items())))
    out.append("")
    out.append(f"errors: {len(errors)}")
    out.extend("  " + e for e in errors)
    summary = "\n".join(out) + "\n"
    print(summary, end="")
    if "--write-counts" in sys.argv:
        (HERE / "COUNTS.txt").write_text(summary, encoding="utf-8")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
