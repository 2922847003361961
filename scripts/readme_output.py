"""Regenerate the README's "real output" block: ingest the example articles into a fresh
database and run the commands it shows, as a shell would.

    python scripts/readme_output.py           # print the block
    python scripts/readme_output.py --write   # put it in README.md, between the markers
    python scripts/readme_output.py --check   # exit 1 when README.md differs

tests/test_readme_output.py runs it and compares, so the README cannot drift from what
the commands print. Loads the French model once (the ingest).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
BEGIN = "<!-- real-output:begin (scripts/readme_output.py --write) -->"
END = "<!-- real-output:end -->"
DB = "kb.db"  # as the README shows it

# (command as shown, whether its output is shown)
COMMANDS: list[tuple[str, bool]] = [
    ("veille ingest examples/ --db kb.db --quiet", False),
    ("veille moves --db kb.db", True),
    ('veille person "julien berthaud" --db kb.db', True),
    ('veille org "Fnac Darty" --db kb.db', True),
    ("veille moves --db kb.db --org 'Fnac Darty' --format csv", True),
    ("veille flows --db kb.db --format csv", True),
    ('veille watch add "Fnac Darty" --db kb.db', True),
    ("veille digest --since 2024-06-01 --db kb.db", True),
    ("veille stats --db kb.db", True),
]


def run(command: str, db: Path) -> str:
    """What `command` prints (stdout), run from the repository with `kb.db` → `db`."""
    args = [str(db) if a == DB else a for a in shlex.split(command)]
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(REPO), "NO_COLOR": "1",
           "TERM": "dumb"}
    env.pop("VEILLE_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", "from veille.cli.main import main; main()", *args[1:]],
        cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def block() -> str:
    """The README block: each command and what it printed."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / DB
        parts = []
        for command, shown in COMMANDS:
            output = run(command, db)
            parts.append(f"$ {command}\n" + (output.rstrip("\n") + "\n" if shown else ""))
    return "```\n" + "\n".join(parts) + "```\n"


def readme_block(text: str) -> str:
    """The block README.md holds now, between the markers."""
    start, end = text.index(BEGIN) + len(BEGIN) + 1, text.index(END)
    return text[start:end]


def main(argv: list[str]) -> int:
    fresh = block()
    if "--write" in argv:
        text = README.read_text(encoding="utf-8")
        start, end = text.index(BEGIN) + len(BEGIN) + 1, text.index(END)
        README.write_text(text[:start] + fresh + text[end:], encoding="utf-8")
        return 0
    if "--check" in argv:
        return 0 if readme_block(README.read_text(encoding="utf-8")) == fresh else 1
    sys.stdout.write(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
