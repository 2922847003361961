"""Fault injection: ingests killed with SIGKILL at random instants then run again, and
three ingests of overlapping files at once, on SQLite and PostgreSQL. Each base must end
exactly as one clean ingest of the same articles leaves it (same articles, facts, events,
entities) and pass its integrity checks. Seeded and bounded: the harness loads the model
once and forks a child per ingest (tests/faults/harness.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from store.fixtures import postgres_store

from faults.articles import fault_articles, write_jsonl
from faults.snapshot import integrity_problems, snapshot
from veille.store import Store, open_store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
HARNESS = Path(__file__).with_name("harness.py")
ARTICLES = 400  # 50 write batches of 8 (the harness's size): more than the kills leave
CONCURRENT_ARTICLES = 240
KILLS = 12  # the issue asks for at least 10
SEED = 17


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty base on each backend, for the harness to write into."""
    if request.param == "sqlite":
        store = open_store(tmp_path / "target.db")
        yield store
        store.close()
    else:
        with postgres_store() as store:
            yield store


def run_harness(*args: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")])}
    done = subprocess.run([sys.executable, str(HARNESS), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    outcome: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert "error" not in outcome, f"{outcome}\n{done.stderr[-3000:]}"
    return outcome


def assert_same_as_clean(target: Store, reference_path: Path, articles: int) -> None:
    with open_store(reference_path) as reference:
        expected = snapshot(reference)
    found = snapshot(target)
    assert len(expected["articles"]) == articles
    assert integrity_problems(target) == []
    for part in ("articles", "events", "entities", "entity_names", "facts"):
        assert found[part] == expected[part], part


def test_killed_ingests_rerun_leave_the_base_of_a_clean_ingest(target: Store,
                                                               tmp_path: Path) -> None:
    # homonyms: the re-run must also resolve names as the uninterrupted run did
    source = write_jsonl(tmp_path / "articles.jsonl", fault_articles(ARTICLES, homonyms=True))
    target.close()  # the harness's children write; this process only reads, afterwards
    reference = tmp_path / "clean.db"
    outcome = run_harness("crash", str(source), target.url, "--kills", str(KILLS),
                          "--seed", str(SEED), "--reference", str(reference))
    assert outcome["kills"] >= 10, outcome  # kills that landed while work was left
    # each killed run had written at least one batch: the re-run completes a base
    assert outcome["stored_before_final"] >= 8 * outcome["kills"], outcome
    assert outcome["stored_before_final"] < ARTICLES, outcome
    assert outcome["final"] == 0, outcome
    assert_same_as_clean(target, reference, ARTICLES)


def test_three_concurrent_ingests_of_overlapping_files(target: Store, tmp_path: Path) -> None:
    articles = fault_articles(CONCURRENT_ARTICLES)
    third = CONCURRENT_ARTICLES // 3
    # Each file shares a third of its articles with each of the two others.
    files = [write_jsonl(tmp_path / f"part-{i}.jsonl",
                         [articles[(i * third + j) % len(articles)] for j in range(2 * third)])
             for i in range(3)]
    everything = write_jsonl(tmp_path / "all.jsonl", articles)
    target.close()
    reference = tmp_path / "clean.db"
    outcome = run_harness("concurrent", target.url, *map(str, files), "--all", str(everything),
                          "--reference", str(reference))
    assert outcome["codes"] == [0, 0, 0], outcome
    assert_same_as_clean(target, reference, CONCURRENT_ARTICLES)
