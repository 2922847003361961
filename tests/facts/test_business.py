"""Business facts: partnerships, amounts, market shares; their lexicon; seeds scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from veille.facts.reading.modality import business_lexicon
from veille.records import Amount, Article, Fact, MarketShare, Partnership

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
BUSINESS_TYPES = ("partnership", "amount", "market_share")
AMOUNT_KINDS = {
    "investment", "revenue", "revenue_target", "market_size", "funding",
    "acquisition_price", "other",
}  # fmt: skip


def _word_lists(node: Any, where: str = "") -> list[tuple[str, list[Any]]]:
    """Every list of words in the lexicon, with where it sits."""
    if isinstance(node, list) and all(isinstance(w, str) for w in node):
        return [(where, node)]
    if isinstance(node, list):
        return [item for i, sub in enumerate(node) for item in _word_lists(sub, f"{where}[{i}]")]
    if isinstance(node, dict):
        return [item for k, sub in node.items() for item in _word_lists(sub, f"{where}.{k}")]
    return []


def test_business_lexicon_is_well_formed() -> None:
    lex = business_lexicon()
    for section in ("modality", "attribution", "orgs", "amount_kinds", "market_shares",
                    "partnerships", "revenue_target_cues", "contract_market_verbs"):
        assert section in lex, f"business_fr.yaml lacks section {section}"
    for where, words in _word_lists(lex):
        assert where.endswith(".phrases") or words, f"empty word list at {where}"
        assert all(w.strip() == w and w for w in words), f"blank or padded word at {where}"
        assert all(w == w.lower() for w in words), f"upper case word at {where}"
        assert len(words) == len(set(words)), f"repeated word at {where}"
    kinds = [rule["kind"] for rule in lex["amount_kinds"]]
    assert set(kinds) <= AMOUNT_KINDS and len(kinds) == len(set(kinds))
    for rule in lex["amount_kinds"]:
        assert set(rule) == {"kind", "lemmas", "phrases"}
    stems = lex["modality"]["irregular_stems"]
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in stems.items())


# --- extractors on sentences written for these tests ----------------------------------


def _extract(module_name: str, text: str, published: str = "2019-04-10") -> list[Fact]:
    import dataclasses
    import importlib

    from veille.facts.context import ArticleContext, Chunk
    from veille.nlp.pipeline import load_pipeline

    module = importlib.import_module(f"veille.facts.business.{module_name}")
    ctx = ArticleContext.for_article(Article(id="t", text=text, published=published))
    doc = load_pipeline()(ctx.text)
    extra = (ctx.text,) if len(dataclasses.fields(Chunk)) > 2 else ()
    facts: list[Fact] = module.extract([Chunk(doc, 0, *extra)], ctx)
    return facts


AMOUNT_CASES = [
    ("La start-up Alan a levé 50 millions d'euros auprès de ses investisseurs.",
     "Alan", "funding", 50e6, "EUR"),
    ("Le groupe Schneider prévoit d'investir 2 milliards d'euros en France d'ici 2025.",
     "Schneider", "investment", 2e9, "EUR"),
    ("Le chiffre d'affaires de Dassault Systèmes a atteint 4,5 milliards d'euros en 2019.",
     "Dassault Systèmes", "revenue", 4.5e9, "EUR"),
    ("Microsoft a racheté LinkedIn pour 26,2 milliards de dollars.",
     "Microsoft", "acquisition_price", 26.2e9, "USD"),
    ("Ubisoft vise un chiffre d'affaires de 3 milliards d'euros à l'horizon 2022.",
     "Ubisoft", "revenue_target", 3e9, "EUR"),
]  # fmt: skip

NO_AMOUNT = [
    "Le salaire moyen d'un infirmier atteint 2 500 euros par mois.",
    "Le gouvernement va investir 500 millions d'euros dans les hôpitaux.",
    "Une maison s'est vendue 300 000 euros dans le village.",
    "La drogue avait une valeur estimée à un milliard d'euros sur le marché.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "org", "kind", "value", "currency"), AMOUNT_CASES)
def test_amounts(text: str, org: str, kind: str, value: float, currency: str) -> None:
    facts = [f for f in _extract("amounts", text) if isinstance(f, Amount)]
    assert [(f.org, f.kind, f.currency) for f in facts] == [(org, kind, currency)]
    assert facts[0].value == pytest.approx(value)


@pytest.mark.slow
def test_amount_horizon_place_and_market_size() -> None:
    text = ("Selon IDC, le marché du cloud en Allemagne devrait atteindre 20 milliards "
            "d'euros d'ici 2026.")
    (fact,) = [f for f in _extract("amounts", text) if isinstance(f, Amount)]
    assert (fact.org, fact.kind, fact.date, fact.place) == (None, "market_size", "2026",
                                                            "Allemagne")
    assert (fact.status, fact.source) == ("reported", "IDC")


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_AMOUNT)
def test_no_amount(text: str) -> None:
    assert _extract("amounts", text) == []


SHARE_CASES = [
    ("Selon le cabinet Gartner, Lenovo a capté 24% des livraisons de PC au premier "
     "trimestre, contre 22% pour HP et 17% pour Dell.",
     [("Lenovo", 0.24), ("HP", 0.22), ("Dell", 0.17)]),
    ("Samsung détient 25% de parts de marché dans les smartphones.", [("Samsung", 0.25)]),
    ("La part de marché de Renault atteint 12,5 % en Europe.", [("Renault", 0.125)]),
]  # fmt: skip

NO_SHARE = [
    "Le candidat a obtenu 32% des voix au premier tour.",
    "La Chine représente 30% des ventes du groupe Renault.",
    "Le chiffre d'affaires d'Airbus a progressé de 12% au troisième trimestre.",
    "Selon un sondage Ifop, 45% des Français approuvent la réforme.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), SHARE_CASES)
def test_market_shares(text: str, expected: list[tuple[str, float]]) -> None:
    facts = [f for f in _extract("market_shares", text) if isinstance(f, MarketShare)]
    assert [(f.org, pytest.approx(f.value)) for f in facts] == expected


@pytest.mark.slow
def test_market_share_period_and_source() -> None:
    text = "Selon le cabinet Gartner, Lenovo a capté 24% des livraisons de PC au 1er trimestre."
    (fact,) = _extract("market_shares", text, published="2019-04-20")
    assert isinstance(fact, MarketShare)
    assert (fact.period, fact.source, fact.market) == ("2019-Q1", "Gartner", "livraisons de PC")


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_SHARE)
def test_no_market_share(text: str) -> None:
    assert _extract("market_shares", text) == []


PARTNERSHIP_CASES = [
    ("Orange et Google ont signé un accord de partenariat sur le cloud.", {"Orange", "Google"}),
    ("Renault s'associe à Nissan pour développer des voitures électriques.",
     {"Renault", "Nissan"}),
    ("Le partenariat entre Carrefour et Tesco a été renouvelé en 2015.", {"Carrefour", "Tesco"}),
    ("Sopra Steria rejoint l'écosystème de partenaires de Salesforce.",
     {"Sopra Steria", "Salesforce"}),
    ("Thales a noué un partenariat avec Google Cloud.", {"Thales", "Google Cloud"}),
    ("Airbus lance, en partenariat avec Safran, un nouveau moteur.", {"Airbus", "Safran"}),
]  # fmt: skip

NO_PARTNERSHIP = [
    "Il n'est pas question de faire alliance avec le Rassemblement national.",
    "La France a signé un accord de coopération avec l'Inde.",
    "Marie Dupont travaille avec Google depuis 2010.",
    "Le PS et les Verts ont conclu une alliance pour les municipales.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "orgs"), PARTNERSHIP_CASES)
def test_partnerships(text: str, orgs: set[str]) -> None:
    facts = [f for f in _extract("partnerships", text) if isinstance(f, Partnership)]
    assert [set(f.orgs) for f in facts] == [orgs]


@pytest.mark.slow
def test_partnership_status_and_date() -> None:
    (fact,) = _extract("partnerships", "Airbus travaillerait avec Safran sur un moteur.")
    assert isinstance(fact, Partnership) and fact.status == "reported"
    (fact,) = _extract("partnerships", "Ce moteur a été développé par Airbus avec Safran en 2016.")
    assert isinstance(fact, Partnership) and (fact.date, fact.status) == ("2016", "done")


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_PARTNERSHIP)
def test_no_partnership(text: str) -> None:
    assert _extract("partnerships", text) == []


# --- rules of issue 5: currencies stated once, lists, owners, pooled partners ---------

AMOUNT_RULE_CASES = [
    # the currency of the figure before it in the sentence
    ("Le groupe Fnac a publié une perte de 120 millions d'euros, contre un bénéfice de "
     "45 millions un an plus tôt.",
     [("Fnac", 120e6, "EUR"), ("Fnac", 45e6, "EUR")]),
    # a finance noun after a currency-less figure keeps it money
    ("Le groupe Vinci a dégagé un bénéfice de 2 milliards d'euros et 600 millions de marge.",
     [("Vinci", 2e9, "EUR"), ("Vinci", 600e6, "EUR")]),
    # a relative pronoun stands for the name it follows
    ("Les fonds ont misé sur la société Alan, qui vient de lever 50 millions d'euros.",
     [("Alan", 50e6, "EUR")]),
    # a list: each figure for the name after "pour", with the kind of the first
    ("Dans le détail, la charge s'élève à 30 millions d'euros pour Danone, 12 millions "
     "d'euros pour Lactalis et 9 millions d'euros pour Bel.",
     [("Danone", 30e6, "EUR"), ("Lactalis", 12e6, "EUR"), ("Bel", 9e6, "EUR")]),
    # pounds after a scale word
    ("Le constructeur Aston Martin a enregistré un bénéfice net de 3,2 millions de livres.",
     [("Aston Martin", 3.2e6, "GBP")]),
]  # fmt: skip

NO_AMOUNT_RULE = [
    # the title's organisation is not talked about where the figure is
    "Danone ouvre une usine à Lyon. Le maire a salué la nouvelle. Les habitants ont "
    "défilé dimanche. La fête a eu lieu en mai. Ce montant comprend 30 millions d'euros "
    "de manque à gagner.",
    "Les clients de la banque recevront 25 euros chacun.",
    "La Poste va verser 150 euros aux facteurs en difficulté.",
    "Les animateurs de la chaîne TF1 perçoivent 1500 euros par émission.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), AMOUNT_RULE_CASES)
def test_amount_rules(text: str, expected: list[tuple[str, float, str]]) -> None:
    facts = [f for f in _extract("amounts", text) if isinstance(f, Amount)]
    assert [(f.org, pytest.approx(f.value), f.currency) for f in facts] == expected


@pytest.mark.slow
def test_amount_in_an_article_counted_in_one_currency() -> None:
    text = ("Le fonds Tikehau a levé 700 millions de dollars l'an dernier. "
            "Cette année, le groupe Safran a investi 500 millions dans la start-up.")
    facts = [f for f in _extract("amounts", text) if isinstance(f, Amount)]
    assert ("Safran", 500e6, "USD", "investment") in [
        (f.org, f.value, f.currency, f.kind) for f in facts
    ]


@pytest.mark.slow
def test_market_size_of_a_relative_clause() -> None:
    text = "Les jouets en bois forment un marché qui rapporterait 80 millions d'euros par an."
    facts = [f for f in _extract("amounts", text) if isinstance(f, Amount)]
    assert [(f.org, f.kind, f.value) for f in facts] == [(None, "market_size", 80e6)]


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_AMOUNT_RULE)
def test_no_amount_rule(text: str) -> None:
    assert [f for f in _extract("amounts", text) if isinstance(f, Amount)] == []


PARTNERSHIP_RULE_CASES = [
    ("Volvo et Uber ont joint leurs efforts pour développer un taxi autonome.",
     {"Volvo", "Uber"}),
    ("Le service est géré par Cofidis, une coentreprise détenue à parts égales par "
     "Renault et Nissan.", {"Renault", "Nissan"}),
    ("L'enseigne américaine Gap a conclu un partenariat avec la marque Yeezy.",
     {"Gap", "Yeezy"}),
    ("Ford investit 500 millions de dollars dans Rivian. Ce partenariat stratégique "
     "marque une nouvelle étape pour les deux groupes.", {"Ford", "Rivian"}),
    ("Cet accord ferait du groupe Capgemini le partenaire technologique de Renault.",
     {"Capgemini", "Renault"}),
    ("Le groupe Orange est devenu partenaire de Deezer en 2010.", {"Orange", "Deezer"}),
]  # fmt: skip

@pytest.mark.slow
def test_one_partnership_under_two_names_of_a_partner() -> None:
    text = ("Le PSG s'associe à la société Talon Esports pour le jeu vidéo. Le Paris SG a "
            "noué un partenariat avec la société Talon Esports.")
    facts = [f for f in _extract("partnerships", text) if isinstance(f, Partnership)]
    assert len(facts) == 1


NO_PARTNERSHIP_RULE = [
    "Il pleut sur Paris. Ce partenariat est une bonne nouvelle, a estimé la maire.",
    "Les deux voisins ont joint leurs efforts pour repeindre la clôture.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "orgs"), PARTNERSHIP_RULE_CASES)
def test_partnership_rules(text: str, orgs: set[str]) -> None:
    facts = [f for f in _extract("partnerships", text) if isinstance(f, Partnership)]
    assert [set(f.orgs) for f in facts] == [orgs]


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_PARTNERSHIP_RULE)
def test_no_partnership_rule(text: str) -> None:
    assert _extract("partnerships", text) == []


SHARE_RULE_CASES = [
    # a sentence announcing shares, then the list
    ("Ce sont les parts de marché des marques françaises qui inquiètent. "
     "Renault n'est qu'à 21%, Peugeot à 17% et Citroën à 9%.",
     [("Renault", 0.21), ("Peugeot", 0.17), ("Citroën", 0.09)]),
    # the holder before a bracket
    ("Trois éditeurs se partagent ce secteur : Hachette (disposant de 45% du marché), "
     "Nathan et Bordas.", [("Hachette", 0.45)]),
]  # fmt: skip

NO_SHARE_RULE = [
    "Les parts de marché ont été publiées hier. Le taux de chômage est à 8%.",
    "Les parts de marché ont été publiées hier. Renault est à -19%.",
    "La mesure plaît aux sympathisants d'En Marche (91%) comme aux Républicains (70%).",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), SHARE_RULE_CASES)
def test_market_share_rules(text: str, expected: list[tuple[str, float]]) -> None:
    facts = [f for f in _extract("market_shares", text) if isinstance(f, MarketShare)]
    assert [(f.org, pytest.approx(f.value)) for f in facts] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text", NO_SHARE_RULE)
def test_no_market_share_rule(text: str) -> None:
    assert _extract("market_shares", text) == []


# --- seeds ------------------------------------------------------------------------------


def _business_only(record: dict[str, Any]) -> dict[str, Any]:
    facts = [f for f in record["facts"] if f["type"] in BUSINESS_TYPES]
    return {**record, "facts": facts}


@pytest.mark.slow
@pytest.mark.parametrize("fast_path", [True, False])
def test_seed_scores(fast_path: bool) -> None:
    """P/R/F1 of the three business types on the hand-made seed gold (floors), with the
    fast path (candidate sentences only) and with the whole text parsed."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS} (shared/corpus beside the repo)")
    from veille.evaluate import evaluate
    from veille.facts.extractor import Extractor
    from veille.settings import Settings

    lines = (SEEDS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [Article.from_dict(json.loads(line)) for line in lines if line.strip()]
    gold_lines = (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [_business_only(json.loads(line)) for line in gold_lines if line.strip()]
    extractor = Extractor(Settings(fast_path=fast_path))
    predicted = [_business_only(r.to_dict()) for r in extractor.extract_many(articles)]
    report = evaluate(gold, predicted)
    for fact_type in BUSINESS_TYPES:
        score = report.scores[fact_type]
        assert score.precision is not None and score.precision >= 0.9, (fact_type, score)
        assert score.f1 is not None and score.f1 >= 0.85, (fact_type, score)
