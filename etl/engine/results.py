"""What the engine says of one target in one cell (locality, year, quarter): the shared type of the engine
(etl/engine/attainment.py makes it, etl/engine/privacy.py hides parts of it) and of everything that shows it."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TargetResult:
    plan_id: str
    target_id: str
    locality_id: str
    locality_code: str
    indicator_code: str
    indicator_name: str
    levels: tuple[str, ...] | None
    section: str
    year: int
    quarter: int
    comparator: str
    target_value: float | None
    target_value_high: float | None
    unit: str
    numerator: int | None
    denominator: int | None
    actual: float | None
    expected: float | None
    status: str
    exceeded: bool
    previous_numerator: int | None
    own_return: bool | None
    children_reported: int | None
    children_total: int | None
    note: str | None
    clause: str
    suppressed: bool = False   # small numbers hidden from a viewer outside the locality (etl/engine/privacy.py)
    secondary: tuple[str, ...] = ()   # fields hidden only to protect a small number elsewhere (not small)
    across: str | None = None  # 'predecessors' / 'successors': the figure includes the other era's units
    compared: tuple[int, int] | None = None   # growth / no decrease: units with figures both years / units
    target_year: int | None = None            # the target's own year (a deadline: the plan's end by default)
    across_units: tuple[str, ...] = ()        # the other era's units the figure includes (etl/model/reform.py)
    across_split: tuple[str, ...] = ()        # ... of them, counted here by the majority of their predecessors
    ended_levels: tuple[str, ...] = ()        # split by level: levels whose units stopped on 30/06/2025
    judged_quarter: int | None = None         # ... every level ended: judged as at this quarter (2)
    merged_into: str | None = None            # an old commune merged with others on 1 July 2025: the new unit

    def as_dict(self) -> dict:
        return asdict(self)
