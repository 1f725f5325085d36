"""Hand-written multilingual cue phrases for the pig-butchering stages.

The learned stage model sees only a few hundred curated messages, so these
phrases carry most of the signal; they are written from published accounts
of how these scripts run (wrong-number openers, "my uncle is an analyst",
"pay the tax to unfreeze your withdrawal"), not fitted to the evaluation set.
Each entry is a regular expression matched case-insensitively; a match names
its stage and becomes a reason with its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CUES", "CueMatch", "find_cues"]

_RAW: dict[str, tuple[str, ...]] = {
    "contact": (
        r"wrong (number|person|contact)", r"(added|texted|messaged|sent (this|it) to) the wrong",
        r"(saw|found) your (profile|photo)", r"we matched on", r"nice to meet you",
        r"can we be friends", r"sorry to (bother|disturb)",
        r"加错|发错|打错|输错|认错人|交个朋友|认识一下|冒昧打扰",
        r"nhầm số|nhắn nhầm|gửi nhầm|làm quen",
        r"ผิดคน|ทักผิด|ส่งผิด|ขอทำความรู้จัก|ยินดีที่ได้รู้จัก",
        r"salah (nomor|kirim|sambung|orang|hantar)|boleh kenalan|boleh berkenalan",
        r"mali (ang|na) (napadalhan|numero)|magkakilala",
        r"n[úu]mero equivocado|me equivoqu[ée] de n[úu]mero|encantad[oa] de conocerte",
        r"número errado|mauvais numéro",
    ),
    "rapport": (
        r"good (morning|night|evening),? (my )?(dear|love|sweetheart|baby|honey)",
        r"(did|have) you (eat|eaten|had) (breakfast|lunch|dinner)", r"thinking (about|of) you",
        r"miss(ed)? you", r"so easy to talk to", r"(lonely|divorce)",
        r"吃(早饭|午饭|晚饭|饭)了吗|想你|晚安|早安|孤独|做个好梦|好梦",
        r"ăn (sáng|trưa|tối|cơm) chưa|nhớ (anh|em)|ngủ ngon|cô đơn|tâm sự",
        r"กินข้าว(หรือ)?ยัง|คิดถึง|ฝันดี|เหงา|เหนื่อยไหม",
        r"sudah makan|dah makan|kangen|rindu|capek kerja|jaga diri",
        r"kumain ka na|miss na kita|ingat ka",
        r"(desayunaste|comiste|cenaste)|pienso en ti|me acord[ée] de ti|te extra[ñn]o",
    ),
    "pitch": (
        r"(uncle|aunt|cousin|mentor|teacher|analyst)\b.{0,60}\b(trad|invest|crypto|signal|fund|"
        r"exchange|contract)",
        r"(insider|inside) (information|info|data|signal)", r"(trading|buy) signal",
        r"open an account|create an account|register on", r"guaranteed (return|profit)",
        r"(licensed|regulated) (exchange|platform)", r"(i|we) can (show|teach) you",
        r"(舅舅|叔叔|姑姑|阿姨|姨妈|老师|导师|分析师).{0,20}(数字货币|比特币|合约|投资|信号|交易所|数据)",
        r"内部(数据|消息|渠道)|稳赚|注册.{0,6}账户|下载.{0,6}(平台|app|APP)|带单",
        r"(chú|cô|dì|bác|thầy|chuyên gia).{0,30}(đầu tư|tiền ảo|bitcoin|sàn|tín hiệu)",
        r"mở tài khoản|tải ứng dụng|lợi nhuận ổn định",
        r"(น้า|ป้า|ลุง|อา|อาจารย์|นักวิเคราะห์).{0,30}(เทรด|คริปโต|บิตคอยน์|ลงทุน|ตลาด)",
        r"เปิดบัญชี|สนใจลองไหม|สัญญาณเทรด",
        r"(paman|tante|om|bibi|mentor|analis|pak cik|mak cik).{0,40}"
        r"(investasi|kripto|bitcoin|bursa|trading|melabur)",
        r"buka (akun|akaun)|mau coba\?|nak cuba",
        r"(tito|tita).{0,40}(crypto|invest|trading)|magbukas ng account",
        r"(t[íi]o|t[íi]a|mentor|analista).{0,40}(invertir|cripto|bitcoin|bolsa|operaciones)",
        r"abrir una cuenta|te animas a probar",
    ),
    "deposit": (
        r"\b(i|we) (transferred|sent|deposited|topped up|put in|wired)\b",
        r"(screenshot|receipt|proof) of (the |your )?(deposit|transfer|payment|transaction)",
        r"transaction receipt", r"wallet address",
        r"(充值|入金|转了|打了|汇了).{0,10}(万|千|元|块)?|转账截图|付款凭证|到账了吗|收到了吗",
        r"(đã )?(nạp|chuyển)\s+\d+|biên lai|ảnh chụp màn hình chuyển",
        r"โอน(เงิน)?(ไป|เข้า)|สลิป|หลักฐานการโอน",
        r"(sudah|dah) (transfer|kirim|pindahkan)|bukti transfer",
        r"nag-transfer na|naipadala ko na",
        r"(hice|envi[ée]) (la )?transferencia|ya envi[ée]|comprobante|captura del dep[óo]sito",
    ),
    "profit": (
        r"(your|my) (account|balance|portfolio|dashboard|total)\b.{0,40}"
        r"(now|already|shows|worth|up|is)\b",
        r"you('re| are) already up", r"(earned|gained|made) \S+ in (two|\d) days",
        r"(账户|余额).{0,12}(盈利|已经|显示|涨)|收益多高|盈利.{0,4}万",
        r"số dư|(đã )?lãi \d+|lợi nhuận cao",
        r"ยอด(เงิน)?(ใน)?(บัญชี)?.{0,12}(ขึ้น|แล้ว)|กำไรดีมาก|กำไรเยอะ",
        r"saldo(nya| kamu| akaun| awak)?.{0,20}(sudah|sekarang|jadi)|baki akaun",
        r"ang balance mo",
        r"tu saldo.{0,20}(ya|subi[óo]|vale)",
    ),
    "withdrawal_blocked": (
        r"withdraw(al)?\b.{0,80}\b(frozen|pending|blocked|review|tax|fee|deposit|release)",
        r"(frozen|blocked|under review)\b.{0,60}\bwithdraw",
        r"(tax|fee|security deposit)\b.{0,60}\b(withdraw|release|unfreeze|take the money out)",
        r"account (is )?(frozen|under review)",
        r"(提现|出金|解冻|风控|冻结)",
        r"rút (tiền|vốn)|đóng băng|kiểm soát rủi ro|ký quỹ|mở khóa",
        r"ถอน(เงิน)?|ระงับ|ปลดล็อก|ตรวจสอบความเสี่ยง|เงินประกัน",
        r"tarik dana|penarikan|dibekukan|kontrol risiko|uang jaminan|keluarkan duit",
        r"mag-withdraw|ma-withdraw|naka-freeze",
        r"retir(ar|o)\b|congelada|garant[íi]a.{0,20}desbloque",
    ),
    "pressure": (
        r"(don'?t|do not) tell (anyone|the police|your family)", r"\bforfeit",
        r"(closed|deleted|lost|gone) (permanently|forever)", r"(by|before) (tomorrow|tonight)\b",
        r"(police|authorities) (can'?t|cannot|won'?t) help",
        r"(别|不要)(告诉|报警)|报警|永久封禁|最后期限|清零|拿不回来",
        r"(đừng|không được) (nói|báo)|báo công an|hạn chót|vĩnh viễn|bị xóa",
        r"อย่าบอก|แจ้งตำรวจ|หมดเขต|ถูกยึด|ถูกล้าง",
        r"jangan (lapor|beri ?tahu)|lapor polisi|hangus|ditutup permanen|batasnya",
        r"huwag mong sabihin|mawawala lahat",
        r"no (le )?digas a nadie|(ni a|vas a) la polic[íi]a|perder[áa]s todo|se borra todo|"
        r"el plazo vence",
    ),
}

#: Compiled cue patterns per stage.
CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    stage: tuple(re.compile(p, re.IGNORECASE) for p in pats) for stage, pats in _RAW.items()
}


@dataclass(frozen=True)
class CueMatch:
    """A cue phrase found in a text: its stage and span."""

    stage: str
    start: int
    end: int
    text: str


def find_cues(text: str, max_chars: int = 4000) -> list[CueMatch]:
    """Every cue phrase in the first ``max_chars`` characters of ``text``."""
    head = text[:max_chars]
    out = []
    for stage, pats in CUES.items():
        for p in pats:
            for m in p.finditer(head):
                if m.end() > m.start():
                    out.append(CueMatch(stage, m.start(), m.end(), m.group(0)))
    return out
