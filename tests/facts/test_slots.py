"""The slots of a pair's facts (facts/people/slot_features.py, slots.py, model.SlotModel):
which role titles and time expressions are candidates, what the model sees of them, and
how its choice fills a fact. The sentences are written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from veille.facts.context import ArticleContext, Chunk
from veille.facts.people.candidates import Pair, sentence_pairs
from veille.facts.people.model import SLOT_KINDS, SlotModel
from veille.facts.people.slot_features import (
    date_candidates,
    finish,
    role_candidates,
    slot_candidates,
)
from veille.facts.people.slots import fill_role, new_move, new_position
from veille.records import Article, Evidence, Fact, Move, SlotCandidate

PUBLISHED = "2021-03-04"
ON = date.fromisoformat(PUBLISHED)


@pytest.fixture(scope="module")
def pair_of(nlp) -> Callable[..., Pair]:  # type: ignore[no-untyped-def]
    """The pair (person, org) of a text written here, parsed whole."""

    def pair(text: str, person: str, org: str, rule_facts: list[Fact] | None = None) -> Pair:
        ctx = ArticleContext.for_article(Article(id="t", text=text, published=PUBLISHED))
        doc = nlp.make_doc(ctx.text)
        doc._.published = PUBLISHED
        doc = nlp(doc)
        pairs = sentence_pairs([Chunk(doc, 0, ctx.text)], ctx, rule_facts or [])
        found = [p for p in pairs if p.person == person and p.org == org]
        assert found, [(p.person, p.org) for p in pairs]
        return found[0]

    return pair


def _by_value(candidates: list[SlotCandidate]) -> dict[str | None, SlotCandidate]:
    """The first candidate of each value."""
    found: dict[str | None, SlotCandidate] = {}
    for candidate in candidates:
        found.setdefault(candidate.value, candidate)
    return found


FORMER_AND_NEW = ("Julien Vasseur, ancien directeur commercial de Proximus, devient "
                  "président du directoire de Lumis.")


def test_the_role_candidates_are_the_titles_of_the_pairs_sentences_and_none(pair_of) -> None:
    pair = pair_of(FORMER_AND_NEW, "Julien Vasseur", "Lumis")
    candidates = role_candidates(pair, "start")
    assert candidates[-1].value is None and candidates[-1].features["src:none"] == 1
    found = _by_value(candidates)
    former, new = found["directeur commercial"], found["président du directoire"]
    assert former.features["cue_before:former"] == 1
    assert former.features["start|cue_before:former"] == 1  # crossed with the label
    assert former.features["plain"] == 1  # the nearest title: what slots.py reads plainly
    assert new.features["org_right_after"] == 1 and not new.features["plain"]
    # the former title is another organisation's post
    assert former.features["other_org_right_after"] == 1
    assert "other_org_right_after" not in new.features
    assert new.norm is not None


def test_a_post_marker_names_a_post_the_lexicon_lacks(pair_of) -> None:
    pair = pair_of("Le club de Vannes a recruté Bastien Morvan au poste de référent "
                   "sécurité.", "Bastien Morvan", "Vannes")
    posts = [c for c in role_candidates(pair, "start") if c.features.get("src:post")]
    assert [c.value for c in posts] and posts[0].value.startswith("référent")


def test_a_span_of_years_dates_the_start_by_its_first_year_and_the_end_by_its_last(
    pair_of,
) -> None:
    pair = pair_of("Marc Pelletier a dirigé Renault (2009-2016).", "Marc Pelletier", "Renault")
    start = _by_value(date_candidates(pair, "start", ON))
    end = _by_value(date_candidates(pair, "end", ON))
    assert start["2009"].features["src:span_first"] == 1 and start["2009"].features["plain"]
    assert not start["2016"].features["plain"]
    assert end["2016"].features["plain"] and end["2016"].text == "2009-2016"
    assert start["2009"].features["against_published:years_before"] == 1
    assert start[None].features["src:none"] == 1


def test_a_date_tells_its_opening_word_and_where_it_stands(pair_of) -> None:
    pair = pair_of("Depuis mars 2016, Lucie Brun préside la Fédération des boulangers.",
                   "Lucie Brun", "Fédération des boulangers")
    found = _by_value(date_candidates(pair, "start", ON))
    since = found["2016-03"]
    assert since.features["src:timex"] == 1 and since.features["granularity:month"] == 1
    assert since.features["person_side:before"] == 1
    assert since.features.get("opens:depuis") or since.features.get("word_before:depuis")


def test_the_rules_reading_is_a_candidate(pair_of) -> None:
    text = "Claire Dutour a été nommée directrice de la stratégie d'Airbus."
    rule = Move(evidence=Evidence(0, len(text), text), person="Claire Dutour", org="Airbus",
                change="start", role="directrice de la stratégie", date="2021-03")
    pair = pair_of(text, "Claire Dutour", "Airbus", [rule])
    roles = role_candidates(pair, "start")
    assert roles[0].value == "directrice de la stratégie" and roles[0].features["src:rule"]
    dates = date_candidates(pair, "start", ON)
    assert dates[0].value == "2021-03" and dates[0].features["origin:none"] == 1
    # for another label the rules' role is there too, marked as another label's
    assert role_candidates(pair, "end")[0].features["src:rule_other"] == 1
    assert set(slot_candidates(pair, None)) == {
        "role:start", "role:end", "role:position", "date:start", "date:end"}


def test_finish_marks_the_sentence_where_the_label_is_likeliest(pair_of) -> None:
    pair = pair_of(FORMER_AND_NEW, "Julien Vasseur", "Lumis")
    candidates = role_candidates(pair, "start")
    marked = finish(candidates, 0, "start")
    plain = next(f for c, f in zip(candidates, marked, strict=True) if c.features.get("plain"))
    assert plain["in_best"] == 1 and plain["plain_in_best"] == 1
    assert "in_best" not in marked[-1]  # "none" is read in no sentence
    assert all("in_best" not in f for f in finish(candidates, None, "start"))


def _slots(role: dict[str, float], date: dict[str, float] | None = None,
           use: str = "all") -> SlotModel:
    return SlotModel({"role": role, "date": date or {}}, dict.fromkeys(SLOT_KINDS, use))


def test_the_slot_model_takes_the_best_candidate_the_first_of_equals() -> None:
    model = _slots({"a": 1.0, "b": 2.0})
    assert model.choose("role", [{"a": 1.0}, {"b": 1.0}, {"a": 2.0}]) == 1
    assert model.choose("role", [{"c": 1.0}, {"d": 1.0}]) == 0
    again = SlotModel.from_dict(model.to_dict())
    assert again.weights == model.weights and again.uses == model.uses


def test_what_the_slot_model_fills_follows_its_uses() -> None:
    new_only = SlotModel({"role": {}, "date": {}}, {"role:move": "new", "date:move": "none",
                                                    "role:position": "all"})
    assert new_only.use("role:start", ruled=False) and not new_only.use("role:end", ruled=True)
    assert not new_only.use("date:start", ruled=False)
    assert new_only.use("role:position", ruled=True)


def test_a_new_move_takes_the_role_the_slot_model_chooses(pair_of) -> None:
    pair = pair_of(FORMER_AND_NEW, "Julien Vasseur", "Lumis")
    plain = new_move(pair, "start", ON, 0.9)
    assert plain is not None and plain.role == "directeur commercial"
    slots = _slots({"start|cue_before:former": -5.0, "src:none": -1.0})
    chosen = new_move(pair, "start", ON, 0.9, slots=slots)
    assert chosen is not None and chosen.role == "président du directoire"
    # a model that fills only the rules' facts leaves a new fact's slots plain
    assert new_move(pair, "start", ON, 0.9,
                    slots=_slots({"start|cue_before:former": -5.0}, use="none")).role \
        == "directeur commercial"
    position = new_position(pair, 0.5, slots=_slots({"src:none": 5.0}))
    assert position is not None and position.role is None


def test_a_rules_fact_without_a_role_gets_the_models_and_one_with_a_role_keeps_it(
    pair_of,
) -> None:
    text = "Nadia Forest, directrice juridique, a rejoint Vinci en 2019."
    bare = Move(evidence=Evidence(0, len(text), text), person="Nadia Forest", org="Vinci",
                change="start", role=None, date="2019")
    pair = pair_of(text, "Nadia Forest", "Vinci", [bare])
    slots = _slots({"src:title": 2.0, "src:none": -2.0})
    fill_role(bare, pair, slots)
    assert bare.role == "directrice juridique" and bare.date == "2019"
    read = Move(evidence=Evidence(0, len(text), text), person="Nadia Forest", org="Vinci",
                change="start", role="juriste", date="2019")
    pair = pair_of(text, "Nadia Forest", "Vinci", [read])
    fill_role(read, pair, slots)
    assert read.role == "juriste"
    # where dev did not choose the model for the rules' facts, nothing changes
    bare.role = None
    fill_role(bare, pair_of(text, "Nadia Forest", "Vinci", [bare]),
              _slots({"src:title": 2.0}, use="new"))
    assert bare.role is None

