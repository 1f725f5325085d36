"""Loader for OFAC's advanced sanctions XML (``SDN_ADVANCED.XML``).

The advanced format keeps names and attributes as references into value
tables: ``ReferenceValueSets`` names each ``PartySubType``, ``AliasType``,
``NamePartType``, ``FeatureType`` and ``IDRegDocType`` by ID, and each
``DistinctParty`` holds a ``Profile`` whose ``Identity`` carries ``Alias``
names (``DocumentedName`` made of ``NamePartValue`` parts, ordered through
``NamePartGroups``) and whose ``Feature`` elements carry dates of birth,
digital currency addresses, websites and e-mail addresses. Official
documents come as ``IDRegDocument`` elements next to the parties.

Covered: names and aliases (weak = ``LowQuality``), schema, birth dates,
wallets, websites, e-mail, identity documents; features that point at a
``Location`` through ``VersionLocation`` (``Nationality Country`` ->
nationality, ``Citizenship Country`` -> citizenship, ``Place of Birth`` ->
birthPlace, ``Location``/``Address`` -> address and country; countries by
the ``ISO2`` of ``CountryValues`` or their name); and ``ProfileRelationships``
(the other party's primary name joins ``relations``, as "Linked To:" does in
the classic formats). Locations and relations are resolved after the whole
file is read, so their place in the file does not matter. A party that
cannot be read is quarantined; a file that stops being well-formed keeps the
parties before the break and quarantines the tail.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from scamnet.model.records import Quarantined, sha256_hex
from scamnet.screen.entities import Identifier, ListEntity, LoadResult, Wallet
from scamnet.screen.keys import chain_for
from scamnet.screen.remarks import country_code, parse_remarks

__all__ = ["load_sdn_advanced_xml"]

_SCHEMA = {"individual": "Person", "entity": "Organization", "vessel": "Vessel",
           "aircraft": "Airplane"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _kids(el: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in el if _local(c.tag) == name)


def _all(el: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in el.iter() if _local(c.tag) == name)


@dataclass
class _Refs:
    """The ID -> name tables of ``ReferenceValueSets``."""

    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    countries: list[ET.Element] = field(default_factory=list)

    def name(self, table: str, ref: str | None) -> str:
        return self.tables.get(table, {}).get(ref or "", "")

    def read(self, el: ET.Element) -> None:
        for values in el:
            table = _local(values.tag)
            self.tables[table] = {v.get("ID", ""): (v.text or "").strip() for v in values}
            if table == "CountryValues":
                self.countries = list(values)


def _date(el: ET.Element) -> str | None:
    start = next(_all(el, "From"), None)
    if start is None:
        return None
    parts = {_local(c.tag): (c.text or "").strip() for c in start}
    year = parts.get("Year", "")
    if not year.isdigit():
        return None
    if parts.get("Month", "").isdigit():
        month = int(parts["Month"])
        if parts.get("Day", "").isdigit():
            return f"{int(year):04d}-{month:02d}-{int(parts['Day']):02d}"
        return f"{int(year):04d}-{month:02d}"
    return year


def _name(alias: ET.Element, order: dict[str, str], refs: _Refs) -> str:
    """A documented name, last name first as OFAC writes it ("CHEN, Zhi")."""
    parts: list[tuple[str, str]] = []
    for value in _all(alias, "NamePartValue"):
        kind = refs.name("NamePartTypeValues", order.get(value.get("NamePartGroupID", "")))
        parts.append((kind, (value.text or "").strip()))
    last = " ".join(t for k, t in parts if k == "Last Name")
    rest = " ".join(t for k, t in parts if k != "Last Name" and t)
    if last and rest:
        return f"{last}, {rest}"
    return last or rest


# Features whose value is a Location, and the property each fills.
_LOCATION_FEATURES = {"nationality country": "nationality", "citizenship country": "citizenship",
                      "place of birth": "birthPlace", "location": "address",
                      "address": "address"}


@dataclass
class _Location:
    country: str | None  # ISO code, lower case
    country_name: str
    text: str


def _location(el: ET.Element, countries: dict[str, tuple[str | None, str]]) -> _Location:
    country = next(_all(el, "LocationCountry"), None)
    code, cname = countries.get(country.get("CountryID", "") if country is not None else "",
                                (None, ""))
    parts = [(v.text or "").strip() for v in _all(el, "Value")]
    text = ", ".join(p for p in [*parts, cname] if p)
    return _Location(code, cname, text)


def _party(party: ET.Element, refs: _Refs,
           pending: list[tuple[str, str, str]] | None = None) -> ListEntity:
    """One party; features pointing at locations go to ``pending`` as
    (profile, property, location id) to resolve once locations are known."""
    ref = party.get("FixedRef", "")
    if not ref.isdigit():
        raise ValueError(f"FixedRef {ref!r} is not a number")
    profile = next(_kids(party, "Profile"), None)
    if profile is None:
        raise ValueError("DistinctParty has no Profile")
    sub = refs.name("PartySubTypeValues", profile.get("PartySubTypeID")).lower()
    schema = _SCHEMA.get(sub, "Organization")
    names: list[tuple[str, bool, bool]] = []
    for identity in _kids(profile, "Identity"):
        order = {g.get("ID", ""): g.get("NamePartTypeID", "")
                 for g in _all(identity, "NamePartGroup")}
        for alias in _kids(identity, "Alias"):
            text = _name(alias, order, refs)
            if text:
                names.append((text, alias.get("Primary") == "true",
                              alias.get("LowQuality") == "true"))
    primary = next((n for n, p, _ in names if p), names[0][0] if names else "")
    if not primary:
        raise ValueError("DistinctParty has no name")
    props: dict[str, list[str]] = {}
    wallets: list[Wallet] = []
    for feature in _kids(profile, "Feature"):
        ftype = refs.name("FeatureTypeValues", feature.get("FeatureTypeID"))
        detail = next(_all(feature, "VersionDetail"), None)
        text = (detail.text or "").strip() if detail is not None else ""
        if ftype.startswith("Digital Currency Address") and text:
            tag = ftype.rsplit("-", 1)[-1].strip().upper()
            parsed = parse_remarks(f"Digital Currency Address - {tag} {text}")
            wallets.extend(parsed.wallets or [Wallet(chain_for(tag, text), text, tag)])
        elif ftype == "Birthdate":
            iso = _date(feature)
            if iso:
                props.setdefault("birthDate", []).append(iso)
        elif ftype in ("Website", "Email Address") and text:
            props.setdefault("website" if ftype == "Website" else "email", []).append(text)
        elif ftype == "Gender" and text:
            props.setdefault("gender", []).append(text.lower())
        elif ftype.lower() in _LOCATION_FEATURES and pending is not None:
            for loc in _all(feature, "VersionLocation"):
                pending.append((ref, _LOCATION_FEATURES[ftype.lower()], loc.get("LocationID", "")))
    aliases = tuple(dict.fromkeys(n for n, _p, weak in names if n != primary and not weak))
    weak = [n for n, _p, w in names if w and n != primary]
    if weak:
        props["weakAlias"] = weak
    return ListEntity(id=f"ofac-{ref}", schema=schema, name=primary, aliases=aliases,
                      properties={k: tuple(v) for k, v in props.items()},
                      wallets=tuple(dict.fromkeys(wallets)))


def load_sdn_advanced_xml(data: bytes, path: str = "SDN_ADVANCED.XML") -> LoadResult:
    """Load OFAC's advanced XML (see the module docstring for what is covered)."""
    result = LoadResult(format="ofac-advanced")
    sha = sha256_hex(data)
    refs = _Refs()
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("end",))
    by_profile: dict[str, ListEntity] = {}
    identity_owner: dict[str, str] = {}
    documents: list[ET.Element] = []
    locations: dict[str, ET.Element] = {}
    pending: list[tuple[str, str, str]] = []
    relations: list[tuple[str, str, str]] = []
    line = 0
    failed: str | None = None
    for raw in data.splitlines(keepends=True):
        line += 1
        try:
            parser.feed(raw)
            for event in parser.read_events():
                _kind, el = cast("tuple[str, object]", event)
                if not isinstance(el, ET.Element):
                    continue
                tag = _local(el.tag)
                if tag == "ReferenceValueSets":
                    refs.read(el)
                elif tag == "Location" and el.get("ID"):
                    locations[el.get("ID", "")] = el
                elif tag == "ProfileRelationship":
                    relations.append((el.get("From-ProfileID", ""), el.get("To-ProfileID", ""),
                                      el.get("RelationTypeID", "")))
                elif tag == "DistinctParty":
                    try:
                        entity = _party(el, refs, pending)
                        by_profile[el.get("FixedRef", "")] = entity
                        for identity in _all(el, "Identity"):
                            identity_owner[identity.get("ID", "")] = el.get("FixedRef", "")
                    except ValueError as exc:
                        result.quarantined.append(Quarantined(
                            path, f"bad DistinctParty: {exc}",
                            ET.tostring(el, encoding="unicode")[:2000].encode(), sha, line=line,
                            record_id=el.get("FixedRef")))
                    el.clear()
                elif tag == "IDRegDocument":
                    documents.append(el)
        except ET.ParseError as exc:
            failed = f"XML not well-formed: {exc}"
            break
    if failed is None:
        try:
            parser.close()
        except ET.ParseError as exc:
            failed = f"XML not well-formed (truncated file?): {exc}"
    if failed is not None:
        tail = b"".join(data.splitlines(keepends=True)[max(line - 1, 0):])
        result.quarantined.append(Quarantined(
            path, f"{failed}; {len(by_profile)} parties before it were loaded",
            tail[:100_000], sha, line=line))
    idents: dict[str, list[Identifier]] = {}
    for doc in documents:
        number = next(_all(doc, "IDRegistrationNo"), None)
        owner = identity_owner.get(doc.get("IdentityID", ""), "")
        kind = refs.name("IDRegDocTypeValues", doc.get("IDRegDocTypeID"))
        if number is not None and (number.text or "").strip() and kind:
            parsed = parse_remarks(f"{kind} {(number.text or '').strip()}")
            found = parsed.identifiers or [Identifier(kind, (number.text or "").strip())]
            idents.setdefault(owner, []).extend(found)
    countries = {c.get("ID", ""): ((c.get("ISO2") or "").lower() or country_code(c.text or ""),
                                   (c.text or "").strip())
                 for c in refs.countries}
    places: dict[str, dict[str, list[str]]] = {}
    for ref, prop, loc_id in pending:
        el = locations.get(loc_id)
        if el is None:
            continue
        loc = _location(el, countries)
        got = places.setdefault(ref, {})
        if prop in ("nationality", "citizenship"):
            if loc.country:
                got.setdefault(prop, []).append(loc.country)
        elif loc.text:
            got.setdefault(prop, []).append(loc.text)
            if prop == "address" and loc.country:
                got.setdefault("country", []).append(loc.country)
    linked: dict[str, list[str]] = {}
    for src, dst, _type in relations:
        if src in by_profile and dst in by_profile:
            linked.setdefault(src, []).append(by_profile[dst].name)
    for ref, entity in by_profile.items():
        extra = idents.get(ref, [])
        props = {k: list(v) for k, v in entity.properties.items()}
        for prop, values in places.get(ref, {}).items():
            props[prop] = list(dict.fromkeys([*props.get(prop, []), *values]))
        rels = tuple(dict.fromkeys([*entity.relations, *linked.get(ref, [])]))
        if extra or ref in places or rels:
            entity = ListEntity(entity.id, entity.schema, entity.name, entity.aliases,
                                {k: tuple(v) for k, v in props.items()}, entity.wallets,
                                tuple(extra) or entity.identifiers, rels)
        result.entities.append(entity)
    return result

