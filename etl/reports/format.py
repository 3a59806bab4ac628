"""Numbers and targets written the Vietnamese way: 1.234,5 and 70,0%. Pure functions."""
from __future__ import annotations

import math

from etl.labels_vi import I16, LEVEL, REFORM, SMALL_NUMBERS, STATUS, STATUS_ICON, UI
from etl.model.target_words import number, reads_as_share, target_text  # noqa: F401  (the one wording; pages call fmt.target_text)


def percent(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else f"{number(value, decimals)}%"


def fraction(numerator: int | None, denominator: int | None) -> str:
    if numerator is None:
        return "–"
    return number(numerator) if denominator is None else f"{number(numerator)}/{number(denominator)}"


STATUS_COLOUR = {"met": "#009E73", "on_track": "#56B4E9", "behind": "#E69F00", "not_met": "#D55E00",
                 "no_data": "#BBBBBB"}   # Okabe–Ito, readable with colour blindness; charts and the Excel export


def is_share(r) -> bool:
    """Whether a result's actual reads as a percentage."""
    return reads_as_share(r.unit, r.comparator)


SMALL = "<5"
HIDDEN = SMALL_NUMBERS["hidden"]


def hidden_mark(r, field: str) -> str:
    """How a hidden numerator or denominator reads: "<5" when it is small, "ẩn" when it is hidden only
    to protect a small number elsewhere (secondary suppression, etl/engine/privacy.py)."""
    return HIDDEN if field in r.secondary else SMALL


def actual_of(r) -> str:
    """A result's actual, as its viewer may see it ("<5" for a hidden small count of persons)."""
    if r.suppressed:
        small = not r.secondary or (r.numerator is None and "numerator" not in r.secondary)
        return SMALL if small else HIDDEN
    return actual_text(r.comparator, r.unit, r.actual, r.numerator)


def fraction_of(r) -> str:
    if r.suppressed:
        part = lambda f: hidden_mark(r, f) if getattr(r, f) is None else number(getattr(r, f))  # noqa: E731
        return part("numerator") if r.denominator is None and "denominator" not in r.secondary and \
            r.comparator != "qualitative" and r.unit != "%" else f"{part('numerator')}/{part('denominator')}"
    return fraction(r.numerator, r.denominator)


def detail_of(r) -> str:
    """' (37/148)' to put after a result, only where the fraction says more than it: never '3 (3)'."""
    fraction = fraction_of(r)
    return "" if fraction in (actual_of(r), "–") else f" ({fraction})"


def whole_pace(r) -> float | None:
    """The pace due by now for a count of things (sessions, events): a whole number, rounded towards
    the safe side (up for "at least", down for "at most"); shares keep their decimals."""
    if r.expected is None or r.unit == "%" or r.comparator in ("growth", "no_decrease", "qualitative"):
        return r.expected
    return float(math.floor(r.expected + 1e-9) if r.comparator == "at_most" else math.ceil(r.expected - 1e-9))


def status(code: str, exceeded: bool = False) -> str:
    """A status in words with its icon; "vượt mức" when above a range's (or growth band's) high end."""
    return f"{STATUS_ICON[code]} {STATUS[code]}" + (REFORM["exceeded"] if exceeded else "")


def actual_text(rule: str, unit: str, actual: float | None, numerator: int | None) -> str:
    if numerator is None:
        return "–"
    if rule == "qualitative":
        return UI["actual_done"] if actual == 100 else (UI["actual_not_done"] if actual == 0 else percent(actual))
    if rule == "growth":
        return "–" if actual is None else f"{'+' if actual >= 0 else ''}{percent(actual)}"
    if reads_as_share(unit, rule):
        return "0/0" if actual is None else percent(actual)
    return number(actual)


def target_number(target_id: str) -> str:
    """The target's number in its plan: 'vinhloc-2023#03' -> '3'."""
    return target_id.rsplit("#", 1)[-1].lstrip("0")


def target_label(indicator_name: str, levels: tuple[str, ...] | None, target_id: str) -> str:
    """'3. Cán bộ … được tập huấn (cấp tỉnh)': numbered as in the plan, the level where a target is split."""
    where = f" ({', '.join(LEVEL[l].lower() for l in levels)})" if levels else ""
    return f"{target_number(target_id)}. {indicator_name}{where}"


def expected_text(r) -> str:
    """What the target asks by the end of the period viewed (its pro-rated part where it accumulates)."""
    if r.expected is None or r.comparator == "qualitative":
        return "–"
    if r.comparator == "growth":
        return UI["expected_growth"].format(expected=percent(r.expected))
    if r.comparator == "no_decrease":
        return f"≥ {number(r.expected)}"
    if is_share(r):
        return f"{'≤' if r.comparator == 'at_most' else '≥'} {percent(r.expected)}"
    return f"{'≤' if r.comparator == 'at_most' else '≥'} {number(whole_pace(r))} {r.unit}"


def behind_sentence(r, period: str) -> str:
    """A target that is behind, in words a leader can read aloud."""
    label = target_label(r.indicator_name, r.levels, r.target_id)
    target = target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year)
    actual = actual_of(r)
    if r.comparator == "qualitative":
        return UI["behind_qualitative"].format(label=label, fraction=fraction_of(r),
                                               status=STATUS[r.status])
    elif r.comparator == "at_most":
        need = UI["need_target"].format(target=target)
    elif r.comparator in ("growth", "no_decrease"):
        need = UI["need_growth"].format(target=target, previous=number(r.previous_numerator))
    elif r.expected is not None and r.expected != r.target_value:
        need = UI["need_share"].format(target=target, period=period, expected=expected_text(r).lstrip("≥ "))
    else:
        need = UI["need_target"].format(target=target)
    return I16["behind_sentence"].format(label=label, verb=UI["verb_share"], actual=actual,
                                         detail=detail_of(r), need=need,
                                        status=STATUS[r.status])

