"""How the readers report what went wrong without stopping the run.

Two kinds of problem reach the caller's `on_error` callback, both `InputError`s:

- a plain `InputError`: something was skipped (a file, a line, an article);
- an `InputNote`: the input was read anyway, but not as the user may expect
  (cp1252 fallback, duplicate id, ignored field, unsupported files in a folder).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from veille.errors import InputError, VeilleError

logger = logging.getLogger("veille.sources")

OnError = Callable[[InputError], None]


class InputNote(InputError):
    """A problem met on an input that was still read. Nothing was skipped."""


class PublishedDateError(VeilleError):
    """The `published` date given for inputs without one is not an ISO date."""


def log_problem(problem: InputError) -> None:
    """The default `on_error`: log and go on. Nothing is collected or raised."""
    if isinstance(problem, InputNote):
        logger.info("note: %s", problem)
    else:
        logger.warning("skipped: %s", problem)


class Reporter:
    """Hands problems to the caller's callback, naming the input they come from."""

    def __init__(self, on_error: OnError | None):
        self._on_error = on_error or log_problem

    def skipped(self, message: str, *, path: str | None, line: int | None = None) -> None:
        self._on_error(InputError(message, path=path, line=line))

    def note(self, message: str, *, path: str | None, line: int | None = None) -> None:
        self._on_error(InputNote(message, path=path, line=line))
