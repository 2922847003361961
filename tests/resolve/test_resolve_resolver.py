"""The batch: ids filled on facts, stable ids, parents, merge reasons, known entities."""

from __future__ import annotations

from veille.nlp.gazetteer import Org
from veille.records import Amount, Evidence, ExtractionResult, Move, Partnership, Position
from veille.resolve import Entity, Resolver

EV = Evidence(0, 1, "x")
GAZETTEER = [
    Org("Amazon", "company"),
    Org("Amazon Web Services", "company", ("AWS",), "Amazon"),
    Org("VMware", "company"),
]


def articles() -> list[ExtractionResult]:
    return [
        ExtractionResult(
            "a1",
            "2013-05-22",
            [
                Move(EV, person="Mike Clayville", change="start", org="AWS", role_norm="vp_sales"),
                Move(EV, person="Mike Clayville", change="end", org="VMware"),
                Move(EV, person="Paul Martiz", change="end", org="VMware", role_norm="ceo"),
                Position(EV, person="Patrick Starck", org="CloudWatt", role_norm="ceo"),
            ],
        ),
        ExtractionResult(
            "a2",
            None,
            [
                Position(EV, person="Paul Maritz", org="VMware"),
                Position(EV, person="Patrick Stark", org="Cloudwatt"),
                Move(EV, person="Vaishali Kasture", change="end", org="Amazon Inde"),
                Position(EV, person="Patrick Stack", org="Orange"),
                Partnership(EV, orgs=["VMware", "Microsoft"]),
                Amount(EV, org="Amazon Web Services", value=1e9, currency="USD"),
            ],
        ),
    ]


def run(results: list[ExtractionResult], known: list[Entity] | None = None) -> Resolver:
    resolver = Resolver(known, gazetteer=GAZETTEER)
    for result in results:
        assert resolver.add(result) is result
    return resolver


def by_name(resolver: Resolver) -> dict[str, Entity]:
    return {e.name: e for e in resolver.entities()}


def test_ids_are_filled_on_moves_and_positions() -> None:
    results = articles()
    run(results)
    ids = [
        (f.person, f.person_id, f.org_id)
        for r in results
        for f in r.facts
        if isinstance(f, Move | Position)
    ]
    assert ids == [
        ("Mike Clayville", "per:mike-clayville", "org:amazon-web-services"),
        ("Mike Clayville", "per:mike-clayville", "org:vmware"),
        ("Paul Martiz", "per:paul-martiz", "org:vmware"),
        ("Patrick Starck", "per:patrick-starck", "org:cloudwatt"),
        ("Paul Maritz", "per:paul-martiz", "org:vmware"),
        ("Patrick Stark", "per:patrick-starck", "org:cloudwatt"),
        ("Vaishali Kasture", "per:vaishali-kasture", "org:amazon-inde"),
        ("Patrick Stack", "per:patrick-stack", "org:orange"),
    ]


def test_entities_record_aliases_parents_articles_and_reasons() -> None:
    entities = by_name(run(articles()))
    aws = entities["Amazon Web Services"]
    assert aws.id == "org:amazon-web-services"
    assert aws.parent == "org:amazon"
    assert aws.articles == ["a1", "a2"]
    assert '"AWS": alias of Amazon Web Services in gazetteer' in aws.merged_because
    assert entities["Amazon Inde"].parent == "org:amazon"
    assert entities["Amazon"].articles == []  # known only as a parent
    maritz = entities["Paul Martiz"]
    assert maritz.aliases == ["Paul Maritz"]
    assert maritz.merged_because == [
        '"Paul Maritz" ~ "Paul Martiz": edit distance 1 and shared org VMware in a2'
    ]
    cloudwatt = entities["CloudWatt"]
    assert cloudwatt.aliases == ["Cloudwatt"]
    assert cloudwatt.merged_because == ['"Cloudwatt": same name up to case, accents or form']
    assert "Microsoft" in entities  # partnership and amount orgs are entities too
    assert entities["Patrick Stack"].id == "per:patrick-stack"


def test_to_dict_shape() -> None:
    entity = run(articles()).entities()[0]
    assert list(entity.to_dict()) == [
        "id",
        "type",
        "name",
        "aliases",
        "parent",
        "articles",
        "merged_because",
        "country",
    ]
    assert Entity.from_dict(entity.to_dict()) == entity


def test_ids_are_stable_across_runs() -> None:
    first = [e.to_dict() for e in run(articles()).entities()]
    second = [e.to_dict() for e in run(articles()).entities()]
    assert first == second


def test_id_does_not_change_when_aliases_come_later() -> None:
    resolver = Resolver(gazetteer=GAZETTEER)
    resolver.add(
        ExtractionResult("a1", None, [Position(EV, person="Macron", role_norm="president")])
    )
    resolver.add(
        ExtractionResult(
            "a2", None, [Position(EV, person="Emmanuel Macron", role_norm="president")]
        )
    )
    (entity,) = resolver.entities()
    assert entity.id == "per:macron"
    assert entity.name == "Emmanuel Macron"  # the fuller name is shown
    assert entity.aliases == ["Macron"]


def test_parent_seen_after_its_subsidiary_is_linked() -> None:
    resolver = Resolver(gazetteer=[])
    resolver.add(
        ExtractionResult("a1", None, [Position(EV, person="Jean Dupuis", org="Lumen France")])
    )
    resolver.add(ExtractionResult("a2", None, [Position(EV, person="Anne Roy", org="Lumen")]))
    entities = by_name(resolver)
    assert entities["Lumen France"].parent == entities["Lumen"].id == "org:lumen"


def test_known_entities_keep_their_ids() -> None:
    known = [e for e in run(articles()).entities()]
    resolver = run(
        [ExtractionResult("a3", None, [Position(EV, person="Paul Maritz", org="VMware")])], known
    )
    result_ids = {e.id for e in resolver.entities()}
    assert {e.id for e in known} == result_ids  # nothing new
    assert "a3" in by_name(resolver)["Paul Martiz"].articles
    # The caller's records are not modified.
    assert "a3" not in next(e for e in known if e.name == "Paul Martiz").articles


def test_a_known_person_is_joined_by_name() -> None:
    known = [Entity("per:jean-martin", "person", "Jean Martin", articles=["old"])]
    resolver = Resolver(known, gazetteer=[])
    resolver.add(ExtractionResult("a1", None, [Position(EV, person="Jean Martin", org="Orange")]))
    # A stored entity carries no organisations, so nothing conflicts: same person.
    people = [e for e in resolver.entities() if e.type == "person"]
    assert [(e.id, e.articles) for e in people] == [("per:jean-martin", ["old", "a1"])]
