"""The spaCy component veille_timex inside the real pipeline (loads the French model)."""

from __future__ import annotations

import pytest
import spacy

from veille.nlp.timex import TimeExpression
from veille.nlp.timex.component import SPAN_KEY


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from veille.nlp.pipeline import load_pipeline

    return load_pipeline()


def tag(nlp, text: str, published: str | None) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    return [(span.text, span._.timex.value) for span in doc.spans[SPAN_KEY]]


@pytest.mark.slow
def test_component_runs_after_the_parser(nlp) -> None:  # type: ignore[no-untyped-def]
    names = nlp.pipe_names
    assert names.index("veille_timex") > names.index("parser")


@pytest.mark.slow
def test_spans_carry_resolved_expressions(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc("La semaine dernière, Tod Nielsen est devenu CEO de Heroku.")
    doc._.published = "2013-05-22"
    doc = nlp(doc)
    (span,) = doc.spans[SPAN_KEY]
    assert span.text == "La semaine dernière"
    assert isinstance(span._.timex, TimeExpression)
    assert span._.timex.value == "2013-W20"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a quitté l'entreprise lundi.", "2013-05-20"),
        ("Il quittera l'entreprise lundi.", "2013-05-27"),
        ("Il va quitter l'entreprise lundi.", "2013-05-27"),
        ("Il a été nommé le 15 septembre à la tête du groupe.", "2012-09-15"),
        ("Le groupe devrait annoncer ses résultats le 15 septembre.", "2013-09-15"),
        # the tagger reads this future as a simple past; the form is the lemma's future
        ("Marie Durand rejoindra Airbus le 1er septembre.", "2013-09-01"),
        ("Marie Durand entra chez Airbus le 1er septembre.", "2012-09-01"),
    ],
)
def test_tense_of_the_governing_verb(nlp, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    ((_, value),) = tag(nlp, text, "2013-05-22")
    assert value == expected


@pytest.mark.slow
def test_datetime_published_and_missing_published(nlp) -> None:  # type: ignore[no-untyped-def]
    assert tag(nlp, "Il est parti hier.", "2013-05-22T08:00:00") == [("hier", "2013-05-21")]
    assert tag(nlp, "Il est parti hier.", None) == [("hier", None)]


@pytest.mark.slow
def test_pipe_with_several_docs(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = ["Il est arrivé en 2012.", "Rien ici : 2 000 euros et 20 %.", "D'ici 2030."]
    docs = [nlp.make_doc(t) for t in texts]
    for doc in docs:
        doc._.published = "2023-12-20"
    values = [[s._.timex.value for s in d.spans[SPAN_KEY]] for d in nlp.pipe(docs)]
    assert values == [["2012"], [], ["2030"]]


def test_component_runs_on_a_blank_pipeline() -> None:
    import veille.nlp.timex  # noqa: F401  (registers the factory)

    nlp = spacy.blank("fr")
    nlp.add_pipe("veille_timex")
    doc = nlp.make_doc("Le contrat a été signé le 3 mai 2018, jeudi dernier.")
    doc._.published = "2019-04-10"
    doc = nlp(doc)
    assert [(s.text, s._.timex.value) for s in doc.spans[SPAN_KEY]] == [
        ("le 3 mai 2018", "2018-05-03"), ("jeudi dernier", "2019-04-04"),
    ]


@pytest.mark.slow
def test_date_for_a_trigger_prefers_its_own_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    from veille.nlp.timex import date_for, expressions_in

    text = ("Arrivé chez SAP en 2009, il a été nommé directeur général la semaine dernière. "
            "Il avait quitté Oracle il y a trois ans.")
    doc = nlp.make_doc(text)
    doc._.published = "2013-05-22"
    doc = nlp(doc)
    nomme = next(t for t in doc if t.text == "nommé")
    quitte = next(t for t in doc if t.text == "quitté")
    arrive = next(t for t in doc if t.text == "Arrivé")
    assert date_for(nomme) is not None and date_for(nomme).value == "2013-W20"  # type: ignore[union-attr]
    assert date_for(quitte) is not None and date_for(quitte).value == "2010"  # type: ignore[union-attr]
    assert date_for(arrive) is not None and date_for(arrive).value == "2009"  # type: ignore[union-attr]
    first_sentence = next(iter(doc.sents))
    assert [e.value for e in expressions_in(first_sentence)] == ["2009", "2013-W20"]
