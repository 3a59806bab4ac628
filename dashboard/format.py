"""Numbers and targets written the Vietnamese way: 1.234,5 and 70,0%. Pure functions."""
from __future__ import annotations

from etl.labels_vi import LEVEL, STATUS, STATUS_ICON


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else f"{number(value, decimals)}%"


def fraction(numerator: int | None, denominator: int | None) -> str:
    if numerator is None:
        return "–"
    return number(numerator) if denominator is None else f"{number(numerator)}/{number(denominator)}"


def status(code: str) -> str:
    return f"{STATUS_ICON[code]} {STATUS[code]}"


def target_text(rule: str, value: float | None, value_high: float | None, unit: str, year: int | None = None) -> str:
    """What a target asks, in a few words: '≥ 25%', '2–4 buổi', 'tăng 3–5%/năm'."""
    v = lambda x: number(x, 0 if x is None or float(x).is_integer() else 1)  # noqa: E731
    u = "%" if unit == "%" else f" {unit}"
    return {
        "at_least": f"≥ {v(value)}{u}",
        "all": "100%",
        "n_of_n": f"{v(value)}/{v(value)} đơn vị",
        "at_most": f"≤ {v(value)}{u}",
        "range": f"{v(value)}–{v(value_high)}{u}",
        "growth": f"tăng {v(value)}–{v(value_high)}%/năm" if value_high else f"tăng ≥ {v(value)}%/năm",
        "no_decrease": "không giảm so với năm trước",
        "cumulative_by": f"{v(value)}% đến năm {year}" if year else f"{v(value)}%",
        "qualitative": "Đã thực hiện",
    }[rule]


def actual_text(rule: str, unit: str, actual: float | None, numerator: int | None) -> str:
    if numerator is None:
        return "–"
    if rule == "qualitative":
        return "Đã thực hiện" if actual == 100 else ("Chưa thực hiện" if actual == 0 else percent(actual))
    if rule == "growth":
        return "–" if actual is None else f"{'+' if actual >= 0 else ''}{percent(actual)}"
    if unit == "%" and rule != "n_of_n":
        return "0/0" if actual is None else percent(actual)
    return number(actual)


def target_label(indicator_name: str, levels: tuple[str, ...] | None, target_id: str) -> str:
    """'3. Cán bộ … được tập huấn (cấp tỉnh)': numbered as in the plan, the level where a target is split."""
    number = target_id.rsplit("#", 1)[-1].lstrip("0")
    where = f" ({', '.join(LEVEL[l].lower() for l in levels)})" if levels else ""
    return f"{number}. {indicator_name}{where}"
