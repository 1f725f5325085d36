"""Throughput of scamnet.extract.extract() on one core, and where the time goes.

Prints MB/s (UTF-8 bytes of input per second) by process CPU time and by wall
clock, and µs per text, on:

1. the demo generator's victim reports (``scamnet.demo.iter_report_records``,
   ~1 KB multilingual narratives, seed 11 as ``bench_ingest.py``; 20,000 by
   default, enough that new networks, and so never-seen wallets, sites and
   phones, keep appearing as in a real intake);
2. a seeded mixed-language corpus (English, Chinese, Thai, Vietnamese,
   Indonesian, Spanish) with a *fresh random* indicator in one sentence of
   four: no indicator repeats, so no memo helps (the script prints how many
   repeat); the same generator sparse (one in fifty) and with none at all;
3. real text from ../shared/data (Thai, Vietnamese, Indonesian, English and
   Chinese scam/spam SMS), when that directory exists.

Every corpus gets two figures. **Cold** is the headline: a pass over the
texts with the finders' memos (every ``lru_cache`` in scamnet.extract: web
matches, host names, phone digits, wallets, IBANs) emptied first, so each
indicator is checked the first time it appears and only its later repeats
within the corpus hit a memo, as in an intake that sees each report once
(best of ``--repeat`` such passes; the very first pass, which also pays
one-off library loading, is printed beside it). **Warm** is the best of
``--repeat`` further passes over the same texts with the memos kept: every
indicator is then already checked, which only a re-extraction of the same
reports sees.

Then the per-call cost (a 70-character message with nothing in it), the
scanning cost per KB (indicator-free prose) and the cost per indicator (the
difference between the dense and the indicator-free corpus), and
libphonenumber's PhoneNumberMatcher on the same text for comparison.

``--compare`` instead runs the C scanner and the pure-Python scans
(``SCAMNET_PURE_PYTHON=1`` runs everything below on the latter) alternately
over the same corpora, for a ratio both measured under the same load.

The machine is shared, so figures are noisy: run it twice and note the load
average the script prints.

    .venv/bin/python benchmarks/bench_extract.py [--reports 20000] [--mb 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

import base58
import phonenumbers
from stdnum import iban as stdnum_iban

from scamnet.demo import iter_report_records
from scamnet.extract import extract, native
from scamnet.extract.bech32 import encode_segwit
from scamnet.extract.wallets import to_checksum_address

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

SENTENCES = {
    "en": [
        "Hi dear, I am Lucy, I work in Hong Kong as a financial analyst.",
        "My uncle has inside information about the gold futures market.",
        "You only need to deposit 500 USDT to start, the profit is 30% per day.",
        "I sent it.Please check the platform and tell me when you are ready.",
        "Call me at 6pm, the order number is 20240315 and the fee is 1,250.00 USD.",
    ],
    "zh": [
        "亲爱的，今天的行情非常好，我们一起赚钱吧。",
        "老师说这个平台是香港的正规交易所，很安全。",
        "你先充值一万元，明天就能提现，手续费只有百分之二。",
        "客服说账户被冻结了，需要再交保证金才能解冻。",
    ],
    "th": [
        "สวัสดีค่ะ วันนี้ตลาดดีมาก ลงทุนกับเราได้กำไรทุกวัน",
        "คุณสามารถกู้ 90,000 บาทจากธนาคารไทย ดอกเบี้ยต่ำ อนุมัติไว",
        "ฝากขั้นต่ำ 500 บาท ถอนได้ทันที ไม่มีค่าธรรมเนียม",
        "ติดต่อแอดมินเพื่อรับโบนัสพิเศษสำหรับสมาชิกใหม่",
    ],
    "vi": [
        "Chào anh, em là nhân viên hỗ trợ của sàn giao dịch quốc tế.",
        "Số tiền quá hạn 19.137.909 VNĐ cần thanh toán trước 17h ngày 27/03/2025.",
        "Anh chỉ cần nạp thêm để rút tiền về tài khoản ngân hàng.",
    ],
    "id": [
        "Selamat! Anda mendapatkan hadiah undian senilai Rp 25.000.000 dari kami.",
        "Silakan transfer biaya administrasi terlebih dahulu ke rekening kami.",
        "Investasi aman, keuntungan 20% setiap minggu, hubungi admin sekarang.",
    ],
    "es": [
        "Hola cariño, mi tío trabaja en un fondo de inversión en Singapur.",
        "Solo tienes que depositar 1.000 euros y retirar las ganancias mañana.",
        "La plataforma está regulada, no te preocupes por nada.",
    ],
}

def _label(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 10)))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _iban(rng: random.Random) -> str:
    """A random valid German IBAN (check digits computed), printed in groups of four."""
    bban = _digits(rng, 18)
    compact = "DE" + stdnum_iban.calc_check_digits("DE00" + bban) + bban
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def _bic(rng: random.Random) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    bank = "".join(rng.choice(letters) for _ in range(4))
    return bank + rng.choice(["DE", "TH", "VN", "GB", "SG", "HK"]) + rng.choice(letters) * 2


def random_indicator(rng: random.Random) -> str:
    """A fresh indicator in one of the written forms scam texts use.

    Values are random (not a fixed list) so that no cache inside the finders
    can make the benchmark look faster than real, varied input.
    """
    label, tld = _label(rng), rng.choice(["com", "vip", "xyz", "co.th", "com.vn", "net"])
    payload = bytes(rng.getrandbits(8) for _ in range(20))
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    forms = [
        lambda: f"https://{label}-trade.{tld}/login?ref={_digits(rng, 4)}",
        lambda: f"hxxps[:]//{label}[.]{tld}/verify",
        lambda: f"bit.ly/{label}{_digits(rng, 2)}",
        lambda: base58.b58encode_check(b"\x41" + payload).decode(),
        lambda: to_checksum_address("0x" + payload.hex()),
        lambda: encode_segwit("bc", 0, payload),
        lambda: f"+855 {_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}",
        lambda: "08" + _digits(rng, 8),
        lambda: ("138" + _digits(rng, 8)).translate(wide),
        lambda: ("08" + _digits(rng, 8)).translate(thai),
        lambda: f"support@{label}.{tld}",
        lambda: f"t.me/{label}_{_digits(rng, 2)}",
        lambda: f"wa.me/8551{_digits(rng, 7)}",
        lambda: f"LINE ID: {label}.{_digits(rng, 2)}",
        lambda: f"微信：{label}{_digits(rng, 3)}",
        lambda: f"Zalo: 09{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}",
        lambda: "IBAN " + _iban(rng),
        lambda: "SWIFT: " + _bic(rng),
        lambda: f"{label}.{tld}",
    ]
    return rng.choice(forms)()


def generated_corpus(megabytes: float, seed: int = 2, rate: float = 0.25) -> list[str]:
    """Seeded ~1 KB narratives mixing languages; ``rate`` of sentences carry an indicator."""
    rng = random.Random(seed)
    langs = sorted(SENTENCES)
    texts: list[str] = []
    total = 0
    while total < megabytes * 1_000_000:
        parts: list[str] = []
        size = 0
        main = rng.choice(langs)
        while size < 1000:
            lang = main if rng.random() < 0.8 else rng.choice(langs)
            piece = rng.choice(SENTENCES[lang])
            if rng.random() < rate:
                piece += " " + random_indicator(rng)
            parts.append(piece)
            size += len(piece.encode())
        text = " ".join(parts)
        texts.append(text)
        total += len(text.encode())
    return texts


def real_corpus() -> list[tuple[str, str]]:
    """(message, country hint) from the shared data sets (empty when absent)."""
    texts: list[tuple[str, str]] = []
    csv.field_size_limit(10_000_000)
    sources = [
        ("thai-sms-scam/sms_dataset_utf8.csv", "TH"),
        ("vietnamese-smishing/ggsheet_reported_scam_sms.csv", "VN"),
        ("vietnamese-smishing/phone_sms_labeled_no_private_ham.csv", "VN"),
        ("indonesian-sms-spam/dataset_sms_spam_v1.csv", "ID"),
        ("chinese-telecom-fraud-texts/label01-last.csv", "CN"),
        ("chinese-telecom-fraud-texts/label03-last.csv", "CN"),
    ]
    for rel, country in sources:
        path = DATA / rel
        if not path.exists():
            continue
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.reader(fh):
                if row:
                    texts.append((row[0], country))
    uci = DATA / "uci-sms-spam/SMSSpamCollection.tsv"
    if uci.exists():
        for line in uci.read_text(encoding="utf-8", errors="replace").splitlines():
            texts.append((line.partition("\t")[2], "GB"))
    return texts


def demo_corpus(n: int) -> list[tuple[str, str | None]]:
    """(narrative, reporter country) of ``n`` demo victim reports, seed 11 as bench_ingest."""
    out: list[tuple[str, str | None]] = []
    for rec in iter_report_records(n, seed=11):
        country = rec.get("reporter_country") or None
        out.append((str(rec["narrative"]), str(country) if country else None))
    return out


def clear_memos() -> None:
    """Empty every memo in scamnet.extract (each ``lru_cache``, and any other object
    with a ``cache_clear`` method, such as the web finder's link memo) except the
    Unicode tables.

    The cold passes start from here, so that each indicator costs its first
    check once, as in an intake that sees each report once; without this
    every pass after the first would find every indicator already checked.
    """
    for module in list(sys.modules.values()):
        if module is None or not module.__name__.startswith("scamnet.extract"):
            continue
        for name, obj in vars(module).items():
            if name == "_tables" or isinstance(obj, type):
                continue  # a memo class (not an instance) has an unbound cache_clear
            if callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()


def _timed_pass(items: list[tuple[str, str | None]]) -> tuple[float, float]:
    """(CPU s, wall s) of one extract() call per text."""
    wall, cpu = time.perf_counter(), time.process_time()
    for t, country in items:
        extract(t, country)
    return time.process_time() - cpu, time.perf_counter() - wall


def run(name: str, items: list[tuple[str, str | None]], repeat: int) -> tuple[float, int]:
    """Time extract() over ``items`` cold and warm, print both; return (cold CPU s per text,
    indicators found)."""
    size = sum(len(t.encode()) for t, _ in items)
    chars = sum(len(t) for t, _ in items)
    # Cold first: the memos are emptied before each of these passes, so every
    # indicator is new the first time the pass meets it.
    cold: list[tuple[float, float]] = []
    for _ in range(repeat):
        clear_memos()
        cold.append(_timed_pass(items))
    warm = [_timed_pass(items) for _ in range(repeat)]
    kinds: Counter[str] = Counter()
    values: Counter[tuple[str, str]] = Counter()
    for t, country in items:
        for i in extract(t, country):
            kinds[i.kind] += 1
            values[(i.kind, i.value)] += 1
    found = sum(kinds.values())
    repeats = found - len(values)
    n = len(items)

    def figures(passes: list[tuple[float, float]]) -> str:
        cpu = min(c for c, _ in passes)
        wall = min(w for _, w in passes)
        return (f"{size / 1e6 / cpu:.1f} MB/s CPU, {size / 1e6 / wall:.1f} MB/s wall, "
                f"{cpu / n * 1e6:.1f} µs/text CPU")

    print(
        f"{name}:\n  {n:,} texts, {size / 1e6:.2f} MB, {chars / 1e6:.2f} M chars, "
        f"{found:,} indicators ({found / n:.2f}/text), {len(values):,} distinct "
        f"({repeats:,} repeat an earlier value)\n"
        f"  COLD (memos emptied, best of {repeat}): {figures(cold)} "
        f"[first pass {cold[0][0] / n * 1e6:.1f} µs/text]\n"
        f"  warm (memos kept, best of {repeat}): {figures(warm)}"
    )
    print("  indicators:", dict(sorted(kinds.items())))
    return min(c for c, _ in cold) / n, found


def per_call(repeat: int) -> None:
    """CPU µs of one call on a short text with nothing in it: the fixed cost."""
    texts = [("Hi dear, how was your day? I miss you, talk tonight ok", "TH"),
             ("สวัสดีค่ะ วันนี้ตลาดดีมาก ลงทุนกับเราได้กำไรทุกวัน", "TH"),
             ("亲爱的，今天的行情非常好，我们一起赚钱吧。", "CN")]
    n = 20_000
    for text, country in texts:
        best = float("inf")
        for _ in range(repeat):
            cpu = time.process_time()
            for _ in range(n):
                extract(text, country)
            best = min(best, time.process_time() - cpu)
        print(f"  fixed cost, {len(text.encode())}-byte message with no indicator: "
              f"{best / n * 1e6:.1f} µs/call CPU")
def matcher(texts: list[str]) -> None:
    sample = texts[: max(1, len(texts) // 20)]
    size = sum(len(t.encode()) for t in sample)
    start = time.perf_counter()
    found = 0
    for t in sample:
        found += sum(1 for _ in phonenumbers.PhoneNumberMatcher(t, "TH"))
    took = time.perf_counter() - start
    start = time.perf_counter()
    ours = 0
    for t in sample:
        ours += len(extract(t, "TH", kinds=["phone"]))
    took_ours = time.perf_counter() - start
    print(
        f"phones only, {size / 1e6:.2f} MB: PhoneNumberMatcher {size / 1e6 / took:.2f} MB/s "
        f"({found} found); scamnet phone finder {size / 1e6 / took_ours:.1f} MB/s ({ours} found)"
    )


def compare(mb: float, repeat: int) -> None:
    """The C scanner against the pure-Python scans, interleaved pass by pass.

    On a shared machine two separate runs see different loads; alternating
    the two paths over the same texts (best of ``repeat`` passes each, memos
    warm) gives a ratio both saw under the same conditions.
    """
    corpora = {
        "demo victim reports": demo_corpus(max(100, int(mb * 1000))),
        "generated, 1 indicator per 50 sentences": [
            (t, "TH") for t in generated_corpus(mb, seed=3, rate=0.02)],
        "generated, no indicators": [(t, "TH") for t in generated_corpus(mb, seed=4, rate=0.0)],
        "real SMS": list(real_corpus()),
    }
    for name, items in corpora.items():
        if not items:
            continue
        size = sum(len(t.encode()) for t, _ in items)
        for t, country in items:
            extract(t, country)
        best = {True: float("inf"), False: float("inf")}
        for _ in range(repeat):
            for flag in (True, False):
                native.set_enabled(flag)
                cpu = time.process_time()
                for t, country in items:
                    extract(t, country)
                best[flag] = min(best[flag], time.process_time() - cpu)
        native.set_enabled(True)
        print(f"{name} ({len(items):,} texts, {size / 1e6:.2f} MB): C scanner "
              f"{size / 1e6 / best[True]:.1f} MB/s ({best[True] / len(items) * 1e6:.1f} µs/text), "
              f"pure Python {size / 1e6 / best[False]:.1f} MB/s "
              f"({best[False] / len(items) * 1e6:.1f} µs/text), x{best[False] / best[True]:.2f}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000,
                        help="how many demo victim reports (default 20,000)")
    parser.add_argument("--mb", type=float, default=2.0, help="size of the generated corpora")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", action="store_true",
                        help="only compare the C scanner with the pure-Python scans")
    args = parser.parse_args(argv)
    extract("warm up the tables 0812345678 example.com", "TH")
    print("scanner:", "C (scamnet.extract._scan)" if native.enabled() else
          "pure Python" + ("" if native.AVAILABLE else " (the C scanner is not built)"))
    if args.compare:
        if not native.AVAILABLE:
            sys.exit("the C scanner is not built: nothing to compare")
        compare(args.mb, args.repeat)
        return
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} (2 cores shared: figures are noisy)")
    run(f"demo victim reports (iter_report_records({args.reports}, seed=11), ~1 KB, "
        "shared infrastructure, reporter country as hint)", demo_corpus(args.reports), args.repeat)
    generated = generated_corpus(args.mb)
    dense, dense_found = run(
        "generated mixed-language, a fresh random indicator in 1 of 4 sentences, country=TH",
        [(t, "TH") for t in generated], args.repeat)
    sparse = generated_corpus(args.mb, seed=3, rate=0.02)
    run("same generator, 1 indicator per 50 sentences, country=TH",
        [(t, "TH") for t in sparse], args.repeat)
    prose_texts = generated_corpus(args.mb, seed=4, rate=0.0)
    prose, _ = run("same generator, no indicators (scanning cost only), country=TH",
                   [(t, "TH") for t in prose_texts], args.repeat)
    real = real_corpus()
    if real:
        run("real SMS (shared/data; TH/VN/ID/CN/GB hints)", list(real), args.repeat)
    else:
        print("real SMS: ../shared/data not found, skipped")
    print("where the time goes (CPU):")
    per_call(args.repeat)
    kb = sum(len(t.encode()) for t in prose_texts) / len(prose_texts) / 1000
    print(f"  scanning indicator-free prose: {prose * 1e6 / kb:.1f} µs per KB")
    per_text = dense_found / len(generated)
    print(f"  per fresh indicator: {(dense - prose) * 1e6 / per_text:.1f} µs "
          f"((dense - prose) / {per_text:.2f} indicators per text, cold)")
    matcher(generated)


if __name__ == "__main__":
    main(sys.argv[1:])
