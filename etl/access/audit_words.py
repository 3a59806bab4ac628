"""The audit trail in words for the Nhật ký page: stored details (kept as written, never rewritten in
the database) read with roles, units and plans named. Older rows say "leader/352@pre2025 → admin/None";
upload rows list unit codes and versions."""
from __future__ import annotations

import re

import duckdb

from etl.engine import lookups
from etl.labels_vi import ACCOUNT, I16, ROLE
from etl.model import localities
from etl.plans import plan_labels

_CHANGE = re.compile(r"^đổi (\S+): (\w+)/(\S+) → (\w+)/(\S+)$")
_ADD = re.compile(r"^thêm (\S+) \((\w+), (.+)\)$")
_PLAN = re.compile(r"^(sửa|tạo|ngừng theo dõi|nhập) (\S+)( từ .+)?$")
_UPLOAD = re.compile(r"^(.*) \(sha256 ([0-9a-f]+)\): (.*)$", re.S)
_RETURN = re.compile(r"^(\S+) quý (\d)/(\d{4}) v(\d+)$")


class Words:
    """Writes details in words, looking each unit and plan up once."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self._names: dict[tuple, str] = {}

    def detail(self, action: str, detail: str | None) -> str:
        text = (detail or "").strip()
        if action == "upload" and (m := _UPLOAD.match(text)):
            return I16["audit_upload"].format(file=m[1], digest=m[2][:8], returns=self.returns(m[3]))
        if m := _CHANGE.match(text):
            return I16["audit_access"].format(username=m[1], old=self.access(m[2], m[3]), new=self.access(m[4], m[5]))
        if m := _ADD.match(text):
            return I16["audit_add"].format(username=m[1], access=self.access(m[2], m[3]))
        if action == "plan" and (m := _PLAN.match(text)):
            return I16["audit_plan"].format(verb=m[1], plan=self.plan(m[2])) + (m[3] or "")
        if action == "login_ok" and text == "sso":
            return I16["audit_sso"]
        return text

    def access(self, role: str, locality_id: str) -> str:
        whole = locality_id in ("None", "", ACCOUNT["whole_country"])
        where = ACCOUNT["whole_country"] if whole else self.unit(locality_id)
        return f"{ROLE.get(role, role)}, {where}"

    def unit(self, locality_id: str) -> str:
        if ("id", locality_id) not in self._names:
            self._names[("id", locality_id)] = lookups.locality_name(self.con, locality_id) or locality_id
        return self._names[("id", locality_id)]

    def returns(self, listed: str) -> str:
        out = []
        for part in (listed or "").split(", "):
            m = _RETURN.match(part.strip())
            if not m:
                out.append(part)
                continue
            code, quarter, year, version = m[1], int(m[2]), int(m[3]), int(m[4])
            lid = localities.resolve(self.con, code, year, quarter)
            name = self.unit(lid) if lid else code
            out.append(I16["audit_return"].format(name=name, code=code, quarter=quarter, year=year, version=version))
        return "; ".join(out)

    def plan(self, plan_id: str) -> str:
        if ("plan", plan_id) not in self._names:
            label = plan_labels.labels(self.con, [plan_id]).get(plan_id)
            self._names[("plan", plan_id)] = f"{label} ({plan_id})" if label and plan_id not in label else label or plan_id
        return self._names[("plan", plan_id)]
