"""Build data/localities.csv from the `vietnamadminunits` package.

Run: python scripts/build_localities.py   (needs requirements-dev.txt)

Writes every province, district and commune-level unit before the 1 July 2025
reform (valid until 2025-06-30) and after it (valid from 2025-07-01), the
old -> new successor of each old unit, and the neighbourhood units the seed
plans count (local codes, marked as such).
"""
from __future__ import annotations

import csv
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from pathlib import Path

import vietnamadminunits

PACKAGE_DATA = Path(vietnamadminunits.__file__).parent / "data"
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "localities.csv"
OLD_END = "2025-06-30"
NEW_START = "2025-07-01"
COLUMNS = ["locality_id", "code", "name", "level", "unit_type", "parent_id",
           "valid_from", "valid_to", "successor_id", "local_code"]

# Neighbourhood units the seed plans count. Names follow the usual pattern;
# codes are local (commune code + suffix), not official.
NEIGHBOURHOODS = {
    "15349@pre2025": [("KP", "Khu phố", n) for n in range(1, 11)],
    "11473@2025": [("TDP", "Tổ dân phố", n) for n in range(1, 21)],
    "13699@2025": [("TDP", "Tổ dân phố", n) for n in range(1, 13)]
    + [("TH", "Thôn", n) for n in range(1, 5)]
    + [("XM", "Xóm", n) for n in range(1, 3)],
}


def ascii_key(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9_]", "", text)


def old_id(code: str) -> str:
    return f"{code}@pre2025"


def new_id(code: str) -> str:
    return f"{code}@2025"


def unit_type(name: str) -> str:
    for prefix in ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Phường", "Xã"):
        if name.startswith(prefix):
            return prefix
    return ""


def row(locality_id, code, name, level, parent_id, valid_from, valid_to, successor_id="", local=False):
    return {"locality_id": locality_id, "code": code, "name": name, "level": level,
            "unit_type": unit_type(name), "parent_id": parent_id, "valid_from": valid_from,
            "valid_to": valid_to, "successor_id": successor_id, "local_code": int(local)}


def load_tables():
    con = sqlite3.connect(PACKAGE_DATA / "dataset.db")
    con.row_factory = sqlite3.Row
    legacy = [dict(r) for r in con.execute("SELECT * FROM admin_units_legacy")]
    current = [dict(r) for r in con.execute("SELECT * FROM admin_units")]
    converter = json.loads((PACKAGE_DATA / "converter_2025.json").read_text(encoding="utf-8"))
    return legacy, current, converter


def successor_maps(current, converter):
    """Old ward full key -> new ward id; old province key -> new province id."""
    new_ward = {(ascii_key(r["provinceKey"]), ascii_key(r["wardKey"])): new_id(r["wardCode"]) for r in current}
    new_province = {ascii_key(r["provinceKey"]): new_id(r["provinceCode"]) for r in current}
    ward_successor: dict[str, str] = {}
    for prov, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            for old_key in old_keys:
                target = new_ward.get((ascii_key(prov), ascii_key(new_key)))
                if target:
                    ward_successor.setdefault(ascii_key(old_key), target)
    for prov, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            default = next((p for p in parts if p["isDefaultNewWard"]), parts[0])
            target = new_ward.get((ascii_key(prov), ascii_key(default["newWardKey"])))
            if target:
                ward_successor[ascii_key(old_key)] = target
    province_successor = {ascii_key(old): new_province[ascii_key(new)]
                          for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
    return ward_successor, province_successor


def build() -> list[dict]:
    legacy, current, converter = load_tables()
    ward_successor, province_successor = successor_maps(current, converter)
    rows: dict[str, dict] = {}
    district_successors: dict[str, Counter] = {}
    for r in legacy:
        pid, did = old_id(r["provinceCode"]), old_id(r["districtCode"])
        rows.setdefault(pid, row(pid, r["provinceCode"], r["province"], "province", "", "", OLD_END,
                                 province_successor.get(ascii_key(r["provinceKey"]), "")))
        rows.setdefault(did, row(did, r["districtCode"], r["district"], "district", pid, "", OLD_END))
        if not r["wardCode"]:
            continue
        full_key = ascii_key(f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}")
        successor = ward_successor.get(full_key, "")
        rows[old_id(r["wardCode"])] = row(old_id(r["wardCode"]), r["wardCode"], r["ward"], "commune",
                                          did, "", OLD_END, successor)
        district_successors.setdefault(did, Counter())[rows[pid]["successor_id"]] += 1
    for did, counts in district_successors.items():
        rows[did]["successor_id"] = counts.most_common(1)[0][0]  # districts were abolished: their area passes to the new province
    for r in current:
        pid = new_id(r["provinceCode"])
        rows.setdefault(pid, row(pid, r["provinceCode"], r["province"], "province", "", NEW_START, ""))
        rows[new_id(r["wardCode"])] = row(new_id(r["wardCode"]), r["wardCode"], r["ward"], "commune",
                                          pid, NEW_START, "")
    # Island districts with no communes became special zones (đặc khu) of the same name; the converter
    # gives them no successor (migration 023 applies the same to existing databases).
    zones = {r["name"].removeprefix("Đặc khu "): r["locality_id"] for r in rows.values()
             if r["valid_from"] == NEW_START and r["name"].startswith("Đặc khu ")}
    for r in rows.values():
        if r["level"] == "district" and not r["successor_id"] and r["name"].startswith("Huyện "):
            r["successor_id"] = zones.get(r["name"].removeprefix("Huyện "), "")
    for parent_id, units in NEIGHBOURHOODS.items():
        parent = rows[parent_id]
        for suffix, kind, number in units:
            code = f"{parent['code']}-{suffix}{number:02d}"
            rows[f"{code}@{parent_id.split('@')[1]}"] = row(
                f"{code}@{parent_id.split('@')[1]}", code, f"{kind} {number}", "neighbourhood", parent_id,
                parent["valid_from"], parent["valid_to"], "", local=True)
            rows[f"{code}@{parent_id.split('@')[1]}"]["unit_type"] = kind
    return sorted(rows.values(), key=lambda r: (r["valid_from"], r["level"] != "province", r["code"]))


def main() -> None:
    rows = build()
    with OUTPUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    levels = Counter((r["level"], r["valid_to"] or "current") for r in rows)
    print(f"wrote {len(rows)} localities to {OUTPUT}: {dict(levels)}")
    missing = sum(1 for r in rows if r["valid_to"] == OLD_END and r["level"] == "commune" and not r["successor_id"])
    print(f"old communes without a successor: {missing}")


if __name__ == "__main__":
    main()
