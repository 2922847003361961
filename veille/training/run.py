"""The whole of `veille train`: label train and dev, fit, calibrate, save."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from veille.evaluate.gold import read_facts_file
from veille.records import SHIPPED_MODEL_PATH, decision_model_id
from veille.settings import Settings
from veille.training.dataset import Examples, label, sample_articles
from veille.training.fit import Training, fit
from veille.training.pairs import fit_pairs
from veille.training.slots import fit_slots

DEFAULT_CORPUS = Path("..") / "shared" / "corpus" / "orangesum.jsonl.gz"


@dataclass(frozen=True)
class TrainOptions:
    """Where the data are and what to build; defaults suit a checkout of the repository."""

    train_gold: Path = Path("data/gold/train.jsonl")
    dev_gold: Path = Path("data/gold/dev.jsonl")
    corpus: tuple[Path, ...] = (DEFAULT_CORPUS,)
    out: Path = SHIPPED_MODEL_PATH
    seed: int = 13
    fraction: float = 1.0
    # more gold for training only (the analysts' exported corrections, say)
    extra_gold: tuple[Path, ...] = field(default_factory=tuple)


def train(
    options: TrainOptions,
    settings: Settings,
    say: Callable[[str], None] = lambda _: None,
) -> tuple[Training, str]:
    """Train, save the model to options.out, return the training and the model's id."""
    started = time.monotonic()
    train_gold = sample_articles(list(read_facts_file(options.train_gold)), options.fraction,
                                 options.seed)
    for path in options.extra_gold:
        train_gold += list(read_facts_file(path))
    dev_gold = list(read_facts_file(options.dev_gold))
    say(f"train: {len(train_gold)} gold articles ({options.fraction:.0%} of "
        f"{options.train_gold}); dev: {len(dev_gold)}; running the rules on them…")
    examples = Examples()
    examples.extend(label(train_gold, list(options.corpus), settings))
    say(f"train: {len(examples.rows)} proposals, {sum(examples.labels)} right "
        f"({time.monotonic() - started:.0f}s)")
    dev = label(dev_gold, list(options.corpus), settings)
    say(f"dev: {len(dev.rows)} proposals, {sum(dev.labels)} right "
        f"({time.monotonic() - started:.0f}s)")
    training = fit(examples, dev, options.seed)
    say(f"pairs: {len(examples.pairs.rows)} in train, {len(dev.pairs.rows)} in dev; fitting…")
    people = fit_pairs(examples.pairs, dev.pairs, options.seed)
    slots = fit_slots(examples.pairs.slot_groups, dev.pairs.slot_groups, people.model,
                      options.seed)
    say(f"slots: {len(examples.pairs.slot_groups)} in train, {len(dev.pairs.slot_groups)} in "
        f"dev; filled by the model: {slots.report.get('uses', 'none')} "
        f"({time.monotonic() - started:.0f}s)")
    training.model = replace(
        training.model, pairs=replace(people.model, slots=slots.model),
        trained={**training.model.trained, "pairs": people.report, "slots": slots.report},
    )
    options.out.parent.mkdir(parents=True, exist_ok=True)
    training.model.save(options.out)
    return training, decision_model_id(options.out)
