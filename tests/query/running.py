"""The `veille` command as a shell runs it, for the CLI tests."""

from __future__ import annotations

import sys

import pytest

from veille.cli.main import main


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str, str]:
    """Its exit code, standard output and standard error."""
    monkeypatch.setattr(sys, "argv", ["veille", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err
