"""Corrections that teach: confirm, reject, edit a fact; shown as corrections; surviving
re-extraction; the review queue; exported as gold that `veille evaluate` reads. On every
backend of `fresh_store`."""

# ruff: noqa: F811

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from store.fixtures import (  # noqa: F401
    ANALYST_NEWS,
    NEWS,
    ScriptedExtractor,
    analyst_store,
    filled,
    fresh_store,
)

from veille import query
from veille.api import create_app
from veille.cli.main import cli
from veille.query.corrections import (
    CorrectionError,
    CorrectionRequest,
    correct_fact,
    corrections,
    export_gold,
    review_queue,
)
from veille.query.moves import MoveFilters
from veille.store import Store, open_store, reprocess


def fact_id(store: Store, person: str, change: str | None = None) -> int:
    """The id of the (first) stored move or position of `person`, as the API gives it."""
    for move in query.latest_moves(store, MoveFilters(include_rejected=True)):
        if move.person == person and (change is None or move.change == change):
            return move.sources[0].fact_id
    raise AssertionError(f"no move of {person}")


def moves_of(store: Store) -> dict[str, query.records.MoveEvent]:
    return {f"{m.person}/{m.change}": m for m in query.latest_moves(store)}


def test_reject_hides_edit_changes_confirm_checks(analyst_store: Store) -> None:
    correct_fact(analyst_store, fact_id(analyst_store, "Marc Petit"),
                 CorrectionRequest("reject", author="Léa", note="rumeur non confirmée"))
    note = correct_fact(analyst_store, fact_id(analyst_store, "Inès Roux"), CorrectionRequest(
        "edit", {"date": "2024-09", "role": "directrice de la stratégie groupe"},
        author="Léa"))
    assert note.before == {"date": None, "role": "directrice de la stratégie"}
    assert note.after == {"date": "2024-09", "role": "directrice de la stratégie groupe"}
    correct_fact(analyst_store, fact_id(analyst_store, "Paul Girard", "end"),
                 CorrectionRequest("confirm", author="Hugo"))

    moves = moves_of(analyst_store)
    assert "Marc Petit/start" not in moves
    roux = moves["Inès Roux/start"]
    assert (roux.date, roux.date_shown, roux.role) == (
        "2024-09", "September 2024", "directrice de la stratégie groupe")
    assert roux.checked == "edited" and roux.sources[0].correction is not None
    assert roux.sources[0].correction.author == "Léa"
    girard = moves["Paul Girard/end"]
    assert girard.checked == "confirmed" and girard.confidence == 1.0
    # A checked move passes any confidence filter; the rejected one is still there on demand.
    assert {m.person for m in query.latest_moves(
        analyst_store, MoveFilters(min_confidence=0.95))} == {"Inès Roux", "Paul Girard"}
    assert "Marc Petit" in {m.person for m in query.latest_moves(
        analyst_store, MoveFilters(include_rejected=True))}


def test_an_edit_to_another_org_moves_the_fact_between_pages(analyst_store: Store) -> None:
    correct_fact(analyst_store, fact_id(analyst_store, "Inès Roux"),
                 CorrectionRequest("edit", {"org": "Michelin"}, author="Léa"))
    assert "Inès Roux" not in [s.person for s in query.org_profile(analyst_store,
                                                                    "Valeo").arrivals]
    assert "Inès Roux" in [s.person for s in query.org_profile(analyst_store,
                                                                "Michelin").arrivals]
    assert [s.org for s in query.person_timeline(analyst_store, "Inès Roux").steps] == [
        "Michelin"]


def test_the_article_shows_the_correction_as_such(analyst_store: Store) -> None:
    correct_fact(analyst_store, fact_id(analyst_store, "Inès Roux"),
                 CorrectionRequest("edit", {"date": "2024-09"}, author="Léa"))
    detail = query.article_detail(analyst_store, "t-102")
    roux = next(f for f in detail.facts if f.fields.get("person") == "Inès Roux")
    assert roux.fields["date"] == "2024-09"
    assert roux.correction is not None and roux.correction.action == "edit"
    assert roux.correction.before == {"date": None}


@pytest.mark.parametrize(("request_", "message"), [
    (CorrectionRequest("delete"), "action must be one of"),
    (CorrectionRequest("edit", {"date": "hier"}), "date must be a FACTS.md date"),
    (CorrectionRequest("edit", {"status": "rumeur"}), "status must be one of"),
    (CorrectionRequest("edit", {"salary": "1"}), "changes some of"),
    (CorrectionRequest("confirm", {"date": "2024"}), "takes no fields"),
    (CorrectionRequest("confirm", author=" "), "needs its author"),
])
def test_bad_corrections_are_refused(analyst_store: Store, request_: CorrectionRequest,
                                     message: str) -> None:
    with pytest.raises(CorrectionError, match=message):
        correct_fact(analyst_store, fact_id(analyst_store, "Inès Roux"), request_)
    with pytest.raises(query.NotFound):
        correct_fact(analyst_store, 999_999, CorrectionRequest("confirm"))


def test_corrections_survive_reprocess(analyst_store: Store) -> None:
    old_id = fact_id(analyst_store, "Inès Roux")
    correct_fact(analyst_store, old_id, CorrectionRequest("edit", {"date": "2024-09"},
                                                          author="Léa"))
    correct_fact(analyst_store, fact_id(analyst_store, "Marc Petit"),
                 CorrectionRequest("reject", author="Léa"))
    tally = reprocess(analyst_store, ScriptedExtractor("9.9.9").extract_many, version="9.9.9")
    assert tally.replaced == len(NEWS + ANALYST_NEWS)
    new_id = fact_id(analyst_store, "Inès Roux")
    assert new_id != old_id  # the facts were rewritten...
    moves = moves_of(analyst_store)  # ...and their corrections still apply
    assert moves["Inès Roux/start"].date == "2024-09"
    assert "Marc Petit/start" not in moves
    views = {v.correction.action: v for v in corrections(analyst_store)}
    assert views["edit"].fact_id == new_id and views["edit"].article_id == "t-102"


def test_review_queue_least_confident_first_without_checked_facts(analyst_store: Store
                                                                  ) -> None:
    queue = review_queue(analyst_store, limit=3)
    assert [(f.fields["person"], f.confidence) for f in queue.facts] == [
        ("Marc Petit", 0.35), ("Paul Girard", 0.6), ("Paul Girard", 0.7)]
    assert queue.total == 12
    correct_fact(analyst_store, queue.facts[0].fact_id, CorrectionRequest("reject"))
    after = review_queue(analyst_store, limit=2)
    assert [f.fields["person"] for f in after.facts] == ["Paul Girard", "Paul Girard"]
    assert after.total == 11


def test_export_is_gold_that_evaluate_reads(analyst_store: Store, tmp_path: Path) -> None:
    correct_fact(analyst_store, fact_id(analyst_store, "Marc Petit"),
                 CorrectionRequest("reject", author="Léa"))
    correct_fact(analyst_store, fact_id(analyst_store, "Inès Roux"),
                 CorrectionRequest("edit", {"date": "2024-09"}, author="Léa"))
    lines = {line["id"]: line for line in export_gold(analyst_store)}
    assert set(lines) == {"t-101", "t-102"}
    assert lines["t-101"]["facts"] == []  # the rumour was rejected
    roux, *others = lines["t-102"]["facts"]
    assert roux["person"] == "Inès Roux" and roux["date"] == "2024-09"
    assert "optional" not in roux and "confidence" not in roux
    assert roux["evidence"]["text"].startswith("Inès Roux a été nommée")
    assert all(f["optional"] for f in others)  # nobody checked them

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in lines.values()),
                    encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    extractor = ScriptedExtractor()
    pred.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
                            for r in extractor.extract_many(ANALYST_NEWS)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    move = report["scores"]["move"]
    # The rejected rumour is a false positive now; Inès Roux's arrival matches, with the
    # wrong (missing) date; Paul Girard's unchecked departure is optional.
    assert (move["tp"], move["fp"], move["fn"]) == (1, 1, 0)


def test_cli_export_corrections_with_their_articles(tmp_path: Path) -> None:
    from veille.records import Article

    path = tmp_path / "c.db"
    with open_store(path) as store:
        filled(store, NEWS + ANALYST_NEWS)
        correct_fact(store, fact_id(store, "Marc Petit"), CorrectionRequest("reject"))
        correct_fact(store, fact_id(store, "Paul Girard", "end"),
                     CorrectionRequest("edit", {"date": "2024-07"}))
    out, texts = tmp_path / "gold.jsonl", tmp_path / "articles.jsonl"
    result = CliRunner().invoke(cli, ["export-corrections", "--db", str(path), "-o", str(out),
                                      "--articles", str(texts)])
    assert result.exit_code == 0
    gold = [json.loads(line) for line in out.read_text().splitlines()]
    assert [g["id"] for g in gold] == ["t-101", "t-102"]
    assert "2 article(s), 1 checked fact(s)" in result.output
    # The articles written beside the gold: every evidence offset points into their text.
    articles = {a.id: a for a in (Article.from_dict(json.loads(line))
                                  for line in texts.read_text().splitlines())}
    assert set(articles) == {"t-101", "t-102"}
    for line in gold:
        full = articles[line["id"]].full_text
        for fact in line["facts"]:
            ev = fact["evidence"]
            assert full[ev["start"]:ev["end"]] == ev["text"]


@pytest.fixture
def client(analyst_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(analyst_store), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        yield c


def test_api_round_trip(client: TestClient) -> None:
    queue = client.get("/api/review", params={"limit": 1}).json()
    first = queue["facts"][0]
    assert first["fields"]["person"] == "Marc Petit"
    response = client.post(f"/api/facts/{first['fact_id']}/corrections",
                           json={"action": "edit", "fields": {"status": "done"},
                                 "author": "Léa", "note": "confirmé par le groupe"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["action"], body["before"], body["after"]) == (
        "edit", {"status": "reported"}, {"status": "done"})
    petit = client.get("/api/moves", params={"person": "Marc Petit"}).json()["moves"][0]
    assert petit["status"] == "done" and petit["checked"] == "edited"
    assert petit["sources"][0]["correction"]["note"] == "confirmé par le groupe"
    listed = client.get("/api/corrections").json()
    assert [c["correction"]["author"] for c in listed] == ["Léa"]
    assert client.get("/api/review").json()["total"] == 11


@pytest.mark.parametrize(("path", "body", "status"), [
    ("/api/facts/999999/corrections", {"action": "confirm"}, 404),
    ("/api/facts/{id}/corrections", {"action": "delete"}, 422),
    ("/api/facts/{id}/corrections", {"action": "edit", "fields": {"date": "hier"}}, 422),
    ("/api/facts/{id}/corrections", {"action": "edit", "fields": {"salary": "1"}}, 422),
    ("/api/facts/abc/corrections", {"action": "confirm"}, 422),
])
def test_api_correction_errors_keep_the_one_shape(client: TestClient, path: str,
                                                  body: dict[str, object], status: int) -> None:
    first = client.get("/api/review", params={"limit": 1}).json()["facts"][0]["fact_id"]
    response = client.post(path.replace("{id}", str(first)), json=body)
    assert response.status_code == status
    assert set(response.json()) == {"error"}
    assert set(response.json()["error"]) == {"status", "message", "detail"}
