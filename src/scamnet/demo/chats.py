"""Conversations: a scam worker and a victim moving through the pig-butchering lifecycle.

A conversation is planned as turns with times and stage labels before it is
written out in a chat export format (see :mod:`scamnet.demo.exports`), so the
ground truth holds one stage label per message.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import phonenumbers

from scamnet.demo.languages import LEXICONS
from scamnet.demo.lexicon import STAGES, render
from scamnet.demo.money import COUNTRY_CURRENCY, draw_loss, fake_profit, format_amount
from scamnet.demo.networks import Network
from scamnet.demo.writing import Planted, write_site, write_wallet

__all__ = ["Conversation", "Turn", "delivery_chat", "family_chat", "network_chat"]


@dataclass(frozen=True)
class Turn:
    """One message: ``sender`` 0 is the other party, 1 the person who exported the chat."""

    sender: int
    text: str
    at: datetime
    stage: str | None
    media: bool = False


@dataclass
class Conversation:
    """A planned chat: display names (other party, exporter), turns and its truth."""

    names: tuple[str, str]
    language: str
    turns: list[Turn]
    network: str | None
    scam_type: str
    planted: list[Planted] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class _Clock:
    """Moves a conversation's time forward: minutes within a stage, days between."""

    def __init__(self, rng: random.Random, start: datetime) -> None:
        self.rng = rng
        self.now = start

    def minutes(self) -> datetime:
        self.now += timedelta(minutes=self.rng.randint(1, 25), seconds=self.rng.randint(0, 59))
        return self.now

    def days(self, low: int = 1, high: int = 6) -> datetime:
        self.now += timedelta(days=self.rng.randint(low, high), hours=self.rng.randint(0, 5))
        return self.now


def network_chat(rng: random.Random, net: Network, start: datetime) -> Conversation:
    """A chat between one of ``net``'s workers and a victim, up to a random late stage."""
    arch = net.archetype
    code = rng.choice(tuple(c for c in arch.languages if c in arch.scripts))
    lex = LEXICONS[code]
    country = rng.choice(lex.countries)
    currency = "USDT" if rng.random() < 0.5 else COUNTRY_CURRENCY[country]
    persona = rng.choice(lex.persona_names)
    victim = rng.choice(lex.victim_names)
    planted: list[Planted] = []
    domain = net.domains[0] if rng.random() < 0.85 else rng.choice(net.domains[1:])
    site = write_site(rng, domain)
    planted.append(Planted("domain", domain))
    # A chat on a side site still pays into the main wallet, which ties it to the rest.
    wallet = net.wallets[0] if domain != net.domains[0] or rng.random() < 0.5 else \
        rng.choice(net.wallets)
    paid = draw_loss(rng, currency)
    values = {
        "persona": persona,
        "victim": victim,
        "site": site,
        "wallet": write_wallet(rng, wallet),
        "amount": format_amount(paid, code),
        "currency": currency,
        "profit": format_amount(fake_profit(rng, paid, currency), code),
        "tax": str(rng.choice((10, 15, 20, 25, 30))),
    }
    other = persona
    if rng.random() < 0.3:
        # An unsaved contact shows up in the export under its phone number.
        phone = rng.choice(net.phones)
        other = str(phonenumbers.format_number(phonenumbers.parse(phone),
                                               phonenumbers.PhoneNumberFormat.INTERNATIONAL))
        planted.append(Planted("phone", phone, "sender"))
    clock = _Clock(rng, start)
    turns: list[Turn] = []

    def say(sender: int, template: str, stage: str, media: bool = False) -> None:
        text = render(template, rng, values) if template else ""
        turns.append(Turn(sender, text, clock.minutes(), stage, media))

    def deposit_turns(scammer: tuple[str, ...], reply: tuple[str, ...]) -> None:
        if rng.random() < 0.5:
            handle = rng.choice(net.handles)
            say(0, handle.written(rng), "deposit")
            planted.append(Planted(handle.kind, handle.value))
        say(0, rng.choice(scammer), "deposit")
        planted.append(Planted("wallet", wallet.address))
        say(1, rng.choice(reply), "deposit")

    opener, pitch = arch.scripts[code]
    if arch.scam_type == "task":
        # Task scams pay small commissions before asking for money, so "profit"
        # comes before "deposit" here.
        values["profit"] = format_amount(Decimal(rng.randint(3, 40)), code)
        order = ("contact", "pitch", "profit", "deposit", "withdrawal_blocked", "pressure")
        for stage in order[: rng.randint(4, 6)]:
            if stage != "contact":
                clock.days(0, 2)
            if stage == "contact":
                say(0, opener, stage)
            elif stage == "pitch":
                say(0, pitch, stage)
                say(1, rng.choice(lex.task_victim[stage]), stage)
                say(0, rng.choice(lex.task_scammer[stage]), stage)
            elif stage == "deposit":
                deposit_turns(lex.task_scammer[stage], lex.task_victim[stage])
            else:
                say(0, rng.choice(lex.task_scammer[stage]), stage)
                say(1, rng.choice(lex.task_victim[stage]), stage)
        return Conversation((other, victim), code, turns, net.id, arch.scam_type,
                            _unique(planted), [site])

    last = rng.choice((3, 4, 5, 5, 6, 6, 6))
    for stage in STAGES[: last + 1]:
        if stage != "contact":
            clock.days()
        if stage == "contact":
            say(0, opener, stage)
            say(1, rng.choice(lex.victim["contact"]), stage)
        elif stage == "rapport":
            for _ in range(rng.randint(2, 3)):
                say(0, rng.choice(lex.scammer["rapport"]), stage)
                if rng.random() < 0.3:
                    # A photo; Telegram keeps its caption, WhatsApp exports drop it.
                    caption = rng.choice(lex.media_caption) if rng.random() < 0.5 else ""
                    say(0, caption, stage, media=True)
                say(1, rng.choice(lex.victim["rapport"]), stage)
        elif stage == "pitch":
            say(0, pitch, stage)
            say(1, rng.choice(lex.victim["pitch"]), stage)
            line = rng.choice(lex.scammer["pitch"])
            if "{site}" not in line:
                line = line + "\n{site}"
            say(0, line, stage)
        elif stage == "deposit":
            deposit_turns(lex.scammer["deposit"], lex.victim["deposit"])
            if rng.random() < 0.3:
                say(1, rng.choice(lex.exchange_mention), stage)
                for ex in ("binance.com", "okx.com", "coinbase.com"):
                    if ex in turns[-1].text:
                        planted.append(Planted("domain", ex))
        elif stage == "profit":
            say(0, rng.choice(lex.scammer["profit"]), stage)
            say(1, rng.choice(lex.victim["profit"]), stage)
        elif stage == "withdrawal_blocked":
            say(1, rng.choice(lex.victim["withdrawal_blocked"]), stage)
            say(0, rng.choice(lex.scammer["withdrawal_blocked"]), stage)
        elif stage == "pressure":
            for _ in range(rng.randint(1, 2)):
                say(0, rng.choice(lex.scammer["pressure"]), stage)
            say(1, rng.choice(lex.victim["pressure"]), stage)
    return Conversation((other, victim), code, turns, net.id, arch.scam_type,
                        _unique(planted), [site])


def _unique(planted: list[Planted]) -> list[Planted]:
    return list(dict.fromkeys(planted))


def family_chat(rng: random.Random, language: str, start: datetime) -> Conversation:
    """A harmless family chat (a negative for the classifier and stage model)."""
    lex = LEXICONS[language]
    names = (rng.choice(lex.victim_names), rng.choice(lex.victim_names))
    clock = _Clock(rng, start)
    turns = [Turn(sender, text, clock.minutes(), None) for sender, text in lex.not_scam_chat]
    return Conversation(names, language, turns, None, "not_scam")


def delivery_chat(rng: random.Random, start: datetime) -> Conversation:
    """A genuine courier notice on a business chat (looks like smishing, but is not)."""
    clock = _Clock(rng, start)
    ref = f"{rng.randint(10, 99)}{rng.randint(10**7, 10**8 - 1)}"
    lines = (
        (0, f"Hello! Your parcel {ref} is out for delivery today between 14:00 and 17:00. "
            "No payment is needed. Reply 1 to confirm you will be home."),
        (1, "1"),
        (0, "Thank you. Our driver will call on arrival. You can also collect it at your local "
            "post office from tomorrow with your ID."),
        (1, "Great, thanks"),
        (0, f"Your parcel {ref} was delivered at 15:42. Thank you for choosing us."),
    )
    turns = [Turn(sender, text, clock.minutes(), None) for sender, text in lines]
    return Conversation(("Parcel Service", rng.choice(LEXICONS["en"].victim_names)), "en",
                        turns, None, "not_scam")
