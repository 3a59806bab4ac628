"""Reading numbers the way Vietnamese offices type them: '1.234' (thousands), '25,5' (decimal)."""
from __future__ import annotations

import re

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
MAX_COUNT = 1_000_000_000  # far above any count or stock a locality reports; BIGINT holds it easily
_QUARTER = re.compile(r"^(?:q|quý|quy)?\s*([1-4])$", re.IGNORECASE)


class NotANumber(ValueError):
    """reason: 'percent' | 'not_integer' | 'negative' | 'too_large'"""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_count(value) -> int | None:
    """A cell holding a count -> int; empty -> None. Raises NotANumber for anything else."""
    kind = type(value)
    if kind is float and 0 <= value <= MAX_COUNT and value.is_integer():
        return int(value)  # the usual cell, read first (bool is not float; NaN and inf fail the bounds)
    if kind is int and 0 <= value <= MAX_COUNT:
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise NotANumber("not_integer")
    if isinstance(value, (int, float)):
        if value in (float("inf"), float("-inf")):
            raise NotANumber("too_large")
        if value != value or not float(value).is_integer():
            raise NotANumber("not_integer")
        number = int(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if text.endswith("%"):
            raise NotANumber("percent")
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("-+")
        if _PLAIN.match(text):
            number = int(text)
        elif _THOUSANDS.match(text):
            number = int(text.replace(".", ""))
        elif _DECIMAL_COMMA.match(text) and set(text.split(",")[1]) == {"0"}:
            number = int(text.split(",")[0])
        else:
            raise NotANumber("not_integer")
        number *= sign
    if number < 0:
        raise NotANumber("negative")
    if number > MAX_COUNT:
        raise NotANumber("too_large")
    return number


def parse_quarter(value) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and 1 <= value <= 4 else None
    match = _QUARTER.match(str(value or "").strip())
    return int(match.group(1)) if match else None


def parse_year(value) -> int | None:
    try:
        year = parse_count(value)
    except NotANumber:
        return None
    return year if year is not None and 2000 <= year <= 2100 else None


def code_text(value) -> str:
    """A code cell as text: 15349.0 typed as a number becomes '15349'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value if value is not None else "").strip()
