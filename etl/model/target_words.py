"""What a target asks, in a few Vietnamese words, the one wording every page, export and the quarterly
template use: "≥ 25%", "2–4 buổi", "0 điểm (không phát sinh)" (no Streamlit: the template needs it)."""
from __future__ import annotations

from etl.labels_vi import LEVEL, TARGET_WORDS


def number(value: float | int | None, decimals: int = 0) -> str:
    """1.234,5: thousands with '.', decimals with ','."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def target_text(rule: str, value: float | None, value_high: float | None, unit: str, year: int | None = None) -> str:
    """'≥ 25%', '2–4 buổi', 'tăng 3–5%/năm', '0 điểm (không phát sinh)' (at most 0)."""
    v = lambda x: number(x, 0 if x is None or float(x).is_integer() else 1)  # noqa: E731
    u = "%" if unit == "%" else f" {unit}"
    if rule == "at_most" and not value:
        return TARGET_WORDS["none"].format(unit=u)
    if rule == "growth":
        key = "growth_range" if value_high else "growth"
    elif rule == "cumulative_by":
        key = "cumulative_by" if year else "cumulative"
    else:
        key = rule
    return TARGET_WORDS[key].format(value=v(value), high=v(value_high), unit=u, year=year)


def deadline(rule: str, year: int | None, plan_end: int) -> int | None:
    """The year a target's wording names: its own, or for a cumulative target without one the plan's end."""
    return year or (plan_end if rule == "cumulative_by" else None)


def with_levels(text: str, levels: list[str] | tuple[str, ...] | None) -> str:
    """The target's wording with the levels it is split by: '≥ 70% (cấp tỉnh)'."""
    return f"{text} ({', '.join(LEVEL[level].lower() for level in levels)})" if levels else text


def reads_as_share(unit: str, rule: str) -> bool:
    """Whether a target's figure reads as a percentage (a share, a growth rate, qualitative done/not):
    the one answer every page, chart and export uses. N/N targets count units even when their unit is %."""
    return unit == "%" and rule != "n_of_n"
