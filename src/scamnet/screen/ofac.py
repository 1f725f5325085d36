"""Loaders for OFAC's SDN list: the legacy CSV files and the classic SDN.XML.

Legacy CSV (``sdn.csv``): no header, 12 columns, ``-0-`` for empty, latin-1,
CRLF lines and a 0x1A trailer; optional ``add.csv`` (addresses) and
``alt.csv`` (aliases) join on ``ent_num``. Every CSV line is one record, so a
broken line (unbalanced quote, wrong column count, bad ``ent_num``) is
quarantined with its line number and the rest loads. The classic XML
(``sdnList`` / ``sdnEntry``) is parsed entry by entry; a file that is not
well-formed keeps the entries before the break and quarantines the rest.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from scamnet.model.records import Quarantined, sha256_hex
from scamnet.screen.entities import Identifier, ListEntity, LoadResult, Wallet
from scamnet.screen.keys import chain_for
from scamnet.screen.remarks import country_code, parse_date, parse_remarks

__all__ = ["load_sdn_csv", "load_sdn_xml", "sdn_schema"]

_EMPTY = "-0-"
_TYPES = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}


def sdn_schema(sdn_type: str) -> str:
    """FtM schema for OFAC's SDN_Type (empty means an entity: an Organization)."""
    return _TYPES.get(sdn_type.strip().lower(), "Organization")


def _text(data: bytes) -> str:
    # OFAC's legacy files are latin-1; newer downloads can be UTF-8. UTF-8 is
    # tried first because latin-1 never fails and would mangle it.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\x1a", "").lstrip("\ufeff")


def _lines(data: bytes) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(_text(data).splitlines(), start=1):
        if line.strip():
            yield n, line


def _cell(value: str) -> str:
    v = value.strip()
    return "" if v == _EMPTY else v


def _row(line: str) -> list[str]:
    rows = list(csv.reader([line], strict=True))
    if len(rows) != 1:
        raise csv.Error("line holds more than one record")
    return [_cell(c) for c in rows[0]]


@dataclass
class _Draft:
    """An SDN entry being assembled from sdn.csv, add.csv and alt.csv."""

    ent_num: str
    schema: str
    name: str
    line: int
    aliases: list[str] = field(default_factory=list)
    props: dict[str, list[str]] = field(default_factory=dict)
    wallets: list[Wallet] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)

    def add(self, prop: str, value: str) -> None:
        vals = self.props.setdefault(prop, [])
        if value and value not in vals:
            vals.append(value)

    def build(self, prefix: str) -> ListEntity:
        aliases = tuple(dict.fromkeys(a for a in self.aliases if a and a != self.name))
        return ListEntity(
            id=f"{prefix}-{self.ent_num}", schema=self.schema, name=self.name, aliases=aliases,
            properties={k: tuple(v) for k, v in self.props.items()},
            wallets=tuple(dict.fromkeys(self.wallets)), identifiers=tuple(self.identifiers),
            relations=tuple(self.relations), line=self.line or None,
        )


def _quarantine(path: str, sha: str, line: int | None, reason: str, raw: str,
                field: str | None = None, record: str | None = None) -> Quarantined:
    return Quarantined(path=path, reason=reason, raw=raw.encode("utf-8", "replace"),
                       evidence_sha256=sha, line=line, field=field, record_id=record)


def load_sdn_csv(data: bytes, path: str = "sdn.csv", *, add: bytes | None = None,
                 alt: bytes | None = None, prefix: str = "ofac") -> LoadResult:
    """Load OFAC's legacy ``sdn.csv`` (with ``add.csv``/``alt.csv`` when given).

    Entity ids are ``<prefix>-<ent_num>``. Bad lines and remark values that
    fail their checks (a wallet cut off mid-address) come back quarantined.
    """
    result = LoadResult(format="ofac-csv")
    sha = sha256_hex(data)
    drafts: dict[str, _Draft] = {}
    for n, line in _lines(data):
        try:
            cells = _row(line)
        except csv.Error as exc:
            result.quarantined.append(_quarantine(path, sha, n, f"broken CSV line: {exc}", line))
            continue
        if len(cells) != 12:
            result.quarantined.append(_quarantine(
                path, sha, n, f"expected 12 columns, found {len(cells)} (truncated row?)", line))
            continue
        ent_num, name, sdn_type, program, title, call_sign, vess_type, tonnage, grt, flag, \
            owner, remarks = cells
        if not ent_num.isdigit():
            result.quarantined.append(_quarantine(
                path, sha, n, f"ent_num {ent_num!r} is not a number", line, field="ent_num"))
            continue
        if not name:
            result.quarantined.append(_quarantine(
                path, sha, n, "empty SDN_Name", line, field="SDN_Name", record=ent_num))
            continue
        d = _Draft(ent_num, sdn_schema(sdn_type), name, n)
        for p in re.split(r"\]\s*\[", program):
            d.add("program", p.strip("[] "))
        d.add("position", title)
        d.add("callSign", call_sign)
        d.add("type", vess_type)
        d.add("tonnage", tonnage.replace(",", ""))
        d.add("grossRegisteredTonnage", grt.replace(",", ""))
        if flag:
            d.add("flag", country_code(flag) or flag)
        if owner:
            d.add("notes", f"Owner: {owner}")
        if remarks:
            parsed = parse_remarks(remarks)
            d.aliases.extend(parsed.aliases)
            for key, vals in parsed.properties.items():
                for v in vals:
                    d.add(key, v)
            d.wallets.extend(parsed.wallets)
            d.identifiers.extend(parsed.identifiers)
            d.relations.extend(parsed.relations)
            for problem in parsed.problems:
                result.quarantined.append(_quarantine(
                    path, sha, n, problem, line, field="Remarks", record=ent_num))
        if ent_num in drafts:
            result.quarantined.append(_quarantine(
                path, sha, n, f"duplicate ent_num {ent_num} (first on line "
                f"{drafts[ent_num].line})", line, field="ent_num", record=ent_num))
            continue
        drafts[ent_num] = d
    if alt is not None:
        _join_alt(alt, drafts, result)
    if add is not None:
        _join_add(add, drafts, result)
    result.entities = [d.build(prefix) for d in drafts.values()]
    return result


def _side_rows(data: bytes, path: str, drafts: dict[str, _Draft], result: LoadResult,
               min_cells: int, columns: int) -> Iterator[tuple[_Draft, list[str]]]:
    """Rows of a side file (alt.csv, add.csv) with the sdn.csv entry each belongs to.

    A broken line, one with fewer than ``min_cells`` cells (the file has
    ``columns``), or one naming an entry sdn.csv does not have is quarantined.
    """
    sha = sha256_hex(data)
    for n, line in _lines(data):
        try:
            cells = _row(line)
        except csv.Error as exc:
            result.quarantined.append(_quarantine(path, sha, n, f"broken CSV line: {exc}", line))
            continue
        if len(cells) < min_cells or cells[0] not in drafts:
            reason = (f"expected {columns} columns" if len(cells) < min_cells
                      else f"ent_num {cells[0]!r} is not in sdn.csv")
            result.quarantined.append(_quarantine(path, sha, n, reason, line))
            continue
        yield drafts[cells[0]], cells


def _join_alt(data: bytes, drafts: dict[str, _Draft], result: LoadResult,
              path: str = "alt.csv") -> None:
    # alt.csv: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks
    for d, cells in _side_rows(data, path, drafts, result, min_cells=4, columns=5):
        kind, name = cells[2].lower(), cells[3]
        if not name:
            continue
        if "weak" in (cells[4] if len(cells) > 4 else "").lower():
            d.add("weakAlias", name)
        else:
            d.aliases.append(name)
            if kind == "fka":
                d.add("previousName", name)


def _join_add(data: bytes, drafts: dict[str, _Draft], result: LoadResult,
              path: str = "add.csv") -> None:
    # add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks
    for d, cells in _side_rows(data, path, drafts, result, min_cells=5, columns=6):
        full = ", ".join(c for c in (cells[2], cells[3], cells[4]) if c)
        d.add("address", full)
        if cells[4]:
            d.add("country", country_code(cells[4]) or cells[4])


# -- classic SDN.XML ---------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(el: ET.Element, name: str) -> str:
    for child in el:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _xml_entry(el: ET.Element, line: int | None) -> ListEntity:
    uid = _child_text(el, "uid")
    if not uid.isdigit():
        raise ValueError(f"uid {uid!r} is not a number")
    last, first = _child_text(el, "lastName"), _child_text(el, "firstName")
    if not last and not first:
        raise ValueError("entry has no name (lastName/firstName)")
    name = f"{last}, {first}" if last and first else (last or first)
    d = _Draft(uid, sdn_schema(_child_text(el, "sdnType").replace("Entity", "")), name,
               line or 0)
    d.add("position", _child_text(el, "title"))
    for holder in _children(el, "programList"):
        for p in _children(holder, "program"):
            d.add("program", (p.text or "").strip())
    for holder in _children(el, "akaList"):
        for aka in _children(holder, "aka"):
            al, af = _child_text(aka, "lastName"), _child_text(aka, "firstName")
            alias = f"{al}, {af}" if al and af else (al or af)
            if _child_text(aka, "category").lower() == "weak":
                d.add("weakAlias", alias)
            else:
                d.aliases.append(alias)
    for holder in _children(el, "idList"):
        for ident in _children(holder, "id"):
            typ, num = _child_text(ident, "idType"), _child_text(ident, "idNumber")
            if typ.startswith("Digital Currency Address"):
                tag = typ.rsplit("-", 1)[-1].strip()
                chain = chain_for(tag, num)
                addr = num.lower() if num.lower().startswith(("0x", "bc1")) else num
                d.wallets.append(Wallet(chain, addr, tag.upper()))
            elif typ in ("Email Address", "Website"):
                d.add("email" if typ.startswith("Email") else "website", num)
            elif num:
                parsed = parse_remarks(f"{typ} {num}")
                ids = parsed.identifiers or [Identifier(typ, num, None, None)]
                country = _child_text(ident, "idCountry") or None
                d.identifiers.extend(Identifier(i.type, i.value, country or i.country,
                                                i.ftm_property) for i in ids)
    for holder in _children(el, "dateOfBirthList"):
        for item in _children(holder, "dateOfBirthItem"):
            iso = parse_date(_child_text(item, "dateOfBirth"))
            if iso:
                d.add("birthDate", iso)
    for holder in _children(el, "placeOfBirthList"):
        for item in _children(holder, "placeOfBirthItem"):
            d.add("birthPlace", _child_text(item, "placeOfBirth"))
    for tag, prop in (("nationalityList", "nationality"), ("citizenshipList", "citizenship")):
        for holder in _children(el, tag):
            for item in holder:
                c = _child_text(item, "country")
                if c:
                    d.add(prop, country_code(c) or c)
    for holder in _children(el, "addressList"):
        for address in _children(holder, "address"):
            country = _child_text(address, "country")
            parts = [_child_text(address, k) for k in ("address1", "city", "postalCode")]
            d.add("address", ", ".join(p for p in [*parts, country] if p))
            if country:
                d.add("country", country_code(country) or country)
    remarks = _child_text(el, "remarks")
    if remarks:
        parsed = parse_remarks(remarks)
        d.relations.extend(parsed.relations)
        d.wallets.extend(parsed.wallets)
    return d.build("ofac")


def load_sdn_xml(data: bytes, path: str = "SDN.XML") -> LoadResult:
    """Load OFAC's classic ``SDN.XML`` (``sdnList`` of ``sdnEntry``).

    An entry missing its uid or name is quarantined; a file that stops being
    well-formed keeps every entry read before the break and quarantines the
    unread tail with the parser's line number.
    """
    result = LoadResult(format="ofac-xml")
    sha = sha256_hex(data)
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("end",))
    # Feed line by line so a parse error can name the line it happened on.
    seen_lines = 0
    failed: str | None = None
    stream = io.BytesIO(data)
    for raw in stream:
        seen_lines += 1
        try:
            parser.feed(raw)
            for event in parser.read_events():
                _kind, el = cast("tuple[str, object]", event)
                if not isinstance(el, ET.Element) or _local(el.tag) != "sdnEntry":
                    continue
                try:
                    result.entities.append(_xml_entry(el, None))
                except ValueError as exc:
                    result.quarantined.append(_quarantine(
                        path, sha, seen_lines, f"bad sdnEntry: {exc}",
                        ET.tostring(el, encoding="unicode")[:2000]))
                el.clear()
        except ET.ParseError as exc:
            failed = f"XML not well-formed: {exc}"
            break
    if failed is None:
        try:
            parser.close()
        except ET.ParseError as exc:
            failed = f"XML not well-formed (truncated file?): {exc}"
    if failed is not None:
        tail = data.split(b"\n")[max(seen_lines - 1, 0):]
        result.quarantined.append(Quarantined(
            path=path, reason=failed + f"; {len(result.entities)} entries before it were loaded",
            raw=b"\n".join(tail)[:100_000], evidence_sha256=sha, line=seen_lines))
    return result
