"""E-mail: MIME multipart, encoded headers, HTML bodies, suspects, attachments, damage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from scamnet.intake.base import Source
from scamnet.intake.html_text import html_to_text

from .conftest import MakeSource, ReadAll


def test_multipart(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    source = fixture_source("email_multipart.eml")
    reports, bad = read_all(source)
    assert not bad and len(reports) == 1
    mail = reports[0]
    assert mail.id == source.sha256[:16] and mail.kind == "email"
    assert mail.title == "Your account is ready ✔"
    assert mail.suspect_identifiers == ("liu.manager@goldline-fx.com", "support@goldline-fx.net",
                                        "bounce@mailer.goldline-fx.com")
    assert mail.extra["attachments"] == "contract.pdf (application/pdf)"
    assert mail.extra["to"] == "victim@example.org"
    msg = mail.messages[0]
    assert msg.sender == "刘经理 <liu.manager@goldline-fx.com>"
    assert msg.sent_at == datetime(2024, 2, 6, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    # text/plain wins over text/html; quoted-printable soft breaks are joined.
    assert "0x52908400098527886E0F7030069857D2E4169EE7 today." in msg.text
    assert "<p>" not in msg.text
    assert msg.line == 11


def test_html_only_thai(fixture_source: Callable[[str], Source], read_all: ReadAll) -> None:
    reports, bad = read_all(fixture_source("email_html_th.eml"))
    assert not bad
    mail = reports[0]
    assert mail.title == "ยืนยันการถอนเงิน"
    assert mail.messages[0].text == ("กรุณาชำระค่าธรรมเนียม\n\n"
                                     "คลิกที่นี่ (https://bitkub-pro.vip/withdraw)")
    assert mail.suspect_identifiers == ("noreply@bitkub-pro.vip",)


def test_broken_headers_still_give_a_report(make_source: MakeSource, read_all: ReadAll) -> None:
    data = (b"From: scammer@x.vip\nTo: v@example.org\nDate: yesterday at noon\n"
            b"Subject: =?x-unknown?Q?hi?=\nContent-Type: text/plain; charset=x-no-such\n\n"
            b"Send \xe0\xb8\x81 money\n")
    reports, bad = read_all(make_source(data, "bad.eml"))
    assert not bad and len(reports) == 1
    mail = reports[0]
    assert mail.messages[0].sent_at is None and "Date" in mail.extra["header_problems"]
    assert mail.messages[0].text == "Send ก money"
    assert mail.suspect_identifiers == ("scammer@x.vip",)


def test_mbox_from_line_is_skipped(make_source: MakeSource, read_all: ReadAll) -> None:
    data = (b"From scammer@x.vip Mon Jan  1 00:00:00 2024\nFrom: scammer@x.vip\n"
            b"Subject: hi\nDate: Mon, 01 Jan 2024 00:00:00 +0000\n\nbody\n")
    reports, _ = read_all(make_source(data, "m.txt"))
    assert reports[0].kind == "email" and reports[0].messages[0].text == "body"


def test_html_to_text() -> None:
    html = ("<html><head><title>t</title><style>x{}</style></head><body><h1>Win</h1>"
            "<p>Go <a href='https://a.vip/x'>here</a> or <a href='https://b.vip'>https://b.vip</a>"
            "</p><div>line&nbsp;two &amp; more</div><script>var a=1;</script>"
            "<a href='https://c.vip'><img alt='banner'></a></body></html>")
    assert html_to_text(html) == ("Win\n\nGo here (https://a.vip/x) or https://b.vip\n\n"
                                  "line two & more\nbanner (https://c.vip)")


def test_text_attachments_are_read_binary_ones_are_not(make_source: MakeSource,
                                                       read_all: ReadAll) -> None:
    """A "wallet.txt" or an HTML invoice attached to a scam e-mail is read as a further
    message (its file name in ``media``); a PDF stays inside the stored e-mail."""
    from email.message import EmailMessage

    from scamnet.intake.pipeline import observe

    mail = EmailMessage()
    mail["From"] = "Support <support@bitkub-pro.vip>"
    mail["Subject"] = "Tax"
    mail.set_content("Pay the tax to unlock your withdrawal.")
    mail.add_attachment(b"%PDF-1.7\n" + bytes(range(100)), maintype="application",
                        subtype="pdf", filename="invoice.pdf")
    mail.add_attachment(b"Wallet: 0x52908400098527886E0F7030069857D2E4169EE7\n",
                        maintype="text", subtype="plain", filename="wallet.txt")
    mail.add_attachment("<p>Pay at <a href='https://bitkub-pro.vip/tax'>here</a></p>",
                        subtype="html", filename="invoice.html")
    (report,), bad = read_all(make_source(bytes(mail), "tax.eml"))
    assert not bad
    assert [(m.index, m.media) for m in report.messages] == [
        (0, None), (1, "wallet.txt"), (2, "invoice.html")]
    assert report.messages[1].text == "Wallet: 0x52908400098527886E0F7030069857D2E4169EE7"
    assert "<p>" not in report.messages[2].text
    assert "invoice.pdf (application/pdf)" in report.extra["attachments"]
    found = {(o.field, o.index, o.indicator.kind) for o in observe(report)}
    assert ("message", 1, "wallet") in found and ("message", 2, "domain") in found
    # The sender's address is a suspect identifier, not read a second time as "sender".
    assert not any(f == "sender" for f, _, _ in found)
