"""`veille entities`: the wiring with a stand-in extractor, and (slow) with the real model."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import veille.cli.entities as entities_cli
from veille.records import Article, Evidence, ExtractionResult, Fact, Move, Position
from veille.settings import Settings

EV = Evidence(0, 1, "x")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl"


class FakeExtractor:
    """Gives each article the facts below, whatever its text."""

    FACTS: dict[str, list[Fact]] = {
        "n1": [Move(EV, person="Paul Martiz", change="end", org="VMware", role_norm="ceo")],
        "n2": [
            Position(EV, person="Paul Maritz", org="VMware"),
            Position(EV, person="Anne Roy", org="Lumen France"),
        ],
    }

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for article in articles:
            yield ExtractionResult(article.id, article.published, list(self.FACTS[article.id]))


def write_articles(path: Path) -> None:
    lines = [{"id": "n1", "text": "Paul Martiz quitte VMware."}, {"id": "n2", "text": "..."}]
    path.write_text("\n".join(json.dumps(a) for a in lines) + "\n", encoding="utf-8")


def test_entities_command_writes_entities_and_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entities_cli, "Extractor", FakeExtractor)
    articles = tmp_path / "articles.jsonl"
    write_articles(articles)
    out, facts = tmp_path / "entities.jsonl", tmp_path / "facts.jsonl"
    result = CliRunner().invoke(
        entities_cli.entities_command,
        [str(articles), "-o", str(out), "--facts", str(facts)],
        standalone_mode=False,
    )
    assert result.exception is None, result.output
    assert result.return_value == 0
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {e["id"]: e for e in entities}
    assert by_id["per:paul-martiz"]["aliases"] == ["Paul Maritz"]
    assert by_id["per:paul-martiz"]["articles"] == ["n1", "n2"]
    assert by_id["org:lumen-france"]["parent"] is None  # "Lumen" itself never appears
    written = [json.loads(line) for line in facts.read_text(encoding="utf-8").splitlines()]
    ids = [(f["person_id"], f["org_id"]) for r in written for f in r["facts"]]
    assert ids == [
        ("per:paul-martiz", "org:vmware"),
        ("per:paul-martiz", "org:vmware"),
        ("per:anne-roy", "org:lumen-france"),
    ]
    assert "entities: 2 article(s), 2 person(s)" in result.output


@pytest.mark.slow
def test_entities_command_with_the_model(tmp_path: Path) -> None:
    if not EXAMPLES.exists():
        pytest.skip(f"example articles not found at {EXAMPLES}")
    out, facts = tmp_path / "entities.jsonl", tmp_path / "facts.jsonl"
    result = CliRunner().invoke(
        entities_cli.entities_command,
        [str(EXAMPLES), "-o", str(out), "--facts", str(facts)],
        standalone_mode=False,
    )
    assert result.exception is None, result.output
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    known = {e["id"] for e in entities}
    assert entities and all(e["type"] in ("person", "org") for e in entities)
    assert all(e["parent"] is None or e["parent"] in known for e in entities)
    for line in facts.read_text(encoding="utf-8").splitlines():
        for fact in json.loads(line)["facts"]:
            if fact["type"] in ("move", "position"):
                assert fact["person_id"] in known
                assert fact["org_id"] is None or fact["org_id"] in known


class TypoFirstExtractor:
    """Article t0 names a one-edit misspelling with no organisation; the 24 others the usual
    spelling at Vinci (so t0 shares no context with them)."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for article in articles:
            if article.id == "t0":
                facts: list[Fact] = [Move(EV, person="Hélène Marcand", change="start")]
            else:
                facts = [Position(EV, person="Hélène Marchand", org="Vinci")]
            yield ExtractionResult(article.id, article.published, facts)


def test_entities_counts_the_whole_batch_before_resolving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the misspelling comes first: resolving on the fly, it would open its own entity
    monkeypatch.setattr(entities_cli, "Extractor", TypoFirstExtractor)
    articles = tmp_path / "articles.jsonl"
    lines = [{"id": f"t{i}", "text": "texte"} for i in range(25)]
    articles.write_text("\n".join(json.dumps(a) for a in lines) + "\n", encoding="utf-8")
    out = tmp_path / "entities.jsonl"
    result = CliRunner().invoke(
        entities_cli.entities_command, [str(articles), "-o", str(out)], standalone_mode=False
    )
    assert result.exception is None, result.output
    people = [
        e
        for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())
        if e["type"] == "person"
    ]
    assert len(people) == 1
    assert people[0]["name"] == "Hélène Marchand"
    assert "Hélène Marcand" in people[0]["aliases"]
    assert any("Marcand" in why for why in people[0]["merged_because"])
