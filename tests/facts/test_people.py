"""The person–organisation pairs (facts/people/): what the candidates hold, how the
trained decision turns probabilities into facts, and the fields it fills."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from veille.facts.decision import RULES_ONLY
from veille.facts.people.decide import verdicts
from veille.facts.people.model import LABELS, LabelModel, PairModel
from veille.records import Article, PairRow
from veille.settings import Settings


@pytest.fixture(scope="module")
def pairs_of() -> Callable[..., list[PairRow]]:
    from veille.facts.extractor import Extractor

    extractor = Extractor(Settings().with_values(decision_model=RULES_ONLY[0]), keep_pairs=True)

    def pairs(text: str, title: str | None = None) -> list[PairRow]:
        article = Article(id="t", title=title, text=text, published="2021-03-04")
        return extractor.extract(article).pairs

    return pairs


def _find(rows: list[PairRow], person: str, org: str) -> PairRow | None:
    return next((r for r in rows if r.person == person and r.org == org), None)


def test_a_person_and_each_organisation_of_the_sentence_make_pairs(pairs_of) -> None:
    rows = pairs_of("Claire Vasseur a quitté Renault en janvier pour rejoindre Stellantis.")
    for org in ("Renault", "Stellantis"):
        row = _find(rows, "Claire Vasseur", org)
        assert row is not None, [(r.person, r.org) for r in rows]
        assert "pairs:sentence" in row.generators
        assert row.features["kind:pairs:sentence"] == 1


def test_a_surname_alone_is_the_full_name_seen_before(pairs_of) -> None:
    rows = pairs_of(
        "Claire Vasseur dirige la filiale depuis deux ans. "
        "Mme Vasseur a rejoint le conseil de Danone en 2020."
    )
    assert _find(rows, "Claire Vasseur", "Danone") is not None
    assert _find(rows, "Vasseur", "Danone") is None


def test_a_subject_pronoun_stands_for_the_person_named_before(pairs_of) -> None:
    rows = pairs_of(
        "Le conseil a salué le travail de Marc Duplessis. "
        "Il a rejoint Michelin en 2015 après dix ans chez Valeo."
    )
    row = _find(rows, "Marc Duplessis", "Michelin")
    assert row is not None and "pairs:pronoun" in row.generators


def test_a_nationality_adjective_names_its_country(pairs_of) -> None:
    rows = pairs_of("Le président bolivien Evo Morales a démissionné dimanche soir.")
    assert _find(rows, "Evo Morales", "Bolivie") is not None


def test_a_public_post_names_its_organisation(pairs_of) -> None:
    rows = pairs_of(
        "La députée Hélène Rouvier a voté contre le texte. "
        "Le maire de Quimper, Yann Le Goff, a salué la décision. "
        "Élu sénateur en 2014, il a quitté la vie politique."
    )
    for person, org in (("Hélène Rouvier", "Assemblée nationale"),
                        ("Yann Le Goff", "mairie de Quimper"), ("Yann Le Goff", "Sénat")):
        row = _find(rows, person, org)
        assert row is not None, [(r.person, r.org) for r in rows]
        assert "pairs:title_org" in row.generators


def test_a_minister_is_paired_with_the_government(pairs_of) -> None:
    rows = pairs_of("Le ministre de l'Agriculture Paul Garnier a reçu les éleveurs.")
    row = _find(rows, "Paul Garnier", "gouvernement")
    assert row is not None and "pairs:title_org" in row.generators


def test_a_reference_stands_for_the_organisation_named_before(pairs_of) -> None:
    rows = pairs_of(
        "Les ventes de Valrhona ont reculé l'an dernier. "
        "Selon Agathe Morel, directrice commerciale du groupe, la reprise viendra."
    )
    row = _find(rows, "Agathe Morel", "Valrhona")
    assert row is not None, [(r.person, r.org) for r in rows]
    assert "pairs:reference" in row.generators
    assert _find(rows, "Agathe Morel", "groupe") is None


def test_a_named_group_is_no_reference(pairs_of) -> None:
    rows = pairs_of(
        "Les ventes de Valrhona ont reculé l'an dernier. "
        "Agathe Morel dirige désormais le groupe Savencia."
    )
    row = _find(rows, "Agathe Morel", "Valrhona")
    assert row is None or "pairs:reference" not in row.generators


def test_a_brand_written_with_a_small_letter_first_is_an_organisation(pairs_of) -> None:
    rows = pairs_of("Paul Berthier a rejoint iTélé en 2009 comme présentateur.")
    assert _find(rows, "Paul Berthier", "iTélé") is not None, [(r.person, r.org) for r in rows]


def test_the_words_between_and_the_cues_are_features(pairs_of) -> None:
    rows = pairs_of("Sophie Marchal, directrice financière de Carrefour depuis 2018, s'exprime.")
    row = _find(rows, "Sophie Marchal", "Carrefour")
    assert row is not None
    assert row.features.get("between:directeur") or row.features.get("between:directrice")
    assert row.features["cue:since"] == 1 and row.features["sentence_year"] == 1


def _model(bias: dict[str, float], threshold: float = 0.5, ruled: float = 0.5) -> PairModel:
    """A model whose probability for a label is sigmoid(bias + 4·feature "x")."""
    identity = np.asarray([0.0, 1.0])
    return PairModel({
        label: LabelModel({"x": 4.0}, bias[label], identity, identity, threshold, ruled)
        for label in LABELS
    })


def test_a_label_is_kept_from_its_threshold_on() -> None:
    model = _model({"start": 0.0, "end": -10.0, "position": -10.0})
    found = {v.label: v for v in verdicts({"x": 1.0}, model, None)}
    assert found["start"].accepted and found["start"].probability == pytest.approx(0.982, abs=1e-3)
    assert not found["end"].accepted and "< threshold 0.50" in found["end"].reason
    # min_confidence replaces the model's threshold
    strict = {v.label: v for v in verdicts({"x": 1.0}, model, 0.99)}
    assert not strict["start"].accepted


def test_a_pair_the_rules_proposed_has_its_own_threshold() -> None:
    model = _model({"start": -4.0, "end": -10.0, "position": -10.0}, threshold=0.9, ruled=0.3)
    alone = {v.label: v for v in verdicts({"x": 0.2}, model, None)}
    assert not alone["start"].accepted  # p ≈ 0.04 < 0.9
    ruled = {v.label: v for v in verdicts({"x": 1.0, "rule:start": 0.8}, model, None)}
    assert ruled["start"].accepted and ruled["start"].threshold == 0.3


def test_no_position_for_a_pair_with_a_kept_move() -> None:
    model = _model({"start": 0.0, "end": -10.0, "position": 2.0})
    found = {v.label: v for v in verdicts({"x": 1.0}, model, None)}
    assert found["start"].accepted
    assert not found["position"].accepted and "no position" in found["position"].reason
    alone = {v.label: v for v in verdicts({"x": 1.0}, _model(
        {"start": -10.0, "end": -10.0, "position": 0.0}), None)}
    assert alone["position"].accepted


def test_a_pair_model_survives_its_json() -> None:
    model = _model({"start": 0.5, "end": -1.0, "position": 0.0}, threshold=0.35, ruled=0.1)
    again = PairModel.from_dict(model.to_dict())
    features = {"x": 0.5, "unseen": 3.0}
    assert again.probabilities(features) == model.probabilities(features)
