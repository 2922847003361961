"""Scoring rules of FACTS.md, on small gold and prediction records written here."""

from __future__ import annotations

from typing import Any

import pytest

from veille.evaluate import FactFormatError, evaluate
from veille.evaluate.gold import collect_facts
from veille.evaluate.matching import keys_match

Record = dict[str, Any]


def ev(text: str) -> dict[str, Any]:
    return {"start": 0, "end": len(text), "text": text}


def move(person: object, org: object, change: str = "start", **more: Any) -> Record:
    fact = {"type": "move", "person": person, "change": change, "org": org}
    fact.setdefault("evidence", ev(f"{person} rejoint {org}"))
    return {**fact, **more}


def position(person: object, org: object, **more: Any) -> Record:
    return {"type": "position", "person": person, "org": org, "evidence": ev("..."), **more}


def amount(org: object, value: float, currency: object = "EUR", **more: Any) -> Record:
    return {
        "type": "amount",
        "org": org,
        "value": value,
        "currency": currency,
        "kind": "revenue",
        "evidence": ev("..."),
        **more,
    }


def share(org: object, value: float, **more: Any) -> Record:
    return {"type": "market_share", "org": org, "value": value, "evidence": ev("..."), **more}


def partnership(orgs: list[object], **more: Any) -> Record:
    return {"type": "partnership", "orgs": orgs, "evidence": ev("..."), **more}


def article(facts: list[Record], article_id: str = "a1") -> Record:
    return {"id": article_id, "published": "2013-05-22", "facts": facts}


def counts(gold: list[Record], predicted: list[Record], fact_type: str) -> tuple[int, int, int]:
    score = evaluate([article(gold)], [article(predicted)]).scores[fact_type]
    return score.tp, score.fp, score.fn


# --- names and alternatives -------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (
            move("Marie Durand", ["Amazon Web Services", "AWS"]),
            move("Marie Durand", "AWS"),
            (1, 0, 0),
        ),
        (move(["Paul Martiz", "Paul Maritz"], "VMware"), move("Paul Maritz", "vmware"), (1, 0, 0)),
        (
            move("Hélène Léger", "la Société Générale"),
            move("HELENE LEGER", "Société générale"),
            (1, 0, 0),
        ),
        (move("Jean Petit", None), move("Jean Petit", "Orange"), (1, 0, 0)),
        (move(None, "Orange"), move("Jean Petit", "Orange"), (1, 0, 0)),
        (move("Jean Petit", "Orange"), move("Jean Petit", None), (0, 1, 1)),
        (move("Jean Petit", "Orange"), move("Jean Petit", "Orange", change="end"), (0, 1, 1)),
        (move("Jean Petit", "Orange"), move("Jeanne Petit", "Orange"), (0, 1, 1)),
    ],
)
def test_move_keys(gold: Record, predicted: Record, expected: tuple[int, int, int]) -> None:
    assert counts([gold], [predicted], "move") == expected


def test_position_keys_ignore_role_but_not_org() -> None:
    gold = [position("Pierre Paperon", "Cloudwatt", role="Directeur marketing")]
    assert counts(gold, [position("Pierre Paperon", "CloudWatt", role="CMO")], "position") == (
        1,
        0,
        0,
    )
    assert counts(gold, [position("Pierre Paperon", "Orange")], "position") == (0, 1, 1)


# --- optional gold facts, both ways ---------------------------------------------------


def test_prediction_matching_an_optional_gold_is_neither_tp_nor_fp() -> None:
    gold = [move("Ana Ruiz", "Pivotal", optional=True)]
    report = evaluate([article(gold)], [article([move("Ana Ruiz", "Pivotal")])])
    score = report.scores["move"]
    assert (score.tp, score.fp, score.fn, score.optional_matched) == (0, 0, 0, 1)
    assert report.errors == []


def test_missing_an_optional_gold_is_not_a_false_negative() -> None:
    gold = [move("Ana Ruiz", "Pivotal", optional=True), move("Ana Ruiz", "VMware", "end")]
    report = evaluate([article(gold)], [article([move("Ana Ruiz", "VMware", "end")])])
    score = report.scores["move"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    assert report.errors == []


def test_required_gold_is_preferred_to_optional_when_one_prediction_fits_both() -> None:
    # The optional gold comes first so that input order would pick the wrong one.
    gold = [move("Ana Ruiz", "Pivotal", optional=True), move("Ana Ruiz", None)]
    report = evaluate([article(gold)], [article([move("Ana Ruiz", "Pivotal")])])
    score = report.scores["move"]
    assert (score.tp, score.fp, score.fn, score.optional_matched) == (1, 0, 0, 0)


# --- one-to-one assignment where a greedy pass fails ------------------------------------


def greedy_pairs(gold: list[Record], predicted: list[Record]) -> int:
    """Each gold fact, in order, takes the first free prediction that fits."""
    gold_facts = collect_facts([article(gold)], "gold")["a1"]
    predicted_facts = collect_facts([article(predicted)], "predicted")["a1"]
    taken: set[int] = set()
    for gold_fact in gold_facts:
        for index, predicted_fact in enumerate(predicted_facts):
            if index not in taken and keys_match(gold_fact, predicted_fact):
                taken.add(index)
                break
    return len(taken)


def test_assignment_finds_more_pairs_than_a_greedy_pass() -> None:
    # The first gold (org unstated) fits both predictions; greedy gives it the Orange one
    # and leaves the second gold (Orange) with nothing.
    gold = [move("Luc Bernard", None), move("Luc Bernard", "Orange")]
    predicted = [move("Luc Bernard", "Orange"), move("Luc Bernard", "SFR")]
    assert greedy_pairs(gold, predicted) == 1
    assert counts(gold, predicted, "move") == (2, 0, 0)


def test_equal_key_matches_are_paired_by_agreeing_attributes() -> None:
    gold = [
        move("Léa Moreau", "Airbus", role="directrice financière", date="2020"),
        move("Léa Moreau", "Airbus", role="présidente", date="2022-03"),
    ]
    predicted = [
        move("Léa Moreau", "Airbus", role="présidente", date="2022-03-01"),
        move("Léa Moreau", "Airbus", role="directrice financière", date="2020-Q2"),
    ]
    report = evaluate([article(gold)], [article(predicted)])
    assert report.attributes["move"]["role"].correct == 2
    assert report.attributes["move"]["date"].correct == 2


# --- values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "matches"),
    [
        (amount("Cloudwatt", 500e6), True),
        (amount("Cloudwatt", 504e6), True),
        (amount("Cloudwatt", 505e6), True),  # exactly 1%
        (amount("Cloudwatt", 495e6), True),
        (amount("Cloudwatt", 506e6), False),
        (amount("Cloudwatt", 494e6), False),
        (amount("Cloudwatt", 500e6, "USD"), False),
        (amount("Cloudwatt", 500e6, "eur"), True),
        (amount("Cloudwatt", 500e6, None), False),
        (amount("Orange", 500e6), False),
        (amount("Cloudwatt", 500), False),  # units, not millions
    ],
)
def test_amount_value_within_one_percent_and_same_currency(
    predicted: Record, matches: bool
) -> None:
    gold = [amount("Cloudwatt", 500e6, kind="revenue_target")]
    assert counts(gold, [predicted], "amount") == ((1, 0, 0) if matches else (0, 1, 1))


def test_gold_amount_without_org_or_currency_compares_value_only() -> None:
    gold = [amount(None, 13e9, None)]
    assert counts(gold, [amount("IDC", 13.1e9, "USD")], "amount") == (1, 0, 0)


@pytest.mark.parametrize(
    ("value", "matches"),
    [
        (0.32, True),
        (0.324, True),
        (0.325, True),
        (0.315, True),
        (0.326, False),
        (0.31, False),
        (32.0, False),
    ],
)
def test_market_share_value_within_half_a_point(value: float, matches: bool) -> None:
    gold = [share(["AWS", "Amazon Web Services"], 0.32)]
    assert counts(gold, [share("Amazon Web Services", value)], "market_share") == (
        (1, 0, 0) if matches else (0, 1, 1)
    )


# --- partnerships -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted_orgs", "matches"),
    [
        (["Cloudwatt", "Cheops Technology"], True),
        (["cheops technology", "CloudWatt"], True),  # a set: order does not count
        (["Cloudwatt", "Cheops Technology", "Orange"], False),  # not the same size
        (["Cloudwatt", "Orange"], False),
        (["Cloudwatt", "Cloudwatt"], False),  # each gold org needs its own prediction
        (["Cloudwatt"], False),  # a malformed prediction is scored, as a false positive
    ],
)
def test_partnership_matches_on_the_set_of_orgs(
    predicted_orgs: list[object], matches: bool
) -> None:
    gold = [partnership(["Cloudwatt", "Cheops Technology"])]
    assert counts(gold, [partnership(predicted_orgs)], "partnership") == (
        (1, 0, 0) if matches else (0, 1, 1)
    )


@pytest.mark.parametrize(
    ("predicted_orgs", "matches"),
    [(["SFR", "Orange"], True), (["Orange", "SFR"], True), (["SFR", "Bouygues"], False)],
)
def test_partnership_gold_entries_may_list_alternatives(
    predicted_orgs: list[object], matches: bool
) -> None:
    # "SFR" could be taken by either gold entry; only a distinct pairing counts.
    gold = [partnership(["SFR", ["Orange", "SFR"]])]
    assert counts(gold, [partnership(predicted_orgs)], "partnership") == (
        (1, 0, 0) if matches else (0, 1, 1)
    )


# --- attributes on matched moves ------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_date", "predicted_date", "correct"),
    [
        (None, None, True),
        ("2012-SU", None, False),
        (None, "2012", False),
        ("2012-SU", "2012-07", True),
        ("2012-SU", "2012", False),
        ("2013-W20", "2013-05-15", True),
        ("2013", "2013-W01", False),
        ("2012-SU", "l'été dernier", False),  # not a normalised date: wrong, no crash
    ],
)
def test_move_date_by_interval_containment(
    gold_date: str | None, predicted_date: str | None, correct: bool
) -> None:
    report = evaluate(
        [article([move("Ana Ruiz", "Orange", date=gold_date)])],
        [article([move("Ana Ruiz", "Orange", date=predicted_date)])],
    )
    accuracy = report.attributes["move"]["date"]
    assert (accuracy.correct, accuracy.total) == (int(correct), 1)


def test_status_interim_and_role_accuracies_and_mismatch_errors() -> None:
    gold = [
        move("Ana Ruiz", "Orange", role="directrice générale", status="planned", interim=True),
        move("Marc Roux", "SFR", role="CTO"),
    ]
    predicted = [
        move(
            "Ana Ruiz",
            "Orange",
            role="Directrice générale par intérim",
            status="done",
            interim=True,
        ),
        move("Marc Roux", "SFR", role="CTO", status="done", interim=False),
    ]
    report = evaluate([article(gold)], [article(predicted)])
    attributes = report.attributes["move"]
    assert (attributes["role"].correct, attributes["role"].total) == (2, 2)
    assert (attributes["status"].correct, attributes["status"].total) == (1, 2)
    assert (attributes["interim"].correct, attributes["interim"].total) == (2, 2)
    [mismatch] = report.errors
    assert mismatch.kind == "mismatch" and mismatch.detail == "wrong status"
    assert mismatch.gold_fields is not None and mismatch.gold_fields["status"] == "planned"


# --- articles, counts, errors ---------------------------------------------------------


def test_gold_article_missing_from_predictions_counts_its_facts_as_misses() -> None:
    gold = [
        article([move("Ana Ruiz", "Orange"), amount("Orange", 1e9)], "a1"),
        article([move("Marc Roux", "SFR")], "a2"),
    ]
    predicted = [article([move("Marc Roux", "SFR")], "a2"), article([], "not-in-gold")]
    report = evaluate(gold, predicted)
    assert (report.scores["move"].tp, report.scores["move"].fn) == (1, 1)
    assert report.scores["amount"].fn == 1
    assert report.missing_articles == ["a1"]
    assert report.ignored_articles == 1
    assert {(e.kind, e.article_id, e.type) for e in report.errors} == {
        ("miss", "a1", "move"),
        ("miss", "a1", "amount"),
    }


def test_precision_recall_f1_are_micro_over_articles() -> None:
    gold = [article([move("A B", "X"), move("C D", "X")], "a1"), article([], "a2")]
    predicted = [article([move("A B", "X")], "a1"), article([move("E F", "Y")], "a2")]
    score = evaluate(gold, predicted).scores["move"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.precision == score.recall == score.f1 == 0.5


def test_spurious_error_carries_evidence_and_key_fields() -> None:
    report = evaluate([article([])], [article([move("Ana Ruiz", "Orange")])])
    [error] = report.errors
    assert error.kind == "spurious"
    assert error.fields["person"] == "Ana Ruiz" and error.evidence == "Ana Ruiz rejoint Orange"
    as_json = report.to_dict()
    assert as_json["scores"]["move"]["fp"] == 1
    assert as_json["scores"]["move"]["precision"] == 0.0
    assert as_json["scores"]["move"]["recall"] is None
    assert as_json["errors"][0]["kind"] == "spurious"


def test_gold_evidence_may_be_a_plain_string() -> None:
    gold = [move("Ana Ruiz", "Orange", evidence="Ana Ruiz rejoint Orange")]
    report = evaluate([article(gold)], [article([])])
    assert report.errors[0].evidence == "Ana Ruiz rejoint Orange"


# --- malformed input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "message"),
    [
        ([article([{"type": "rumour", "evidence": "x"}])], [], "unknown type 'rumour'"),
        ([article([move("A B", "X", date="été 2012")])], [], "not a normalised date"),
        ([article([{**amount("X", 12e6), "value": "12 millions"}])], [], "must be a number"),
        ([article([partnership(["X"])])], [], "two or more"),
        ([article([])], [article([move(["A B", "A. B."], "X")])], "belong in gold files"),
        ([article([]), article([])], [], "appears twice"),
        ([{"id": "a1"}], [], '"facts" must be a list'),
    ],
)
def test_malformed_records_raise_fact_format_error(
    gold: list[Record], predicted: list[Record], message: str
) -> None:
    with pytest.raises(FactFormatError, match=message):
        evaluate(gold, predicted)
