"""Watchlist entities: what a list loader produces and the matcher screens against.

An entity is kept close to FollowTheMoney: ``schema`` is an FtM schema name
(Person, Organization, Company, Vessel, Airplane, LegalEntity) and
``properties`` uses FtM property names, so :meth:`ListEntity.to_ftm` is a
straight mapping. Wallets, identifiers and "Linked To" relations are kept as
typed records because the matcher and the diff need them structured.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from scamnet.model.records import Quarantined

__all__ = [
    "FTM_SCHEMAS",
    "Identifier",
    "ListEntity",
    "LoadResult",
    "Wallet",
]

#: FtM schemata a list entity may carry; the matcher treats the first three
#: groups (people, organisations, objects) differently.
FTM_SCHEMAS: frozenset[str] = frozenset({
    "Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane",
})


@dataclass(frozen=True, order=True)
class Wallet:
    """A crypto address named by a list.

    ``currency`` is the list's own tag (OFAC: XBT, ETH, USDT, TRX …);
    ``chain`` the chain it lives on (bitcoin, ethereum, tron …), inferred from
    the address form when the tag names a token rather than a chain (USDT);
    ``address`` is normalised (EVM and Bech32 lower-case).
    """

    chain: str
    address: str
    currency: str


@dataclass(frozen=True, order=True)
class Identifier:
    """An official identifier: ``type`` as the list words it (Passport, Tax ID No.)."""

    type: str
    value: str
    country: str | None = None
    ftm_property: str | None = None


def _freeze(props: Mapping[str, tuple[str, ...] | list[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in sorted(props.items()) if v})


def _restore(id: str, schema: str, name: str, aliases: tuple[str, ...],
             properties: dict[str, tuple[str, ...]], wallets: tuple[Wallet, ...],
             identifiers: tuple[Identifier, ...], relations: tuple[str, ...],
             line: int | None) -> ListEntity:
    """Unpickle a :class:`ListEntity` whose properties were frozen already."""
    entity = object.__new__(ListEntity)
    for attr, value in (("id", id), ("schema", schema), ("name", name), ("aliases", aliases),
                        ("properties", MappingProxyType(properties)), ("wallets", wallets),
                        ("identifiers", identifiers), ("relations", relations),
                        ("line", line)):
        object.__setattr__(entity, attr, value)
    return entity


@dataclass(frozen=True)
class ListEntity:
    """One entry of a sanctions list or watchlist.

    ``id`` is stable across snapshots of the same list (OFAC: ``ofac-<ent_num>``)
    so snapshots can be diffed. ``aliases`` hold strong a.k.a./f.k.a./n.k.a.
    names; weak aliases stay in ``properties['weakAlias']`` and are matched
    with a lower ceiling. ``relations`` are names from "Linked To:".
    ``line`` is where the entity starts in its file (1-based) when known.
    """

    id: str
    schema: str
    name: str
    aliases: tuple[str, ...] = ()
    properties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    wallets: tuple[Wallet, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    relations: tuple[str, ...] = ()
    line: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "properties", _freeze(self.properties))

    def __reduce__(self) -> tuple[Any, ...]:
        # The read-only properties view cannot be pickled, and the index cache
        # pickles thousands of entities: restore them without re-freezing.
        return (_restore, (self.id, self.schema, self.name, self.aliases,
                           dict(self.properties), self.wallets, self.identifiers,
                           self.relations, self.line))

    def first(self, prop: str) -> str | None:
        values = self.properties.get(prop, ())
        return values[0] if values else None

    def values(self, prop: str) -> tuple[str, ...]:
        return tuple(self.properties.get(prop, ()))

    def names(self) -> Iterator[tuple[str, bool]]:
        """Every name to match on with a flag for weak aliases."""
        yield self.name, False
        for alias in self.aliases:
            yield alias, False
        for weak in self.values("weakAlias"):
            yield weak, True

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form (docs/screening.md): also what snapshots store."""
        return {
            "id": self.id,
            "schema": self.schema,
            "name": self.name,
            "aliases": list(self.aliases),
            "properties": {k: list(v) for k, v in sorted(self.properties.items())},
            "wallets": [{"chain": w.chain, "address": w.address, "currency": w.currency}
                        for w in self.wallets],
            "identifiers": [{"type": i.type, "value": i.value, "country": i.country}
                            for i in self.identifiers],
            "relations": list(self.relations),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ListEntity:
        return cls(
            id=str(data["id"]), schema=str(data["schema"]), name=str(data["name"]),
            aliases=tuple(data.get("aliases", ())),
            properties={k: tuple(v) for k, v in dict(data.get("properties", {})).items()},
            wallets=tuple(Wallet(w["chain"], w["address"], w["currency"])
                          for w in data.get("wallets", ())),
            identifiers=tuple(Identifier(i["type"], i["value"], i.get("country"))
                              for i in data.get("identifiers", ())),
            relations=tuple(data.get("relations", ())),
        )

    def digest(self) -> str:
        """A content hash used to tell a changed entity between snapshots."""
        blob = json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def to_ftm(self) -> list[dict[str, Any]]:
        """FollowTheMoney entity dicts: the entity, then one CryptoWallet per wallet."""
        props: dict[str, list[str]] = {"name": [self.name]}
        if self.aliases:
            props["alias"] = list(self.aliases)
        for key, vals in self.properties.items():
            props.setdefault(key, []).extend(vals)
        for ident in self.identifiers:
            if ident.ftm_property:
                props.setdefault(ident.ftm_property, []).append(ident.value)
        out: list[dict[str, Any]] = [{"id": self.id, "schema": self.schema, "properties": props}]
        for w in self.wallets:
            wid = "{}-wallet-{}".format(self.id, hashlib.sha1(
                f"{w.chain}:{w.address}".encode()).hexdigest()[:12])
            out.append({"id": wid, "schema": "CryptoWallet", "properties": {
                "publicKey": [w.address], "currencySymbol": [w.currency], "blockchain": [w.chain],
                "holder": [self.id],
            }})
        return out


@dataclass
class LoadResult:
    """What a list loader returns: entities and the rows it could not use."""

    entities: list[ListEntity] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    format: str = ""
    #: Records read but not screenable (FtM Sanction, Address …), not errors.
    skipped: int = 0
