"""The input stage: files, folders and standard input turned into `Article` records.

`read_articles` is the entry point. `veille.sources.normalise.normalise` cleans text
for the NLP stage without moving any character offset.
"""

from veille.sources.problems import InputNote, PublishedDateError
from veille.sources.reader import read_articles

__all__ = ["InputNote", "PublishedDateError", "read_articles"]
