"""An ingest that replaces articles can leave a stored entity with no facts, its mentions
now another entity's ("Garnaud" read again as "Sophie Garnaud"): the old id then
redirects to the entity that absorbed it, as after `veille merge`, in the questions, the
API and the CLI; an entity whose facts went to several people does not redirect."""

# ruff: noqa: F811

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator

import pytest
from sqlalchemy import select

from store.fixtures import fresh_store  # noqa: F401
from veille import query
from veille.records import Article, Evidence, ExtractionResult, Fact, Move, Position
from veille.store import Store, ingest_articles, schema
from veille.store.merges import redirected


def position(person: str, org: str, role: str, role_norm: str) -> Position:
    return Position(Evidence(0, len(person), person), person=person, org=org, role=role,
                    role_norm=role_norm, current=True)


def move(person: str, change: str, org: str) -> Move:
    return Move(Evidence(0, len(person), person), person=person, change=change, org=org)


class Scripted:
    """Extraction results written by hand, per article id (copies: the resolver fills
    ids in)."""

    def __init__(self, facts: dict[str, list[Fact]]):
        self.facts = facts

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        for article in articles:
            yield ExtractionResult(article.id, article.published,
                                   copy.deepcopy(self.facts[article.id]))


def article(id_: str, published: str, text: str) -> Article:
    return Article(id=id_, published=published, text=text, source="test")


FIRST = [
    article("g-1", "2024-03-04",
            "Sophie Garnaud, directrice juridique de Renault, défend le plan social."),
    article("g-2", "2024-03-06", "Garnaud, élue de Quimper, réclame un débat."),
]
FIRST_FACTS: dict[str, list[Fact]] = {
    "g-1": [position("Sophie Garnaud", "Renault", "directrice juridique", "legal")],
    "g-2": [position("Garnaud", "Quimper", "élue", "other")],
}
# The second ingest: g-2 corrected by its source (the same id, other words) and one new
# article. The corrected g-2 names Sophie Garnaud, who joins the entity of g-1.
SECOND = [
    article("g-2", "2024-03-06", "Sophie Garnaud quitte Renault pour Stellantis."),
    article("g-3", "2024-03-20",
            "Sophie Garnaud, directrice juridique de Stellantis, prend ses fonctions."),
]
SECOND_FACTS: dict[str, list[Fact]] = {
    "g-2": [move("Sophie Garnaud", "end", "Renault"),
            move("Sophie Garnaud", "start", "Stellantis")],
    "g-3": [position("Sophie Garnaud", "Stellantis", "directrice juridique", "legal")],
}


def person_ids(store: Store, name: str) -> set[str]:
    facts = schema.facts
    with store.read() as conn:
        return set(conn.execute(select(facts.c.person_id).where(facts.c.person == name))
                   .scalars())


def test_an_id_emptied_by_an_ingest_redirects(fresh_store: Store) -> None:
    from veille.query.watch import watch_add, watch_list

    ingest_articles(fresh_store, FIRST, Scripted(FIRST_FACTS).extract_many)
    (old,) = person_ids(fresh_store, "Garnaud")
    (kept,) = person_ids(fresh_store, "Sophie Garnaud")
    assert old != kept  # a lone surname at another organisation: not joined
    watch_add(fresh_store, old, type_="person")
    tally = ingest_articles(fresh_store, SECOND, Scripted(SECOND_FACTS).extract_many)
    assert tally.redirected == [(old, kept)]
    assert "1 entity id(s) joined another and now redirect" in tally.summary()
    timeline = query.person_timeline(fresh_store, old)
    assert timeline.person.id == kept and timeline.redirected_from == old
    assert "Garnaud" in timeline.person.aliases
    assert sorted(s.org for s in timeline.steps) == ["Renault", "Renault", "Stellantis",
                                                     "Stellantis"]
    assert [w.entity_id for w in watch_list(fresh_store)] == [kept]  # the follower too
    redirects = schema.entity_redirects
    with fresh_store.read() as conn:
        reason = conn.execute(select(redirects.c.reason)
                              .where(redirects.c.old_id == old)).scalar_one()
        # Quimper's facts went, they did not move to another organisation: no redirect.
        assert redirected(conn, "org:quimper") is None
    assert reason.startswith("automatic: joined at ingest")


def test_api_and_cli_follow_an_automatic_redirect(
        fresh_store: Store, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from fastapi.testclient import TestClient

    from veille.api import create_app
    from veille.cli.main import main

    ingest_articles(fresh_store, FIRST, Scripted(FIRST_FACTS).extract_many)
    (old,) = person_ids(fresh_store, "Garnaud")
    ingest_articles(fresh_store, SECOND, Scripted(SECOND_FACTS).extract_many)
    (kept,) = person_ids(fresh_store, "Sophie Garnaud")
    with TestClient(create_app(fresh_store), base_url="http://127.0.0.1") as client:
        body = client.get(f"/api/person/{old}").json()
    assert body["person"]["id"] == kept and body["redirected_from"] == old
    if fresh_store.url == ":memory:":
        return  # the CLI opens the base itself: not an in-memory one
    monkeypatch.setattr("sys.argv", ["veille", "person", old, "--db", fresh_store.url])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr().out
    assert exited.value.code == 0
    assert f"({kept})" in out and f"{old} was merged into this person" in out


def test_a_chain_of_merges_ends_at_the_last_entity(fresh_store: Store) -> None:
    """Garnaud → Sophie Garnaud at ingest, then Sophie Garnaud merged by hand into a
    third entity: the first id leads to the third."""
    from veille.query.merge import merge_entities

    ingest_articles(fresh_store, FIRST, Scripted(FIRST_FACTS).extract_many)
    (old,) = person_ids(fresh_store, "Garnaud")
    ingest_articles(fresh_store, SECOND, Scripted(SECOND_FACTS).extract_many)
    (middle,) = person_ids(fresh_store, "Sophie Garnaud")
    third = article("g-4", "2024-04-02", "S. Garnaud-Le Bihan, élue de Brest, se présente.")
    ingest_articles(fresh_store, [third], Scripted({"g-4": [
        position("S. Garnaud-Le Bihan", "Brest", "élue", "other")]}).extract_many)
    (last,) = person_ids(fresh_store, "S. Garnaud-Le Bihan")
    assert len({old, middle, last}) == 3
    merge_entities(fresh_store, last, middle)
    with fresh_store.read() as conn:
        assert redirected(conn, old) == last and redirected(conn, middle) == last
    timeline = query.person_timeline(fresh_store, old)
    assert timeline.person.id == last and timeline.redirected_from == old


SPLIT_FIRST = [
    article("s-1", "2024-05-02", "Hugo Vasseur, maire de Lannion, ouvre la séance."),
    article("s-2", "2024-05-03", "Léa Vasseur, directrice des achats de Safran, signe."),
    article("s-3", "2024-05-10", "Vasseur, porte-parole, ne commente pas."),
    article("s-4", "2024-05-11", "Vasseur, porte-parole, dément la rumeur."),
]
SPLIT_FIRST_FACTS: dict[str, list[Fact]] = {
    "s-1": [position("Hugo Vasseur", "Lannion", "maire", "other")],
    "s-2": [position("Léa Vasseur", "Safran", "directrice des achats", "other")],
    "s-3": [position("Vasseur", "Fédération du bâtiment", "porte-parole", "other")],
    "s-4": [position("Vasseur", "Fédération du bâtiment", "porte-parole", "other")],
}
# Read again, the two articles of "Vasseur" name two different people.
SPLIT_SECOND = [
    article("s-3", "2024-05-10", "Hugo Vasseur, maire de Lannion, ne commente pas."),
    article("s-4", "2024-05-11", "Léa Vasseur, directrice des achats de Safran, dément."),
]
SPLIT_SECOND_FACTS: dict[str, list[Fact]] = {
    "s-3": [position("Hugo Vasseur", "Lannion", "maire", "other")],
    "s-4": [position("Léa Vasseur", "Safran", "directrice des achats", "other")],
}


def test_facts_split_between_people_do_not_redirect(fresh_store: Store) -> None:
    ingest_articles(fresh_store, SPLIT_FIRST, Scripted(SPLIT_FIRST_FACTS).extract_many)
    (old,) = person_ids(fresh_store, "Vasseur")
    assert len(person_ids(fresh_store, "Hugo Vasseur") | person_ids(fresh_store, "Léa Vasseur")
               | {old}) == 3
    tally = ingest_articles(fresh_store, SPLIT_SECOND,
                            Scripted(SPLIT_SECOND_FACTS).extract_many)
    assert person_ids(fresh_store, "Vasseur") == set()
    assert tally.redirected == []
    with fresh_store.read() as conn:
        assert redirected(conn, old) is None
    # No single person is the old one: it stays as an entity with no facts, unredirected.
    timeline = query.person_timeline(fresh_store, old)
    assert timeline.person.id == old and timeline.redirected_from is None
    assert timeline.steps == []
