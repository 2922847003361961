"""Why an article's facts are what they are: `explain_stored(store, id, explain)`.

The article is rebuilt from the stored text, as `veille reprocess` rebuilds it, and
handed to `explain`, which runs the extraction stage (`veille.facts.explain`). This
module loads no model itself: the API passes in the function that does
(`veille.api.explain.ModelExplainer`), tests pass a stand-in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from veille.query.lookup import NotFound
from veille.query.records import (
    ArticleExplanation,
    Candidate,
    FeatureWeight,
    SlotOption,
    SlotRanking,
)
from veille.records import Article
from veille.store import Store, reads
from veille.store.ingest import article_from_row

# An article in, the `Explanation.to_dict()` of each of its candidates out.
Explain = Callable[[Article], list[dict[str, Any]]]


def explain_stored(store: Store, article_id: str, explain: Explain) -> ArticleExplanation:
    """The candidates of the stored article `article_id`; NotFound (with close ids) when
    it is not stored."""
    with store.read() as conn:
        row = reads.article(conn, article_id)
        if row is None:
            raise NotFound("article", article_id, reads.article_ids_like(conn, article_id, 5))
    # The store's connection is released before the (slow) extraction runs.
    return ArticleExplanation(
        id=row["id"], stored_extractor_version=row["extractor_version"],
        candidates=[candidate(d) for d in explain(article_from_row(row))])


def candidate(data: dict[str, Any]) -> Candidate:
    """A Candidate from `Explanation.to_dict()`: the documented keys only, so that a key
    added there later does not break the API's schema."""
    return Candidate(
        fact=dict(data["fact"]), evidence=data["evidence"],
        generators=list(data["generators"]), rule_confidence=float(data["rule_confidence"]),
        probability=None if data["probability"] is None else float(data["probability"]),
        accepted=bool(data["accepted"]), reason=str(data["reason"]),
        strongest_features=[FeatureWeight(feature=str(f["feature"]), value=float(f["value"]),
                                          contribution=float(f["contribution"]))
                            for f in data["strongest_features"]],
        slots=[SlotRanking(slot=str(r["slot"]), filled_by=str(r["filled_by"]),
                           options=[SlotOption(value=None if o["value"] is None
                                               else str(o["value"]), score=float(o["score"]))
                                    for o in r["options"]])
               for r in data.get("slots", [])])
