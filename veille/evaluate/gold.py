"""Reading gold and predicted facts files, and checking each fact before it is scored.

Both sides use the FACTS.md extraction-result shape, one article per line:
`{"id": …, "published": …, "facts": [ … ]}`. Gold files may in addition give a list of
accepted alternatives for `person`, `org` and each entry of partnership `orgs`, give
`evidence` as a plain quote, and mark a fact `"optional": true`. Predictions give one
value per field, as the extractor writes them.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from veille.errors import InputError, VeilleError
from veille.evaluate.intervals import DateFormatError, date_interval
from veille.records import FACT_TYPES, ExtractionResult

Side = Literal["gold", "predicted"]

# Fields holding a normalised date, per fact type; gold values there must parse.
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "move": ("date",),
    "position": ("since", "until"),
    "partnership": ("date",),
    "amount": ("date",),
    "market_share": ("period",),
}
# Fields holding a name that gold may give as a list of alternatives, per fact type.
NAME_FIELDS: dict[str, tuple[str, ...]] = {
    "move": ("person", "org"),
    "position": ("person", "org"),
    "partnership": (),
    "amount": ("org",),
    "market_share": ("org",),
}


class FactsFileError(InputError):
    """A line of a facts JSONL file cannot be read (not JSON, not an object, no id)."""


class FactFormatError(VeilleError):
    """A fact or an article record does not follow FACTS.md closely enough to be scored."""


@dataclass(frozen=True)
class ScoredFact:
    """One fact, checked and ready to be matched. `fields` is the fact dict as given."""

    article_id: str
    index: int
    type: str
    fields: dict[str, Any]
    optional: bool
    evidence: str | None

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


def read_facts_file(path: str | Path) -> Iterator[dict[str, Any]]:
    """The article records of a facts JSONL file (gzip when the name ends in .gz).

    Blank lines are skipped. Raises FactsFileError, naming the file and the line, for a
    line that is not a JSON object with an "id"; OSError when the file cannot be opened.
    """
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FactsFileError(
                    f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one "
                    'extraction result {"id": …, "published": …, "facts": […]}',
                    path=str(path),
                    line=number,
                ) from exc
            if not isinstance(record, dict) or "id" not in record:
                raise FactsFileError(
                    f'expected an object with an "id", got {_preview(record)}',
                    path=str(path),
                    line=number,
                )
            yield record


def collect_facts(
    records: Iterable[dict[str, Any] | ExtractionResult],
    side: Side,
    source: str | None = None,
) -> dict[str, list[ScoredFact]]:
    """Checked facts per article id, in input order. `source` (a file name) is named in
    error messages when given.

    Raises FactFormatError for a record without "id" or "facts" list, an id seen twice,
    an unknown fact type, a malformed name or value, and (gold only) a bad date.
    """
    label = f"{side} ({source})" if source else side
    by_article: dict[str, list[ScoredFact]] = {}
    for record in records:
        data = record.to_dict() if isinstance(record, ExtractionResult) else record
        if not isinstance(data, dict) or "id" not in data:
            raise FactFormatError(f'{label} record without an "id": {_preview(data)}')
        article_id = str(data["id"])
        if article_id in by_article:
            raise FactFormatError(
                f"{label} article {article_id!r} appears twice; give each article one line "
                "holding all its facts"
            )
        facts = data.get("facts")
        if not isinstance(facts, list):
            raise FactFormatError(
                f'{label} article {article_id!r}: "facts" must be a list, got {_preview(facts)}'
            )
        by_article[article_id] = [
            _check_fact(
                f"{label} article {article_id!r}, fact #{index + 1}", article_id, index, fact, side
            )
            for index, fact in enumerate(facts)
        ]
    return by_article


def _check_fact(where: str, article_id: str, index: int, fact: object, side: Side) -> ScoredFact:
    if not isinstance(fact, dict):
        raise FactFormatError(f"{where}: a fact must be an object, got {_preview(fact)}")
    fact_type = fact.get("type")
    if fact_type not in FACT_TYPES:
        raise FactFormatError(
            f"{where}: unknown type {fact_type!r}; known types: {', '.join(FACT_TYPES)}"
        )
    for name in NAME_FIELDS[fact_type]:
        _check_name(where, name, fact.get(name), side)
    if fact_type == "partnership":
        orgs = fact.get("orgs")
        # A predicted partnership of one org is wrong but scorable: it matches no gold.
        if not isinstance(orgs, list) or (side == "gold" and len(orgs) < 2):
            raise FactFormatError(
                f'{where}: partnership "orgs" must list two or more organisations, '
                f"got {_preview(orgs)}"
            )
        for org in orgs:
            _check_name(where, "orgs entry", org, side)
    if fact_type in ("amount", "market_share"):
        value = fact.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FactFormatError(
                f'{where}: {fact_type} "value" must be a number (12.7e9, 0.32), '
                f"got {_preview(value)}"
            )
    if side == "gold":
        for name in DATE_FIELDS[fact_type]:
            value = fact.get(name)
            if value is None:
                continue
            for option in value if isinstance(value, list) else [value]:
                try:
                    date_interval(option)
                except DateFormatError as exc:
                    raise FactFormatError(f"{where}, field {name!r}: {exc}") from exc
    optional = fact.get("optional", False)
    if side == "predicted" and optional:
        raise FactFormatError(f'{where}: "optional" is for gold annotations, not predictions')
    return ScoredFact(
        article_id=article_id,
        index=index,
        type=fact_type,
        fields=fact,
        optional=bool(optional),
        evidence=_evidence_text(fact.get("evidence")),
    )


def _check_name(where: str, name: str, value: object, side: Side) -> None:
    if value is None or isinstance(value, str):
        return
    if (
        side == "gold"
        and isinstance(value, list)
        and value
        and all(isinstance(option, str) for option in value)
    ):
        return
    accepted = (
        "a string, a non-empty list of accepted strings, or null"
        if side == "gold"
        else "a string or null (lists of alternatives belong in gold files)"
    )
    raise FactFormatError(f"{where}: {name} must be {accepted}, got {_preview(value)}")


def _evidence_text(evidence: object) -> str | None:
    if isinstance(evidence, str):
        return evidence
    if isinstance(evidence, dict) and isinstance(evidence.get("text"), str):
        return str(evidence["text"])
    return None


def _preview(value: object, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
