"""Pairing gold and predicted facts of one article and one type (FACTS.md "Scoring").

A pair is possible when the two facts agree on the key of their type:

- move: person, change, org;
- position: person, org;
- partnership: the set of orgs (same size, each gold org matched by a distinct
  predicted org);
- amount: org, value within 1% of the gold value (relative), currency;
- market_share: org, value within 0.005 of the gold value (absolute).

Names compare as `names.name_matches` says (a gold null matches anything); a gold
currency of null is not compared either. Among possible pairs, `assign` picks a
one-to-one assignment: the most pairs, then the most required (non-optional) gold facts,
then the most agreeing attributes (`ATTRIBUTES`), in that order of priority.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import linear_sum_assignment

from veille.evaluate.gold import ScoredFact
from veille.evaluate.intervals import DateFormatError, date_within
from veille.evaluate.names import alternatives, name_matches, roles_agree

AMOUNT_RELATIVE_TOLERANCE = 0.01
MARKET_SHARE_ABSOLUTE_TOLERANCE = 0.005
# Room for binary floating point: 0.32 - 0.315 is 0.005000000000000004.
_FLOAT_SLACK = 1e-9

# Defaults of records.py, used when a fact leaves the field out.
DEFAULT_STATUS = "done"
DEFAULT_INTERIM = False

AttributeCheck = Callable[[ScoredFact, ScoredFact], bool]


def dates_agree(gold: object, predicted: object) -> bool:
    """Date score of a matched pair: both null is correct, exactly one null is wrong;
    otherwise correct when the predicted interval lies inside the gold one (any gold
    alternative, when gold gives a list). A predicted value that is not a normalised
    date is wrong."""
    options = [o for o in alternatives(gold) if o is not None]
    if not options:
        return predicted is None
    if predicted is None:
        return False
    for option in options:
        try:
            if date_within(predicted, option):  # type: ignore[arg-type]
                return True
        except DateFormatError:
            continue  # gold dates are checked on load, so the prediction is the bad one
    return False


def _same(name: str, default: object = None) -> AttributeCheck:
    def check(gold: ScoredFact, predicted: ScoredFact) -> bool:
        wanted = gold.get(name, default)
        return any(option == predicted.get(name, default) for option in alternatives(wanted))

    return check


def _date(name: str) -> AttributeCheck:
    def check(gold: ScoredFact, predicted: ScoredFact) -> bool:
        return dates_agree(gold.get(name), predicted.get(name))

    return check


def _role(gold: ScoredFact, predicted: ScoredFact) -> bool:
    return roles_agree(gold.get("role"), predicted.get("role"))


def _position_dates(gold: ScoredFact, predicted: ScoredFact) -> bool:
    return _date("since")(gold, predicted) and _date("until")(gold, predicted)


# Attributes scored on matched pairs (accuracy) and used to break ties between pairs.
ATTRIBUTES: dict[str, dict[str, AttributeCheck]] = {
    "move": {
        "role": _role,
        "date": _date("date"),
        "status": _same("status", DEFAULT_STATUS),
        "interim": _same("interim", DEFAULT_INTERIM),
    },
    "position": {"role": _role, "date": _position_dates, "current": _same("current")},
    "partnership": {"status": _same("status", DEFAULT_STATUS), "date": _date("date")},
    "amount": {"kind": _same("kind", "other"), "date": _date("date")},
    "market_share": {"period": _date("period")},
}


def orgs_match(gold_orgs: list[object], predicted_orgs: list[object]) -> bool:
    """Partnership key: same number of orgs and a distinct predicted org for each gold
    org (a gold entry may be a list of alternatives, or null for "any")."""
    if len(gold_orgs) != len(predicted_orgs):
        return False
    fits = np.array([[name_matches(g, p) for p in predicted_orgs] for g in gold_orgs], dtype=float)
    rows, cols = linear_sum_assignment(fits, maximize=True)
    return bool(fits[rows, cols].sum() == len(gold_orgs))


def _value_close(gold: float, predicted: float, fact_type: str) -> bool:
    if fact_type == "amount":
        return abs(predicted - gold) <= AMOUNT_RELATIVE_TOLERANCE * abs(gold) * (1 + _FLOAT_SLACK)
    return abs(predicted - gold) <= MARKET_SHARE_ABSOLUTE_TOLERANCE + _FLOAT_SLACK


def _currency_matches(gold: object, predicted: object) -> bool:
    if gold is None:
        return True
    if not isinstance(predicted, str):
        return False
    return any(
        isinstance(option, str) and option.strip().upper() == predicted.strip().upper()
        for option in alternatives(gold)
    )


def keys_match(gold: ScoredFact, predicted: ScoredFact) -> bool:
    """True when the two facts agree on the key of their type (see the module doc)."""
    if gold.type != predicted.type:
        return False
    kind = gold.type
    if kind == "partnership":
        return orgs_match(list(gold.get("orgs") or []), list(predicted.get("orgs") or []))
    if not name_matches(gold.get("org"), predicted.get("org")):
        return False
    if kind in ("move", "position"):
        if kind == "move" and gold.get("change") != predicted.get("change"):
            return False
        return name_matches(gold.get("person"), predicted.get("person"))
    if not _value_close(float(gold.get("value")), float(predicted.get("value")), kind):
        return False
    return kind != "amount" or _currency_matches(gold.get("currency"), predicted.get("currency"))


def agreement(gold: ScoredFact, predicted: ScoredFact) -> int:
    """How many of the type's ATTRIBUTES the pair agrees on."""
    return sum(check(gold, predicted) for check in ATTRIBUTES[gold.type].values())


def assign(gold: list[ScoredFact], predicted: list[ScoredFact]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of facts of one type in one article.

    Priorities, strictly in this order: as many key matches as possible; then as many
    required gold facts as possible; then as many agreeing attributes as possible. They
    are folded into one weight per pair, each level worth more than everything below it
    can add up to, and the assignment of highest total weight is taken.
    """
    if not gold or not predicted:
        return []
    size = min(len(gold), len(predicted))
    most_attributes = max(len(checks) for checks in ATTRIBUTES.values())
    attribute_ceiling = most_attributes * size  # the most all pairs' agreement can add
    required_weight = attribute_ceiling + 1
    match_weight = required_weight * size + attribute_ceiling + 1
    weights = np.zeros((len(gold), len(predicted)))
    for g, gold_fact in enumerate(gold):
        for p, predicted_fact in enumerate(predicted):
            if keys_match(gold_fact, predicted_fact):
                weights[g, p] = (
                    match_weight
                    + (0 if gold_fact.optional else required_weight)
                    + agreement(gold_fact, predicted_fact)
                )
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(g), int(p)) for g, p in zip(rows, cols, strict=True) if weights[g, p] > 0]
