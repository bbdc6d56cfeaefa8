"""The one error the reading stage raises for input it cannot turn into a document."""

from __future__ import annotations


class ReadError(Exception):
    """A terminal bad-input error: retrying will not help, the file itself is the problem.

    `str(err)` is one line naming the file and the reason, e.g. ``"a.pdf: unsupported file type '.pdf' ..."``.
    """

    path: str
    reason: str

    def __init__(self, path: str, reason: str) -> None:
        # Both values go to Exception.args so the error survives pickling across worker processes.
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
