"""The country an organisation belongs to, from what the gazetteer or an article says.

Sources, strongest first (the resolver keeps the gazetteer's over any article's, and an
article's first word on it over later ones):

1. the gazetteer's country column ("Sénat américain": US);
2. a public body's post named with a nationality ("le ministre britannique de la Santé":
   the British ministry, GB; "la ministre française du Travail": FR);
3. the words just before the name in the evidence: a noun of `org_nouns`
   (veille/data/entity_cues_fr.yaml), a nationality adjective, the name ("le constructeur
   japonais Toyota": JP);
4. a subsidiary named after its country ("Google Inde": IN).

Nothing else: no country is guessed from a language, a city, a domain or the look of a
name, and a bare "ministère de la Santé" outside the gazetteer gets none. Countries are
ISO 3166-1 alpha-2 codes (`veille.countries`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from veille.countries import code_of
from veille.resolve.orgs import split_subsidiary, title_country


@lru_cache(maxsize=1)
def _noun_pattern() -> str:
    from veille.nlp.gazetteer import entity_cues

    nouns = sorted(entity_cues()["org_nouns"], key=len, reverse=True)
    return "|".join(re.escape(n) for n in nouns)


def described_country(org: str, quote: str | None) -> str | None:
    """The country a nationality adjective gives `org` where the quote writes "<org
    noun> <adjective> <org>" ("l'opérateur britannique Vodafone": GB)."""
    from veille.facts.reading.lexicon import country_of

    if not org or not quote or org not in quote:
        return None
    pattern = rf"(?<!\w)(?:{_noun_pattern()})\s+([\w-]+)\s+{re.escape(org)}(?!\w)"
    for match in re.finditer(pattern, quote, flags=re.IGNORECASE):
        code = code_of(country_of(match.group(1)))
        if code:
            return code
    return None


def context_country(org: str | None, role: str | None, quote: str | None) -> str | None:
    """The country one fact's article gives the organisation it names (sources 2 and 3)."""
    if not org:
        return None
    return code_of(title_country(org, role)) or described_country(org, quote)


def name_country(name: str) -> str | None:
    """The country a subsidiary's name gives it ("Orange France": FR); None when the
    place is no country ("Microsoft Europe") or the name no subsidiary's."""
    sub = split_subsidiary(name)
    return code_of(sub.place) if sub else None
