"""The questions as library functions, on NEWS, on every backend."""

# Fixtures imported from store.fixtures are redefined as test arguments, as pytest wants.
# ruff: noqa: F811

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from store.fixtures import fresh_store, news_store  # noqa: F401

from veille import query
from veille.store import Store


def test_person_timeline_in_order_with_sources(news_store: Store) -> None:
    timeline = query.person_timeline(news_store, "Claire Moreau")
    assert timeline.person.name == "Claire Moreau"
    assert [(s.kind, s.org) for s in timeline.steps] == [("end", "Danone"), ("start", "L'Oréal")]
    arrival = timeline.steps[1]
    # One event, two articles reporting it.
    assert arrival.article_ids == ["t-001", "t-002"]
    assert arrival.date == "2023-04" and not arrival.date_is_published
    assert arrival.status == "planned" and arrival.role == "directrice générale adjointe"
    assert all(s.quote and s.end > s.start for s in arrival.sources)


@pytest.mark.parametrize("typed", ["claire moreau", "CLAIRE MOREAU", "Clàire Moreau",
                                   "  Claire   Moreau "])
def test_names_tolerate_case_and_accents(news_store: Store, typed: str) -> None:
    assert query.person_timeline(news_store, typed).person.name == "Claire Moreau"


def test_accented_name_found_without_accents(news_store: Store) -> None:
    assert query.person_timeline(news_store, "eloise dupre").person.name == "Éloïse Dupré"
    assert query.org_profile(news_store, "societe generale").org.name


def test_entity_id_is_accepted(news_store: Store) -> None:
    person_id = query.person_timeline(news_store, "Thomas Lefèvre").person.id
    assert query.person_timeline(news_store, person_id).person.name == "Thomas Lefèvre"


def test_unknown_name_suggests_close_ones(news_store: Store) -> None:
    with pytest.raises(query.NotFound) as caught:
        query.person_timeline(news_store, "Thomas Lefebvre")
    assert "Thomas Lefèvre" in caught.value.suggestions
    assert "no person named 'Thomas Lefebvre'" in str(caught.value)
    with pytest.raises(query.NotFound) as caught:
        query.person_timeline(news_store, "Moreau")
    assert caught.value.suggestions[0] == "Claire Moreau"
    with pytest.raises(query.NotFound) as caught:
        query.org_profile(news_store, "Zzyzx Corp")
    assert caught.value.suggestions == []


def test_org_profile_arrivals_departures_leadership(news_store: Store) -> None:
    profile = query.org_profile(news_store, "michelin")
    assert [s.person for s in profile.arrivals] == ["Thomas Lefèvre"]
    assert [(s.person, s.status) for s in profile.departures] == [("Thomas Lefèvre", "planned")]
    # An announced departure: still in post as far as the articles tell.
    assert [lead.person for lead in profile.leadership] == ["Thomas Lefèvre"]
    kinds = sorted(f.type for f in profile.other_facts)
    assert kinds == ["amount", "market_share", "partnership"]


def test_leadership_ranks_roles_and_drops_those_who_left(news_store: Store) -> None:
    loreal = query.org_profile(news_store, "L'Oréal")
    assert [(lead.person, lead.role_norm) for lead in loreal.leadership] == [
        ("Hélène Garnier", "chair"), ("Claire Moreau", "deputy_md")]
    assert query.org_profile(news_store, "Danone").leadership == []


def test_flows(news_store: Store) -> None:
    flows = query.talent_flows(news_store)
    assert [(f.person, f.from_org, f.to_org) for f in flows] == [
        ("Claire Moreau", "Danone", "L'Oréal"), ("Thomas Lefèvre", "Valeo", "Michelin")]
    assert flows[0].article_ids == ["t-001"]


@pytest.mark.parametrize(("since", "until", "people"), [
    ("2024", None, ["Thomas Lefèvre"]),
    (None, "2023-12", ["Claire Moreau"]),
    ("2023-04", "2023-04", ["Claire Moreau"]),
    ("2025", None, []),
])
def test_flows_by_date(news_store: Store, since: str | None, until: str | None,
                       people: list[str]) -> None:
    flows = query.talent_flows(news_store, since=since, until=until)
    assert [f.person for f in flows] == people


def test_flows_by_org(news_store: Store) -> None:
    assert [f.person for f in query.talent_flows(news_store, org="valeo")] == ["Thomas Lefèvre"]
    with pytest.raises(query.NotFound):
        query.talent_flows(news_store, org="Renault")
    with pytest.raises(query.DateError, match="since must be a date"):
        query.talent_flows(news_store, since="hier")


def test_flows_csv_and_graphml(news_store: Store) -> None:
    flows = query.talent_flows(news_store)
    lines = query.flows_csv(flows).splitlines()
    assert lines[0].startswith("date,person,from_org,to_org")
    assert len(lines) == 3 and "Danone" in lines[1]
    root = ET.fromstring(query.flows_graphml(flows))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == 4
    assert len(root.findall(".//g:edge", ns)) == 2


def test_stats(news_store: Store) -> None:
    stats = query.stats(news_store)
    assert stats.articles == 5 and stats.facts_total == 11
    assert stats.facts["move"] == 6 and stats.entities["person"] == 4
    assert stats.published_range == ["2023-03-10", "2024-09-20"]


def test_article_detail_offsets_point_at_evidence(news_store: Store) -> None:
    article = query.article_detail(news_store, "t-003")
    assert len(article.facts) == 4
    for fact in article.facts:
        assert article.full_text[fact.start:fact.end] == fact.quote
    assert article.facts[0].summary.startswith("Thomas Lefèvre starts as directeur général")
    with pytest.raises(query.NotFound) as caught:
        query.article_detail(news_store, "t-00")
    assert "t-001" in caught.value.suggestions


def test_recent_articles(news_store: Store) -> None:
    page = query.recent_articles(news_store, limit=2)
    assert page.total == 5 and [a.id for a in page.articles] == ["t-004", "t-003"]
    assert page.articles[1].facts == 4
