"""Throughput of scamnet.extract.extract() on one core.

Prints MB/s (UTF-8 bytes of input per second) and million characters per
second on:

1. a generated, seeded mixed-language corpus (English, Chinese, Thai,
   Vietnamese, Indonesian, Spanish narrative with random indicators sprinkled
   in), dense (a quarter of sentences) and sparse (one in fifty);
2. real text from ../shared/data (Thai, Vietnamese, Indonesian, English and
   Chinese scam/spam SMS), when that directory exists.

Each corpus is run per message (as the pipeline calls it) after one warm-up
pass; the best of ``--repeat`` runs is reported. It also times libphonenumber's
PhoneNumberMatcher on the same generated text, the slow path the phone
finder avoids. The machine is shared, so figures are noisy: run it twice.

    .venv/bin/python benchmarks/bench_extract.py [--mb 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

import base58
import phonenumbers

from scamnet.extract import extract
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
        lambda: "IBAN GB82 WEST 1234 5698 7654 32",
        lambda: "SWIFT: DEUTDEFF",
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


def run(name: str, items: list[tuple[str, str | None]], repeat: int) -> None:
    """Time extract() over ``items``; wall clock and this process's CPU time."""
    size = sum(len(t.encode()) for t, _ in items)
    chars = sum(len(t) for t, _ in items)
    kinds: Counter[str] = Counter()
    for t, country in items:
        kinds.update(i.kind for i in extract(t, country))
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for t, country in items:
            extract(t, country)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(
        f"{name}: {len(items):,} texts, {size / 1e6:.2f} MB, {chars / 1e6:.2f} M chars: "
        f"{size / 1e6 / best_cpu:.1f} MB/s CPU ({chars / 1e6 / best_cpu:.1f} M chars/s), "
        f"{size / 1e6 / best_wall:.1f} MB/s wall (best of {repeat})"
    )
    print("  indicators:", dict(sorted(kinds.items())))


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


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="size of the generated corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    extract("warm up the tables 0812345678 example.com", "TH")
    generated = generated_corpus(args.mb)
    run("generated mixed-language, 1 indicator per 4 sentences, country=TH",
        [(t, "TH") for t in generated], args.repeat)
    run("same, no country hint", [(t, None) for t in generated], args.repeat)
    sparse = generated_corpus(args.mb, seed=3, rate=0.02)
    run("generated mixed-language, 1 indicator per 50 sentences, country=TH",
        [(t, "TH") for t in sparse], args.repeat)
    real = real_corpus()
    if real:
        run("real SMS (shared/data; TH/VN/ID/CN/GB hints)", list(real), args.repeat)
    else:
        print("real SMS: ../shared/data not found, skipped")
    matcher(generated)


if __name__ == "__main__":
    main(sys.argv[1:])
