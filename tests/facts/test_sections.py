"""Long articles are read by sections (veille/facts/sections.py): the sections cover the
article, and facts found past the first cut point into the whole article's text."""

from __future__ import annotations

import pytest

from veille.facts.sections import SECTION_CHARS, split_sections
from veille.records import Article

FILLER = ("Le conseil a longuement débattu de la stratégie du groupe et de ses usines. "
          "Les syndicats attendent des précisions sur le calendrier.\n\n")


def long_article(paragraphs: int) -> Article:
    return Article(
        id="long", published="2024-03-01",
        title="Une longue enquête sur l'industrie",
        summary="Un résumé de quelques mots.",
        text=(FILLER * paragraphs
              + "Sophie Morel est nommée directrice générale de Safran, a annoncé le groupe.\n\n"
              + FILLER * 3))


@pytest.mark.parametrize("size", [200, 1000, 5000])
def test_sections_cover_the_article_in_order(size: int) -> None:
    article = long_article(60)
    sections = split_sections(article, size)
    full = article.full_text
    assert len(sections) > 1
    assert sections[0][0] == 0 and sections[0][1].title == article.title
    for offset, section in sections:
        assert full[offset:offset + len(section.full_text)] == section.full_text
        assert len(section.full_text) <= size
    # every character of the text is in one section (the cuts lose only what lies
    # between two sections: nothing, or the spaces of an empty piece)
    covered = sum(len(s.full_text) for _, s in sections)
    assert len(full) - covered < 3 * len(sections)


def test_a_short_article_is_one_section() -> None:
    article = long_article(1)
    assert split_sections(article) == [(0, article)]


@pytest.mark.slow
def test_facts_past_the_first_section_point_into_the_whole_article(extractor) -> None:  # type: ignore[no-untyped-def]
    article = long_article(SECTION_CHARS // len(FILLER) + 20)
    assert len(split_sections(article)) >= 2
    result = extractor.extract(article)
    moves = [f for f in result.facts if f.type == "move"]
    assert [(m.person, m.org) for m in moves] == [("Sophie Morel", "Safran")]
    ev = moves[0].evidence
    assert ev.start > SECTION_CHARS
    assert article.full_text[ev.start:ev.end] == ev.text
