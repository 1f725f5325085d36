"""Scam e-mails as .eml files: MIME multipart with RFC 2047 encoded headers.

Written byte by byte rather than with :mod:`email.generator`, whose random
MIME boundaries would break the corpus's byte-for-byte determinism.
"""

from __future__ import annotations

import base64
import quopri
import random
from datetime import datetime
from email.utils import format_datetime

from scamnet.demo.networks import Network
from scamnet.demo.wallets import Wallet
from scamnet.demo.writing import Planted

__all__ = ["account_frozen_eml", "withdrawal_tax_eml"]


def _encoded_word(text: str) -> str:
    return "=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def _qp(text: str) -> str:
    encoded = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    return encoded.replace("\n", "\r\n")


def _b64(data: bytes) -> str:
    raw = base64.b64encode(data).decode("ascii")
    return "\r\n".join(raw[i:i + 76] for i in range(0, len(raw), 76))


def _message_id(rng: random.Random, domain: str) -> str:
    return f"<{rng.getrandbits(64):016x}.{rng.randint(1000, 9999)}@mail.{domain}>"


def withdrawal_tax_eml(rng: random.Random, net: Network, wallet: Wallet, when: datetime,
                       victim: str) -> tuple[bytes, list[Planted]]:
    """An English/Chinese "withdrawal tax" notice from a network's fake platform."""
    domain = net.main_domain
    ref = f"WD{rng.randint(10**7, 10**8 - 1)}"
    tax = rng.choice((15, 20, 25))
    balance = f"{rng.randint(60, 400) * 1000 + rng.randint(0, 999):,}.{rng.randint(0, 99):02d}"
    subject = f"Withdrawal Notice {ref}: Personal Income Tax Required / 提现通知：需缴纳个人所得税"
    plain = (
        f"Dear {victim},\n\n"
        f"Your withdrawal request {ref} for {balance} USDT has been approved by the risk control "
        f"department. According to the platform's tax policy, a personal income tax of {tax}% of "
        "the profit must be paid before the funds can be released to your account.\n\n"
        f"Please transfer the tax amount in USDT (TRC20) to the designated compliance wallet:\n"
        f"{wallet.address}\n\n"
        "The tax must be paid within 48 hours. If it is not received, your account will be "
        "frozen and all assets confiscated in accordance with clause 7.3 of the user agreement.\n\n"
        f"Log in to view your order: https://www.{domain}/#/withdraw?order={ref}\n\n"
        "尊敬的用户：您的提现申请已通过审核，请在48小时内缴纳个人所得税，逾期账户将被冻结。\n\n"
        f"Compliance Department\n{net.name} Global Trading\n"
    )
    html = (
        "<html><body>"
        f"<p>Dear {victim},</p>"
        f"<p>Your withdrawal request <b>{ref}</b> for <b>{balance} USDT</b> has been approved. "
        f"A personal income tax of <b>{tax}%</b> must be paid before release.</p>"
        f"<p>Compliance wallet (TRC20): <code>{wallet.address}</code></p>"
        f"<p><a href=\"https://www.{domain}/#/withdraw?order={ref}\">View order</a></p>"
        "<p>尊敬的用户：请在48小时内缴纳个人所得税，逾期账户将被冻结。</p>"
        f"<p>Compliance Department<br>{net.name} Global Trading</p>"
        "</body></html>"
    )
    boundary = f"==_demo_{rng.getrandbits(48):012x}"
    headers = [
        f"From: {_encoded_word(net.name + ' 合规部')} <compliance@{domain}>",
        f"To: {victim} <{victim.lower().replace(' ', '.')}@example.com>",
        f"Subject: {_encoded_word(subject)}",
        f"Date: {format_datetime(when)}",
        f"Message-ID: {_message_id(rng, domain)}",
        "MIME-Version: 1.0",
        f"Content-Type: multipart/alternative; boundary=\"{boundary}\"",
    ]
    body = [
        "This is a multi-part message in MIME format.",
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=\"utf-8\"",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        _qp(plain),
        f"--{boundary}",
        "Content-Type: text/html; charset=\"utf-8\"",
        "Content-Transfer-Encoding: base64",
        "",
        _b64(html.encode("utf-8")),
        f"--{boundary}--",
        "",
    ]
    data = "\r\n".join(headers + [""] + body).encode("ascii")
    planted = [Planted("domain", domain), Planted("wallet", wallet.address),
               Planted("email", f"compliance@{domain}")]
    return data, planted


def account_frozen_eml(rng: random.Random, net: Network, wallet: Wallet, when: datetime,
                       victim: str) -> tuple[bytes, list[Planted]]:
    """A Chinese "account frozen, pay a deposit" notice with a (fake) PDF attachment."""
    domain = net.main_domain
    ref = f"FZ{rng.randint(10**6, 10**7 - 1)}"
    deposit = rng.randint(20, 90) * 1000
    subject = f"【{net.name}】账户冻结通知（编号{ref}）"
    plain = (
        f"尊敬的{victim}：\n\n"
        f"系统检测到您的账户存在异常交易，已被风控部门临时冻结（编号{ref}）。\n"
        f"根据平台规定，需缴纳保证金{deposit}USDT以证明资金来源合法，审核通过后保证金将与收益一并退还。\n\n"
        f"请将保证金转入以下地址（ERC20）：\n{wallet.address}\n\n"
        "如24小时内未完成缴纳，账户资金将依法没收，并移交相关部门处理。\n\n"
        f"客服中心：https://{domain}/h5/#/service\n\n"
        f"{net.name}风控中心\n"
    )
    pdf = (b"%PDF-1.4\n% demo attachment written by scamnet.demo: not a real document\n"
           b"1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    boundary = f"==_demo_{rng.getrandbits(48):012x}"
    headers = [
        f"From: {_encoded_word(net.name + '风控中心')} <risk@{domain}>",
        f"To: <{rng.choice(('wang', 'li', 'zhang'))}{rng.randint(100, 999)}@example.cn>",
        f"Subject: {_encoded_word(subject)}",
        f"Date: {format_datetime(when)}",
        f"Message-ID: {_message_id(rng, domain)}",
        "MIME-Version: 1.0",
        f"Content-Type: multipart/mixed; boundary=\"{boundary}\"",
    ]
    body = [
        f"--{boundary}",
        "Content-Type: text/plain; charset=\"utf-8\"",
        "Content-Transfer-Encoding: base64",
        "",
        _b64(plain.encode("utf-8")),
        f"--{boundary}",
        f"Content-Type: application/pdf; name=\"{_encoded_word('冻结通知书.pdf')}\"",
        "Content-Transfer-Encoding: base64",
        f"Content-Disposition: attachment; filename=\"{_encoded_word('冻结通知书.pdf')}\"",
        "",
        _b64(pdf),
        f"--{boundary}--",
        "",
    ]
    data = "\r\n".join(headers + [""] + body).encode("ascii")
    planted = [Planted("domain", domain), Planted("wallet", wallet.address),
               Planted("email", f"risk@{domain}")]
    return data, planted
