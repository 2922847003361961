"""Exceptions the library raises. The CLI and the API translate them once, at the edge."""

from __future__ import annotations


class VeilleError(Exception):
    """Base class: anything veille raises on purpose."""


class InputError(VeilleError):
    """An input (file, line, article) could not be read. The batch goes on without it."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = path or ""
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class SettingsError(VeilleError):
    """A settings file or value is wrong."""


class ModelError(VeilleError):
    """The spaCy model could not be loaded."""
