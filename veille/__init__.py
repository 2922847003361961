"""veille: French business news in, facts with evidence out."""

from veille.records import Article, ExtractionResult
from veille.settings import Settings, load_settings

__all__ = ["Article", "ExtractionResult", "Settings", "load_settings"]
