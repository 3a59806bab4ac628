"""What went wrong with the database file, in Vietnamese: missing, held by another process, damaged,
not writable, disk full, a migration that failed. The page and the command line show the message
(never a traceback or a server path); the technical detail goes to the server's log only."""
from __future__ import annotations

import errno
import logging

import duckdb

from etl.labels_vi import FAULT

log = logging.getLogger("pcmd")

# exit codes of python -m etl (README, "Command line"): 3 busy is etl/cli/main.py's since issue 9
EXIT = {"busy": 3, "missing": 5, "damaged": 6, "read_only": 7, "disk_full": 7, "migration": 8, "other": 9}
_WORDS = [("disk_full", ("no space left", "disk full", "not enough space")),
          ("read_only", ("read-only", "read only", "permission denied", "operation not permitted",
                         "cannot open file")),
          ("damaged", ("not a valid duckdb", "corrupt", "checksum", "serializ", "invalid database",
                       "database file")),
          ("busy", ("could not set lock", "conflicting lock"))]
_ERRNO = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EROFS: "read_only", errno.EACCES: "read_only",
          errno.EPERM: "read_only"}


class DatabaseFault(RuntimeError):
    """The database cannot be used now; `message` says why and what to do, in Vietnamese."""

    def __init__(self, kind: str, detail: str = "", version: int | None = None):
        super().__init__(detail or kind)
        self.kind, self.detail, self.version = kind, detail, version

    @property
    def message(self) -> str:
        return FAULT[self.kind].format(version=self.version)

    @property
    def exit_code(self) -> int:
        return EXIT[self.kind]


ERRORS = (DatabaseFault, duckdb.Error, OSError)  # what a fault of the database or disk arrives as


def kind_of(exc: BaseException) -> str:
    """The kind of fault behind a duckdb error or OSError."""
    if isinstance(exc, DatabaseFault):
        return exc.kind
    if isinstance(exc, OSError) and exc.errno in _ERRNO:
        return _ERRNO[exc.errno]
    text = str(exc).lower()
    return next((kind for kind, words in _WORDS if any(w in text for w in words)), "other")


def fault(exc: BaseException, log_detail: bool = True) -> DatabaseFault:
    """`exc` as a DatabaseFault, its detail logged (the log is the server's, not the page)."""
    if isinstance(exc, DatabaseFault):
        found = exc
    else:
        found = DatabaseFault(kind_of(exc), f"{type(exc).__name__}: {exc}")
    if log_detail:
        log.warning("database fault (%s): %s", found.kind, found.detail)
    return found
