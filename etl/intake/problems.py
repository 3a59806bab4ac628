"""A problem found in a file, located so that it can be named in a message and marked in the workbook."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    message: str
    sheet: str | None = None
    row: int | None = None        # Excel row, 1-based
    column: int | None = None     # Excel column, 1-based

    def __str__(self) -> str:
        return self.message
