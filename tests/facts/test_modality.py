"""Modality and attribution of clauses, on French sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from veille.facts.reading.modality import clause_source, clause_status

pytestmark = pytest.mark.slow

PUBLISHED = date(2014, 1, 10)

# (sentence, the verb to judge, expected status, expected source)
CASES = [
    ("VMware travaillerait en ce moment avec Microsoft sur des développements.",
     "travaillerait", "reported", None),
    ("Paul Dupont aurait été recruté par Google.", "recruté", "reported", None),
    ("Celui-ci pourrait être annoncé dans les prochaines semaines, rapporte le site "
     "The Information.", "annoncé", "reported", "The Information"),
    ("Le groupe devrait annoncer un partenariat.", "annoncer", "reported", None),
    ("Selon des sources proches du dossier, Marie Durand a quitté la société.",
     "quitté", "reported", None),
    ("D'après Les Echos, le groupe a racheté la start-up.", "racheté", "done", "Les Echos"),
    ("Vaishali Kasture a quitté l'entreprise, a déclaré à TechCrunch une source proche "
     "du dossier.", "quitté", "done", "TechCrunch"),
    ("Selon LinkedIn, Marie Durand a rejoint Salesforce.", "rejoint", "done", "LinkedIn"),
    ("Selon le cabinet Canalys, AWS a attiré 32% des dépenses cloud.",
     "attiré", "done", "Canalys"),
    ("Le marché devrait atteindre 13 milliards de dollars d'ici 2026, selon IDC.",
     "atteindre", "reported", "IDC"),
    ("Selon lui, la société a choisi Oracle.", "choisi", "reported", None),
    ("Patrick Starck va quitter prochainement ses fonctions.", "quitter", "planned", None),
    ("Elle prendra ses fonctions le 2 novembre.", "prendra", "planned", None),
    ("Jean Martin sera nommé directeur général.", "nommé", "planned", None),
    ("Le dirigeant doit quitter le groupe en juin.", "quitter", "planned", None),
    ("Amazon prévoit d'investir 2 milliards d'euros en France.", "investir", "planned", None),
    ("Jean Martin devient directeur général à compter du 1er mars 2030.",
     "devient", "planned", None),
    ("Jean Martin a été nommé directeur général.", "nommé", "done", None),
    ("Jean Martin est devenu directeur général le mois dernier.", "devenu", "done", None),
    ("Le groupe déclarait hier des pertes.", "déclarait", "done", None),
    ("Selon les cas, la société a choisi Oracle.", "choisi", "done", None),
    ("Ce type d'efforts a déjà été réalisé par VMware avec AWS en 2016.",
     "réalisé", "done", None),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "word", "status", "source"), CASES)
def test_status_and_source(sentence: str, word: str, status: str, source: str | None) -> None:
    from veille.nlp.pipeline import load_pipeline

    doc = load_pipeline()(sentence)
    verb = next(t for t in doc if t.text == word)
    assert clause_status(verb, PUBLISHED) == status
    assert clause_source(verb) == source


def test_trigger_noun_takes_the_mood_of_its_verb() -> None:
    from veille.nlp.pipeline import load_pipeline

    doc = load_pipeline()("Les deux groupes pourraient signer un partenariat.")
    noun = next(t for t in doc if t.text == "partenariat")
    assert clause_status(noun) == "reported"
