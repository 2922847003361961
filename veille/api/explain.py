"""The one place where the server runs the extraction stage: explanations on demand.

Every other route reads the store only. `GET /api/explain/{id}` must extract the article
again to show every candidate, so it needs the spaCy pipeline and the decision model;
they are loaded at the first such request (a server nobody asks for an explanation never
loads them) and kept for the next ones.
"""

from __future__ import annotations

import threading
from typing import Any

from veille.records import Article
from veille.settings import Settings


class ModelExplainer:
    """`veille.facts.explain.explain` with the server's settings, one article at a time:
    requests run in a thread pool, and parallel extractions would only multiply the
    memory the model takes without making an answer come sooner on a small server."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> list[dict[str, Any]]:
        from veille.facts.explain import explain  # spaCy and the model: not at start-up

        with self._lock:
            return [e.to_dict() for e in explain(article, self.settings)]
