"""`veille train`: rebuild the decision model from the annotated corpus."""

from __future__ import annotations

from pathlib import Path

import click

from veille.cli.options import config_option
from veille.settings import load_settings
from veille.training.run import DEFAULT_CORPUS, TrainOptions, train


@click.command("train")
@click.option("--train", "train_gold", type=click.Path(exists=True, dir_okay=False),
              default="data/gold/train.jsonl", show_default=True, help="Gold to learn from.")
@click.option("--dev", "dev_gold", type=click.Path(exists=True, dir_okay=False),
              default="data/gold/dev.jsonl", show_default=True,
              help="Gold to compare learners, calibrate and choose the threshold on.")
@click.option("--corpus", "corpus", type=click.Path(exists=True, dir_okay=False),
              multiple=True, help=f"Articles of the gold files (default {DEFAULT_CORPUS}).")
@click.option("--add", "extra_gold", type=click.Path(exists=True, dir_okay=False),
              multiple=True, help="More gold for training only (exported corrections…).")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Where to write the model (default: the one shipped in the package).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--fraction", type=click.FloatRange(0.01, 1.0), default=1.0, show_default=True,
              help="Share of the train articles to use (a seeded sample: learning curves).")
@config_option
def train_command(
    train_gold: str,
    dev_gold: str,
    corpus: tuple[str, ...],
    extra_gold: tuple[str, ...],
    out: str | None,
    seed: int,
    fraction: float,
    config_path: str | None,
) -> None:
    """Learn which proposals of the rules are facts, from the train split; compare
    learners and calibrate on dev. The test split is never read."""
    defaults = TrainOptions()
    options = TrainOptions(
        train_gold=Path(train_gold),
        dev_gold=Path(dev_gold),
        corpus=tuple(Path(p) for p in corpus) or defaults.corpus,
        out=Path(out) if out else defaults.out,
        seed=seed,
        fraction=fraction,
        extra_gold=tuple(Path(p) for p in extra_gold),
    )
    for path in options.corpus:
        if not path.exists():
            raise click.UsageError(f"corpus file {path} not found; give --corpus PATH")
    training, name = train(options, load_settings(config_path),
                           say=lambda line: click.echo(line, err=True))
    for learner in training.learners:
        click.echo(
            f"{learner.name}: dev log loss {learner.log_loss:.4f}, AUC "
            f"{learner.auc if learner.auc is None else round(learner.auc, 4)}, best F1 "
            f"{learner.best_f1:.4f} at {learner.best_threshold:.2f}"
        )
    click.echo(
        f"kept logistic_regression, calibrated on dev: threshold "
        f"{training.model.threshold:.2f}, dev F1 {training.dev_f1:.4f} "
        f"(rules alone {training.dev_rules_f1:.4f})"
    )
    report = training.model.trained["pairs"]
    click.echo(f"pairs: candidate recall on dev {report['candidate_recall']['dev']} "
               f"(the ceiling of the decision), {report['features']} features")
    for label, figures in report["labels"].items():
        learners = ", ".join(f"{lr['learner']} AUC {lr['dev_auc']} best F1 {lr['dev_best_f1']}"
                             for lr in figures["learners"])
        click.echo(f"  {label}: {learners}; kept logistic_regression, thresholds "
                   f"{figures['threshold']:.2f} (the rules' pairs "
                   f"{figures['threshold_ruled']:.2f}): dev P {figures['dev_pair_precision']:.3f} "
                   f"R {figures['dev_pair_recall']:.3f} F1 {figures['dev_pair_f1']:.3f}")
    click.echo(f"model {name} written to {options.out}")


commands: list[click.Command] = [train_command]
