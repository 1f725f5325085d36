"""The fictional syndicates of the demo corpus and the infrastructure each one runs.

Each :class:`Archetype` describes one invented operation: who it targets, where
its phone numbers come from, which chains its wallets are on, the made-up
trading sites it runs and the opener and pitch scripts its workers copy. All
names and domains are fictional; the domains were checked against the
ScamSniffer and MetaMask lists in ../shared/data (see tests/demo).
:func:`build_network` draws one concrete network (wallets, phones, handles)
from an archetype with a seeded ``random.Random``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from scamnet.demo.phones import random_mobile
from scamnet.demo.wallets import Wallet, random_wallet

__all__ = ["ARCHETYPES", "Archetype", "Handle", "Network", "build_network"]


@dataclass(frozen=True)
class Archetype:
    """An invented syndicate: targets, infrastructure sources and copied scripts.

    ``scripts`` maps a language to its (opener, pitch) templates; ``domains``
    are (stem, tld) pairs, the first being the main site behind most chats.
    """

    name: str
    scam_type: str
    languages: tuple[str, ...]
    phone_regions: tuple[str, ...]
    chains: tuple[str, ...]
    handle_kinds: tuple[str, ...]
    handle_stems: tuple[str, ...]
    domains: tuple[tuple[str, str], ...]
    platforms: tuple[str, ...]
    active: tuple[str, str]
    scripts: Mapping[str, tuple[str, str]]
    #: Real OFAC-listed addresses (chain, format, address) this fictional
    #: network cashes out through, so the demo can show a sanctions hit
    #: (``demo/data/SOURCE.md``); they replace the first drawn wallets of
    #: their chain in the first copy of the network.
    sanctioned_wallets: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Handle:
    """A messaging account: ``kind`` is an indicator kind (telegram, line, wechat, whatsapp)."""

    kind: str
    value: str

    @property
    def key(self) -> str:
        """The ``kind:value`` form the ground truth lists."""
        return f"{self.kind}:{self.value}"

    def written(self, rng: random.Random) -> str:
        """The handle the way a victim or scammer writes it.

        A bare ``@name`` is ambiguous outside Telegram, so people write
        "Telegram @name", "TG: @name" or a t.me link.
        """
        if self.kind == "telegram":
            return rng.choice((f"Telegram @{self.value}", f"TG: @{self.value}",
                               f"t.me/{self.value}", f"https://t.me/{self.value}"))
        if self.kind == "line":
            return rng.choice((f"LINE ID: {self.value}", f"line.me/ti/p/~{self.value}"))
        if self.kind == "wechat":
            return rng.choice((f"微信：{self.value}", f"WeChat: {self.value}", f"vx: {self.value}"))
        if self.kind == "whatsapp":
            return rng.choice((f"wa.me/{self.value.lstrip('+')}",
                               f"https://wa.me/{self.value.lstrip('+')}"))
        raise ValueError(f"unknown handle kind {self.kind!r}")


@dataclass
class Network:
    """One concrete network drawn from an archetype (mutable while the corpus is built)."""

    id: str
    name: str
    archetype: Archetype
    wallets: list[Wallet]
    phones: list[str]
    handles: list[Handle]
    domains: list[str]

    @property
    def main_domain(self) -> str:
        return self.domains[0]


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        name="Golden Lotus",
        scam_type="investment",
        languages=("en", "zh"),
        phone_regions=("KH", "HK"),
        chains=("tron", "tron", "ethereum"),
        handle_kinds=("telegram", "whatsapp"),
        handle_stems=("lotus_cs", "glx_service", "lucy_fx"),
        domains=(("goldenlotus-fx88", "vip"), ("glx-tradepro", "top")),
        platforms=("WhatsApp", "Telegram", "Instagram"),
        active=("2024-01-05", "2025-08-30"),
        scripts={
            "en": (
                "Hi [[Jason|David|Kevin]], is this you? I'm {persona}, we met at the wine tasting "
                "in [[Phnom Penh|Bangkok]] last month 😊 [[Do you remember me?|Remember me?]]",
                "My uncle works at a quant fund and shares his contract signals with family only. "
                "Last week we made [[31|34|36]]% on {site} in three days. I can let you follow one "
                "trade, [[just this once|only once]], OK?",
            ),
            "zh": (
                "[[你好|您好]]，请问是[[陈总|李总|王哥]]吗？我是{persona}，上个月在金边品酒会上加过"
                "您😊",
                "我舅舅在量化基金工作，合约信号只分享给家里人。上周我们在{site}上三天赚了"
                "[[31|34|36]]%，这次可以带你跟一单，[[只此一次|就这一次]]哦。",
            ),
        },
    ),
    Archetype(
        name="Mekong Star",
        scam_type="investment",
        languages=("th", "vi"),
        phone_regions=("TH", "MM"),
        chains=("tron", "tron"),
        handle_kinds=("line", "telegram"),
        handle_stems=("mekong.admin", "msx_support", "star.nina"),
        domains=(("mekongstar-ex", "top"), ("msx-thaitrade", "cc")),
        platforms=("LINE", "Facebook", "Zalo"),
        active=("2024-01-10", "2024-12-20"),
        scripts={
            "th": (
                "สวัสดีค่ะ ขอโทษที่รบกวนนะคะ หนูชื่อ{persona} [[เห็นโปรไฟล์|เห็นรูป]]ในกลุ่มแล้วรู้สึกว่าคุณใจดีมาก "
                "อยากรู้จักค่ะ 🌸",
                "ที่ {site} มีโปรแกรมลงทุนทองคำดิจิทัล กำไรวันละ [[3|4|5]]% หนูเล่นมาครึ่งปีแล้ว ถอนได้จริงทุกครั้ง "
                "ลองเปิดบัญชีดูไหมคะ",
            ),
            "vi": (
                "Dạ em chào anh ạ, em là {persona}, em [[thấy hồ sơ|thấy ảnh]] anh trong nhóm thấy "
                "anh hiền quá nên muốn làm quen 🌸",
                "Bên {site} có chương trình đầu tư vàng kỹ thuật số, lãi [[3|4|5]]% mỗi ngày. Em "
                "chơi nửa năm rồi, rút tiền lần nào cũng được. Anh mở tài khoản thử không ạ?",
            ),
        },
    ),
    Archetype(
        name="Jade Harbor",
        scam_type="investment",
        languages=("zh", "en"),
        phone_regions=("CN", "HK"),
        chains=("ethereum", "bitcoin", "ethereum"),
        handle_kinds=("wechat", "telegram"),
        handle_stems=("jadeharbor_vip", "jh_mentor", "harbor_anna"),
        domains=(("jadeharbor-qtx", "cc"), ("jhq-wealthdesk", "com")),
        platforms=("WeChat", "Telegram", "Facebook"),
        active=("2024-05-01", "2026-07-31"),
        scripts={
            "zh": (
                "[[在吗|你好]]？我是{persona}，刚才在群里看到您的发言很有见解，想加个好友交流一下投"
                "资心得。",
                "我们{site}的导师团队每天晚上八点在直播间带单，这个月胜率[[92|95]]%，新人首充送20%"
                "体验金，名额有限哦。",
            ),
            "en": (
                "[[Hello|Hi]], I'm {persona}. I saw your insightful comment in the investors group "
                "and would love to exchange ideas with you.",
                "Our mentor team at {site} gives live trading calls every night at 8pm, [[92|95]]% "
                "win rate this month. New members get a 20% bonus on the first deposit, places are "
                "limited.",
            ),
        },
        # Listed by OFAC for CHEN, Zhi (Prince Group, 14 Oct 2025).
        sanctioned_wallets=(("bitcoin", "bech32", "bc1qeth6n6ryxexvkx34wnx3nuynun4474h3j0gkhw"),),
    ),
    Archetype(
        name="Bayan Capital",
        scam_type="investment",
        languages=("id", "en"),
        phone_regions=("PH", "MY"),
        chains=("tron", "bitcoin"),
        handle_kinds=("whatsapp", "telegram"),
        handle_stems=("bayan_desk", "bycx_official", "mira_bayan"),
        domains=(("bayancap-invest", "xyz"), ("bycx-asiaprime", "vip")),
        platforms=("WhatsApp", "Facebook", "Tinder"),
        active=("2024-11-01", "2026-10-31"),
        scripts={
            "id": (
                "Selamat [[pagi|siang|malam]], maaf ganggu. Aku {persona}, teman arisan Kak Dewi, "
                "dia bilang kamu tertarik bisnis sampingan ya?",
                "Di {site} ada program mining USDT dengan bagi hasil [[2|2,5|3]]% per hari, modal "
                "bisa ditarik kapan saja. Aku sudah setahun ikut, hasilnya buat bayar cicilan "
                "rumah.",
            ),
            "en": (
                "Good [[morning|afternoon|evening]], sorry to bother you. I'm {persona}, a friend "
                "of Dewi from the savings group, she said you were interested in a side business?",
                "{site} runs a USDT mining pool sharing [[2|2.5|3]]% per day, and you can withdraw "
                "your capital any time. I've been in for a year, it pays my mortgage.",
            ),
        },
    ),
    Archetype(
        name="Sol Naciente",
        scam_type="investment",
        languages=("es", "en"),
        phone_regions=("VN", "PH"),
        chains=("ethereum", "tron"),
        handle_kinds=("whatsapp", "telegram"),
        handle_stems=("sol_asesora", "snx_soporte", "dani_trader"),
        domains=(("solnaciente-mxtrade", "top"), ("snx-futurosglobal", "cc")),
        platforms=("WhatsApp", "Instagram", "Facebook"),
        active=("2025-03-01", "2026-11-15"),
        scripts={
            "es": (
                "Hola, ¿[[Carlos|Javier|señor Gómez]]? Soy {persona}, la asistente del "
                "[[doctor|licenciado]] Ruiz, le escribo para confirmar su cita del jueves 🙂",
                "En {site} operamos futuros de oro y Bitcoin con un analista de Singapur, "
                "[[15|18|20]]% semanal garantizado. Puedes empezar con 300 dólares y retirar "
                "cuando quieras.",
            ),
            "en": (
                "Hi, [[Mr. Carter|Mike|Steve]]? This is {persona}, Dr. Ruiz's assistant, texting "
                "to confirm your appointment on Thursday 🙂",
                "At {site} we trade gold and Bitcoin futures with an analyst in Singapore, "
                "[[15|18|20]]% a week guaranteed. You can start with 300 dollars and withdraw "
                "whenever you like.",
            ),
        },
    ),
    Archetype(
        name="Silver Orchid",
        scam_type="task",
        languages=("vi", "id", "en"),
        phone_regions=("VN", "MY"),
        chains=("tron",),
        handle_kinds=("telegram",),
        handle_stems=("orchid_hr", "so_tasks", "mentor_vy"),
        domains=(("silverorchid-tasks", "xyz"), ("sot-workhub", "cc")),
        platforms=("Telegram", "Facebook", "Zalo", "WhatsApp"),
        active=("2024-03-01", "2026-09-30"),
        scripts={
            "vi": (
                "Chào bạn, mình là {persona} bên tuyển dụng. Công ty đang cần cộng tác viên làm "
                "nhiệm vụ online, [[1-2|2-3]] tiếng mỗi ngày, thu nhập 500k-2 triệu/ngày, bạn quan "
                "tâm không?",
                "Bạn đăng ký trên {site}, mỗi nhiệm vụ thả tim được [[50|80]]k, hoàn thành 30 "
                "nhiệm vụ nhận thưởng thêm.",
            ),
            "id": (
                "Halo, saya {persona} dari bagian rekrutmen. Perusahaan kami butuh pekerja paruh "
                "waktu online, [[1-2|2-3]] jam sehari, penghasilan Rp 300rb-1,5jt/hari, tertarik?",
                "Daftar di {site}, setiap tugas like dibayar Rp [[50|80]]rb, selesaikan 30 tugas "
                "dapat bonus.",
            ),
            "en": (
                "Hello, I'm {persona} from HR. Our company needs online part-time staff, "
                "[[1-2|2-3]] hours a day, earning 100-300 USD a day. Are you interested?",
                "Register on {site}; each like task pays [[5|8]] USD and finishing 30 tasks gives "
                "a bonus.",
            ),
        },
    ),
)


def build_network(archetype: Archetype, index: int, copy: int, rng: random.Random) -> Network:
    """Draw network ``N<index>`` from ``archetype``; ``copy`` > 1 gives it new sites and names."""
    suffix = "" if copy == 1 else f"-{copy}"
    wallets = [random_wallet(rng, archetype.chains[i % len(archetype.chains)])
               for i in range(rng.randint(3, 5))]
    if copy == 1:
        # Replaced after drawing, so the random stream (and every other part
        # of the corpus) is the same as without them.
        for chain, fmt, address in archetype.sanctioned_wallets:
            at = next(i for i, w in enumerate(wallets) if w.chain == chain)
            wallets[at] = Wallet(chain, fmt, address)
    phones: list[str] = []
    n_phones = rng.randint(3, 4)
    while len(phones) < n_phones:
        region = archetype.phone_regions[len(phones) % len(archetype.phone_regions)]
        number = random_mobile(rng, region)
        if number not in phones:
            phones.append(number)
    handles: list[Handle] = []
    for i, stem in enumerate(archetype.handle_stems):
        kind = archetype.handle_kinds[i % len(archetype.handle_kinds)]
        if kind == "whatsapp":
            handles.append(Handle(kind, phones[i % len(phones)]))
        else:
            sep = "." if kind == "line" else "_"
            tail = suffix.replace("-", "")
            handles.append(Handle(kind, f"{stem}{sep}{rng.randint(10, 99)}{tail}"))
    domains = [f"{stem}{suffix}.{tld}" for stem, tld in archetype.domains]
    name = archetype.name if copy == 1 else f"{archetype.name} {copy}"
    return Network(f"N{index}", name, archetype, wallets, phones, handles, domains)
