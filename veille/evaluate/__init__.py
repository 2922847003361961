"""Scoring any facts output against any gold file, by the rules of FACTS.md "Scoring".

Imports no model: only `veille.evaluate.run.predict` (used by `veille evaluate` without
--pred) loads the extractor, and only when called.
"""

from veille.evaluate.gold import FactFormatError, FactsFileError, read_facts_file
from veille.evaluate.intervals import DateFormatError, date_interval, date_within
from veille.evaluate.scoring import (
    Accuracy,
    EvaluationReport,
    Mistake,
    TypeScore,
    evaluate,
    first_alternatives,
)

__all__ = [
    "Accuracy",
    "DateFormatError",
    "EvaluationReport",
    "FactFormatError",
    "FactsFileError",
    "Mistake",
    "TypeScore",
    "date_interval",
    "date_within",
    "evaluate",
    "first_alternatives",
    "read_facts_file",
]
