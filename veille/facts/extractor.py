"""Articles in, ExtractionResults out: the one entry point of the extraction stage.

Cheap before expensive: with the fast path on, only runs of candidate sentences
(see `fast_path.py`) go through the spaCy pipeline; the others are never parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from veille.facts.context import ArticleContext, Chunk
from veille.facts.decision import decide, load_model
from veille.facts.fast_path import plan_pieces
from veille.facts.people.decide import pair_rows
from veille.facts.sections import merged, split_sections
from veille.nlp.pipeline import load_pipeline
from veille.records import RULES_VERSION, Article, ExtractionResult, Fact
from veille.settings import Settings
from veille.sources.normalise import normalise

FactExtractor = Callable[[list[Chunk], ArticleContext], list[Fact]]


def default_extractors() -> list[FactExtractor]:
    """Every fact extractor, in the order they run on an article."""
    from veille.facts.business import amounts, market_shares, partnerships
    from veille.facts.rules import moves

    return [moves.extract, partnerships.extract, amounts.extract, market_shares.extract]


class Extractor:
    """Loads the pipeline once; extracts facts from any number of articles."""

    def __init__(
        self,
        settings: Settings | None = None,
        nlp: Language | None = None,
        keep_pairs: bool = False,
    ):
        self.settings = settings or Settings()
        # training reads the person–organisation pairs of each article (facts/people/)
        self.keep_pairs = keep_pairs
        self.nlp = nlp if nlp is not None else load_pipeline(self.settings)
        self.extractors = default_extractors()
        self.decision = load_model(self.settings.decision_model)

    def extract(self, article: Article) -> ExtractionResult:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        """Results in input order, one per article, in constant memory."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.settings.batch_size)):
            yield from self._extract_batch(batch)

    def _extract_batch(self, batch: list[Article]) -> Iterator[ExtractionResult]:
        """Refused articles cost their reading only; long ones are read by sections
        (sections.py), so that no pass costs more than linear time in the length."""
        units: list[Article] = []
        plans: list[list[tuple[int, int]] | ExtractionResult] = []
        for article in batch:
            problem = self._refuse(article)
            if problem:
                refusal = ExtractionResult(article.id, article.published, warnings=[problem])
                refusal.refused = not _is_empty(article)
                plans.append(refusal)
                continue
            sections: list[tuple[int, int]] = []  # (offset in the article, unit index)
            for offset, section in split_sections(article):
                sections.append((offset, len(units)))
                units.append(section)
            plans.append(sections)
        results = list(self._extract_units(units)) if units else []
        for article, plan in zip(batch, plans, strict=True):
            if isinstance(plan, ExtractionResult):
                yield plan
            elif len(plan) == 1 and plan[0][0] == 0:
                yield results[plan[0][1]]
            else:
                yield merged(article, [(offset, results[unit]) for offset, unit in plan])

    def _extract_units(self, batch: list[Article]) -> Iterator[ExtractionResult]:
        results = [ExtractionResult(a.id, a.published) for a in batch]
        contexts = [ArticleContext.for_article(a) for a in batch]
        jobs: list[tuple[Doc, tuple[int, int, bool]]] = []
        refused: set[int] = set()  # empty sections (no refusal for length reaches here)
        for index, ctx in enumerate(contexts):
            problem = self._refuse(ctx.article)
            if problem:
                results[index].warnings.append(problem)
                refused.add(index)
                continue
            # The model reads the normalised text; evidence is cut from the original,
            # which has the same length (normalise() preserves every offset).
            clean = normalise(ctx.text)
            leads = tuple(ctx.article.lead_starts)
            fast_path = self.settings.fast_path
            for start, end, candidate in plan_pieces(clean, fast_path=fast_path, lead_starts=leads):
                doc = self.nlp.make_doc(clean[start:end])
                # the temporal tagger resolves "la semaine dernière" against this
                doc._.published = ctx.published.isoformat() if ctx.published else None
                jobs.append((doc, (index, start, candidate)))
        chunks: list[list[Chunk]] = [[] for _ in batch]
        try:
            for doc, (index, offset, candidate) in self.nlp.pipe(jobs, as_tuples=True):
                chunks[index].append(Chunk(doc, offset, contexts[index].text, candidate))
        except Exception:
            # One article broke a pipeline component: parse article by article so that
            # only that one is lost, with a warning that names it.
            chunks = self._parse_one_by_one(jobs, contexts, results)
        for index, ctx in enumerate(contexts):
            if index in refused:
                yield results[index]
                continue
            self._propose(chunks[index], ctx, results[index])
            if self.keep_pairs:
                results[index].pairs = pair_rows(chunks[index], ctx, results[index].facts)
            if self.decision is not None:
                # rules propose, the model decides (facts/decision.py)
                results[index].facts = decide(
                    results[index].facts, chunks[index], ctx, self.decision,
                    self.settings.min_confidence,
                    results[index].set_aside,
                )
            else:
                for fact in results[index].facts:
                    fact.extractor_version = RULES_VERSION
            yield results[index]

    def _propose(self, chunks: list[Chunk], ctx: ArticleContext, result: ExtractionResult) -> None:
        """Every fact the rules find in the article, with the rules' own confidence."""
        for extract in self.extractors:
            try:
                proposed = extract(chunks, ctx)
                generator = extract.__module__.rsplit(".", 1)[-1]
                for fact in proposed:
                    fact.generators = fact.generators or [f"{generator}:{fact.type}"]
                result.facts.extend(proposed)
            except Exception as exc:  # noqa: BLE001 - a bad article must not stop the batch
                result.warnings.append(
                    f"article {ctx.article.id}: {extract.__module__} failed "
                    f"({type(exc).__name__}: {exc}); its facts of that kind are missing"
                )

    def _parse_one_by_one(
        self,
        jobs: list[tuple[Doc, tuple[int, int, bool]]],
        contexts: list[ArticleContext],
        results: list[ExtractionResult],
    ) -> list[list[Chunk]]:
        chunks: list[list[Chunk]] = [[] for _ in contexts]
        failed: set[int] = set()
        for doc, (index, offset, candidate) in jobs:
            if index in failed:
                continue
            # a fresh Doc: the failed batch may have left this one half annotated
            fresh = self.nlp.make_doc(doc.text)
            fresh._.published = doc._.published
            try:
                chunks[index].append(
                    Chunk(self.nlp(fresh), offset, contexts[index].text, candidate)
                )
            except Exception as exc:  # noqa: BLE001
                failed.add(index)
                chunks[index] = []
                results[index].warnings.append(
                    f"article {contexts[index].article.id}: the NLP pipeline failed "
                    f"({type(exc).__name__}: {exc}); skipped"
                )
        return chunks

    def _refuse(self, article: Article) -> str | None:
        """Why an article is not processed, or None when it is fine."""
        size = len(article.full_text)
        if not article.full_text.strip():
            return f"article {article.id}: empty text, nothing to extract"
        if size > self.settings.max_article_chars:
            return (
                f"article {article.id}: {size:,} characters, over the limit of "
                f"{self.settings.max_article_chars:,} (setting max_article_chars); not read "
                "(a knowledge base keeps it as refused: raise the limit and run "
                "`veille reprocess`)"
            )
        return None


def _is_empty(article: Article) -> bool:
    return not article.full_text.strip()
