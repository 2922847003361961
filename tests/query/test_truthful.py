"""Truthful pages: leadership without those who left, an undated fact said undated,
readable periods, ISO bounds beside normalised dates."""

# ruff: noqa: F811

from __future__ import annotations

import pytest
from click.testing import CliRunner
from store.fixtures import ANALYST_NEWS, NEWS, analyst_store, filled, fresh_store  # noqa: F401

from veille import query
from veille.cli.main import cli
from veille.query.dates import bounds, readable, shown_date
from veille.store import Store, open_store


def test_leadership_drops_a_post_the_same_article_says_was_left(analyst_store: Store) -> None:
    """"Paul Girard, directeur juridique, a quitté Valeo l'été dernier": the post is the
    one he left, though the article is dated after his departure."""
    valeo = query.org_profile(analyst_store, "Valeo")
    assert "Paul Girard" in [s.person for s in valeo.departures]
    assert [lead.person for lead in valeo.leadership] == ["Inès Roux"]
    # Her arrival has no date of its own: no "since" (the article's date is not one).
    assert valeo.leadership[0].since is None and valeo.leadership[0].last_seen == "2024-10-03"


def test_a_later_arrival_puts_someone_back_in_post(analyst_store: Store) -> None:
    # Thomas Lefèvre left Valeo (t-003) and his planned departure from Michelin is only
    # announced (t-004): he leads Michelin, not Valeo.
    assert [lead.person for lead in query.org_profile(analyst_store, "Michelin").leadership] \
        == ["Thomas Lefèvre"]
    assert "Thomas Lefèvre" not in [
        lead.person for lead in query.org_profile(analyst_store, "Valeo").leadership]


def test_undated_step_says_so(analyst_store: Store) -> None:
    steps = query.person_timeline(analyst_store, "Inès Roux").steps
    assert steps[0].date_is_published
    assert steps[0].date_shown == "date not given (reported on 3 October 2024)"
    assert (steps[0].date_start, steps[0].date_end) == (None, None)
    girard = query.person_timeline(analyst_store, "Paul Girard").steps
    end = next(s for s in girard if s.kind == "end")
    assert (end.date_shown, end.date_start, end.date_end) == (
        "summer 2024", "2024-06-01", "2024-08-31")


def test_cli_person_says_the_date_is_not_given(tmp_path: object) -> None:
    path = f"{tmp_path}/p.db"
    with open_store(path) as store:
        filled(store, NEWS + ANALYST_NEWS)
    result = CliRunner().invoke(cli, ["person", "Inès Roux", "--db", path])
    assert result.exit_code == 0
    assert "date not given (reported on 3 October 2024)" in result.output
    assert "2024-10-03" not in result.output


@pytest.mark.parametrize(("value", "text", "first", "last"), [
    ("2012-SU", "summer 2012", "2012-06-01", "2012-08-31"),
    ("2013-W20", "week of 13 May 2013", "2013-05-13", "2013-05-19"),
    ("2024-Q2", "Q2 2024", "2024-04-01", "2024-06-30"),
    ("2013-WI", "winter 2013", "2013-12-01", "2014-02-28"),
    ("2024-03", "March 2024", "2024-03-01", "2024-03-31"),
    ("2024-03-05", "5 March 2024", "2024-03-05", "2024-03-05"),
    ("2019", "2019", "2019-01-01", "2019-12-31"),
])
def test_readable_periods_and_bounds(value: str, text: str, first: str, last: str) -> None:
    assert readable(value) == text
    assert bounds(value) == (first, last)


def test_shown_date() -> None:
    assert shown_date(None, "2024-03-05T10:00:00") == "date not given (reported on 5 March 2024)"
    assert shown_date("2012-SU", "2013-01-01") == "summer 2012"
    assert shown_date(None, None) == "date not given"


def test_flows_csv_has_iso_bounds_beside_the_date(analyst_store: Store) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(query.flows_csv(query.talent_flows(analyst_store)))))
    moreau = next(r for r in rows if r["person"] == "Claire Moreau")
    assert (moreau["date"], moreau["date_start"], moreau["date_end"]) == (
        "2023-04", "2023-04-01", "2023-04-30")
