"""People and organisations kept whole: ingesting articles a few at a time reaches the
entities of one batch over the same articles (the resolver resumes from the stored
facts), and a person page says when a name is shared."""

# ruff: noqa: F811

from __future__ import annotations

import copy
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from store.fixtures import fresh_store  # noqa: F401
from veille import query
from veille.records import Article, Evidence, ExtractionResult, Fact, Move, Position
from veille.store import Store, ingest_articles, open_store, schema

ARTICLES = [
    Article(id="i-1", published="2024-01-08",
            text="Marie Lefort, directrice financière de Danone, présente les comptes."),
    Article(id="i-2", published="2024-01-15", text="Lefort quitte Danone pour Valeo."),
    Article(id="i-3", published="2024-02-01",
            text="Paul Morel, maire de Vesoul, inaugure la médiathèque."),
    Article(id="i-4", published="2024-02-03",
            text="Paul Morel, directeur technique de Michelin, présente un pneu."),
]
FACTS: dict[str, list[Fact]] = {
    "i-1": [Position(Evidence(0, 12, "Marie Lefort"), person="Marie Lefort", org="Danone",
                     role="directrice financière", role_norm="cfo", current=True)],
    "i-2": [Move(Evidence(0, 6, "Lefort"), person="Lefort", change="end", org="Danone"),
            Move(Evidence(0, 6, "Lefort"), person="Lefort", change="start", org="Valeo")],
    "i-3": [Position(Evidence(0, 10, "Paul Morel"), person="Paul Morel", org="Vesoul",
                     role="maire", role_norm="other", current=True)],
    "i-4": [Position(Evidence(0, 10, "Paul Morel"), person="Paul Morel", org="Michelin",
                     role="directeur technique", role_norm="cto", current=True)],
}


class Replay:
    """Gives back extraction results made once (copies: the resolver fills ids in)."""

    def __init__(self, results: dict[str, ExtractionResult]):
        self.results = results

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for article in articles:
            yield copy.deepcopy(self.results[article.id])


def entity_of_each_fact(store: Store) -> list[tuple[Any, ...]]:
    facts = schema.facts
    with store.read() as conn:
        return sorted(tuple(r) for r in conn.execute(select(
            facts.c.article_id, facts.c.seq, facts.c.person, facts.c.person_id, facts.c.org,
            facts.c.org_id)))


SCRIPTED = Replay({a.id: ExtractionResult(a.id, a.published, FACTS[a.id]) for a in ARTICLES})


def test_one_at_a_time_reaches_the_batch_entities(fresh_store: Store, tmp_path: Path) -> None:
    with open_store(tmp_path / "batch.db") as batch:
        ingest_articles(batch, ARTICLES, SCRIPTED.extract_many)
        expected = entity_of_each_fact(batch)
    for article in ARTICLES:
        ingest_articles(fresh_store, [article], SCRIPTED.extract_many)
    assert entity_of_each_fact(fresh_store) == expected
    # "Lefort" is Marie Lefort (shared organisation Danone), however the articles came...
    ids = {(r[0], r[2]): r[3] for r in expected}
    assert ids[("i-2", "Lefort")] == ids[("i-1", "Marie Lefort")]
    # ...and the two Paul Morel (a mayor, an engineer at Michelin) stay two people.
    assert ids[("i-3", "Paul Morel")] != ids[("i-4", "Paul Morel")]


def test_a_person_page_says_the_name_is_shared(fresh_store: Store) -> None:
    ingest_articles(fresh_store, ARTICLES, SCRIPTED.extract_many)
    timeline = query.person_timeline(fresh_store, "Paul Morel")
    assert len(timeline.namesakes) == 1
    other = timeline.namesakes[0]
    assert other.name == "Paul Morel" and other.id != timeline.person.id
    alone = query.person_timeline(fresh_store, "Marie Lefort")
    assert alone.namesakes == []


INCREMENTAL_CHUNKS = 5
CORPUS_ARTICLES = 1000


@pytest.mark.slow
@pytest.mark.corpus
def test_incremental_against_batch_on_1000_corpus_articles(tmp_path: Path) -> None:
    """1,000 corpus articles extracted once (two processes), then resolved into a store
    in one batch and, in another, in five ingests of 200: every fact names the same
    person and organisation entities. About two minutes on two cores."""
    from store.test_corpus import corpus_articles
    from veille.batch.pool import ExtractorPool
    from veille.settings import Settings

    articles = corpus_articles(CORPUS_ARTICLES)
    started = time.monotonic()
    with ExtractorPool(Settings(), 2) as pool:
        results = {r.id: r for r in pool.extract_many(articles)}
    extracted = time.monotonic() - started
    replay = Replay(results)
    with open_store(tmp_path / "batch.db") as batch:
        ingest_articles(batch, articles, replay.extract_many)
        expected = entity_of_each_fact(batch)
    size = len(articles) // INCREMENTAL_CHUNKS
    with open_store(tmp_path / "incremental.db") as incremental:
        for start in range(0, len(articles), size):
            ingest_articles(incremental, articles[start:start + size], replay.extract_many)
        got = entity_of_each_fact(incremental)
    people = {r[3] for r in expected if r[3]}
    print(f"\n{len(articles)} articles extracted in {extracted:.0f}s; {len(expected)} facts, "
          f"{len(people)} people")
    assert len(expected) > 500 and len(people) > 300
    differing = [(e, g) for e, g in zip(expected, got, strict=True) if e != g]
    assert differing == []


def test_a_merge_redirects_the_old_id(fresh_store: Store) -> None:
    """Two stored people found to be one: the absorbed id leads to the kept entity in the
    questions, its facts and names move, and the moves feed shows one person."""
    from veille.query import MoveFilters, latest_moves
    from veille.query.merge import merge_entities
    from veille.query.watch import watch_add, watch_list

    ingest_articles(fresh_store, ARTICLES, SCRIPTED.extract_many)
    vesoul = query.person_timeline(fresh_store, "Paul Morel")
    other = vesoul.namesakes[0].id
    watch_add(fresh_store, other, type_="person")
    result = merge_entities(fresh_store, vesoul.person.id, other)
    assert result.facts_moved == 1 and result.absorbed_id == other
    merged = query.person_timeline(fresh_store, other)
    assert merged.person.id == vesoul.person.id and merged.redirected_from == other
    assert sorted(s.org for s in merged.steps) == ["Michelin", "Vesoul"]
    assert merged.namesakes == []
    assert {m.person_id for m in latest_moves(fresh_store, MoveFilters(person=other))} <= {
        vesoul.person.id}
    assert [w.entity_id for w in watch_list(fresh_store)] == [vesoul.person.id]
    with pytest.raises(query.FilterError, match="one entity already"):
        merge_entities(fresh_store, vesoul.person.id, other)
    # A later ingest knows the merged entity: a new "Paul Morel" joins it.
    later = Article(id="i-5", published="2024-03-01",
                    text="Paul Morel, directeur technique de Michelin, quitte le groupe.")
    facts = {"i-5": ExtractionResult("i-5", "2024-03-01", [
        Move(Evidence(0, 10, "Paul Morel"), person="Paul Morel", change="end",
             org="Michelin", role_norm="cto")])}
    ingest_articles(fresh_store, [later], Replay(facts).extract_many)
    assert {r[3] for r in entity_of_each_fact(fresh_store) if r[2] == "Paul Morel"} == {
        vesoul.person.id}


def test_api_and_cli_follow_a_redirect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.cli.main import main

    path = tmp_path / "m.db"
    with open_store(path) as store:
        ingest_articles(store, ARTICLES, SCRIPTED.extract_many)
        ids = sorted({r[3] for r in entity_of_each_fact(store) if r[2] == "Paul Morel"})
    monkeypatch.setattr("sys.argv", ["veille", "merge", ids[0], ids[1], "--db", str(path)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    assert f"{ids[1]} now redirects there" in capsys.readouterr().out
    with open_store(path) as store, TestClient(
        create_app(store), base_url="http://127.0.0.1"
    ) as client:
        body = client.get(f"/api/person/{ids[1]}").json()
        assert body["person"]["id"] == ids[0] and body["redirected_from"] == ids[1]
    monkeypatch.setattr("sys.argv", ["veille", "person", ids[1], "--db", str(path)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0 and f"({ids[0]})" in capsys.readouterr().out
