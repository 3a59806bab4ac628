"""Small numbers: counts of persons below 5 are not shown to users outside the reporting locality
(on pages and in exports); roll-ups and statuses still use the real figures."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from etl.access import Scope

if TYPE_CHECKING:  # the engine imports this module
    from etl.attainment import TargetResult

# Indicators that count persons: sex workers supported, persons handled or supported.
PERSON_COUNTS = frozenset({"sex_workers_supported", "handled_persons_supported", "violators_handled"})
SMALL = 5


def _small(value: int | None) -> bool:
    return value is not None and 0 < value < SMALL


def mask(results: list["TargetResult"], scope: Scope | None) -> list["TargetResult"]:
    """Each result as `scope`'s account may see it: a person count below 5 of another locality hidden
    (its exact figure and the share it would reveal). No scope (the command line): unchanged."""
    if scope is None:
        return results
    return [_hidden(r) if r.indicator_code in PERSON_COUNTS and r.locality_id != scope.root
            and (_small(r.numerator) or _small(r.denominator)) else r for r in results]


def _hidden(r: "TargetResult") -> "TargetResult":
    return replace(r, numerator=None if _small(r.numerator) else r.numerator,
                   denominator=None if _small(r.denominator) else r.denominator,
                   actual=None, previous_numerator=None, note=None, suppressed=True)
