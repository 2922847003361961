"""`veille show`, the README's demo command: exit codes and notes on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.cli.show import show_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.slow


def test_the_examples_folder_shows_with_exit_0_and_a_note_for_its_readme() -> None:
    # the folder's README.md is no article: a note, not a skipped input (make demo)
    result = CliRunner().invoke(show_cli, [str(EXAMPLES)], standalone_mode=False)
    assert result.return_value == 0
    assert "note:" in result.stderr and "(.md)" in result.stderr
    assert "skipped:" not in result.stderr
    assert "fact(s)" in result.stdout


def test_a_missing_file_is_skipped_with_exit_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Paul Garnier a rejoint Voltix comme directeur financier.")
    result = CliRunner().invoke(
        show_cli, [str(tmp_path / "a.txt"), str(tmp_path / "absent.txt")], standalone_mode=False
    )
    assert result.return_value == 1
    assert "skipped:" in result.stderr and "absent.txt" in result.stderr
