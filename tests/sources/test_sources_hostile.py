"""Hostile input is confined to its line or article: every good article around it is read,
and what no store can keep (NUL, lone surrogates) is replaced one character for one."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.errors import InputError
from veille.records import Article
from veille.sources import InputNote, read_articles
from veille.sources.jsonl import MAX_ID_CHARS
from veille.storable import REPLACEMENT, storable

GOOD_SENTENCES = [
    "Camille Roux est nommée directrice générale de Renault.",
    "Le groupe Michelin investira 200 millions d'euros à Clermont-Ferrand.",
    "Paul Girard quitte la présidence de la Fnac après six ans.",
]


def read(path: Path) -> tuple[list[Article], list[InputError]]:
    problems: list[InputError] = []
    return list(read_articles([path], on_error=problems.append)), problems


def test_nul_and_lone_surrogates_are_replaced_one_for_one(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    text = "Réunion\u0000 du conseil \ud800 lundi."
    line = json.dumps({"id": "a\u0000b", "title": "Titre \udfff", "text": text})
    path.write_text(line + "\n", encoding="utf-8")
    (article,), _ = read(path)
    assert article.text == f"Réunion{REPLACEMENT} du conseil {REPLACEMENT} lundi."
    assert len(article.text) == len(text)
    assert article.id == f"a{REPLACEMENT}b" and article.title == f"Titre {REPLACEMENT}"


def test_deep_nesting_and_long_ids_cost_their_line_only(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "avant", "text": GOOD_SENTENCES[0]}),
        '{"id": "profond", "text": ' + "[" * 200_000 + "}",
        json.dumps({"id": "i" * (MAX_ID_CHARS + 1), "text": GOOD_SENTENCES[1]}),
        json.dumps({"id": "langue", "text": GOOD_SENTENCES[2], "lang": "f" * 50,
                    "source": "s" * 500}),
        json.dumps({"id": "après", "text": GOOD_SENTENCES[1]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = read(path)
    assert [a.id for a in articles] == ["avant", "langue", "après"]
    skipped = [str(p) for p in problems if not isinstance(p, InputNote)]
    assert len(skipped) == 2
    assert "nested too deeply" in skipped[0] and ":2:" in skipped[0]
    assert f"over the limit of {MAX_ID_CHARS}" in skipped[1]
    langue = articles[1]
    assert langue.lang == "fr" and langue.source is None  # ignored, with a note each
    assert sum("ignored 'lang'" in str(p) or "ignored 'source'" in str(p)
               for p in problems) == 2


# Anything a JSON value can hold, nested: what a hostile producer can put on a line.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
hostile_objects = st.fixed_dictionaries(
    {}, optional={"id": json_values, "text": json_values, "title": json_values,
                  "published": json_values, "lang": json_values, "source": json_values})
hostile_lines = st.one_of(
    json_values.map(lambda v: json.dumps(v)),
    hostile_objects.map(lambda v: json.dumps(v)),
    # raw bytes that are no JSON (a NUL byte means binary data: the reader stops there
    # by design, so it is left out; a JSON "\u0000" escape is in the texts below)
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ").replace(b"\0", b" ")),
    st.integers(min_value=1, max_value=100_000).map(lambda n: '{"id": "x", "text": ' + "[" * n),
    st.text(max_size=80).map(
        lambda t: t.replace("\n", " ").replace("\r", " ").replace("\0", " ")),
)
# Texts a good article may hold: French sentences with any character, NUL and lone
# surrogates included.
good_texts = st.builds(
    lambda sentence, noise: sentence + " " + noise,
    st.sampled_from(GOOD_SENTENCES), st.text(max_size=40))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(st.booleans(), hostile_lines, good_texts), min_size=1,
                      max_size=12))
def test_every_good_article_survives_hostile_lines(tmp_path: Path,
                                                   lines: list[tuple[bool, object, str]]) -> None:
    path = tmp_path / "hostile.jsonl"
    expected: dict[str, str] = {}
    with path.open("wb") as handle:
        for index, (good_first, hostile, text) in enumerate(lines):
            good = json.dumps({"id": f"bon-{index}", "text": text}).encode("utf-8")
            bad = hostile if isinstance(hostile, bytes) else str(hostile).encode(
                "utf-8", errors="surrogatepass")
            for line in ([good, bad] if good_first else [bad, good]):
                handle.write(line + b"\n")
            expected[f"bon-{index}"] = storable(text)
    articles, _ = read(path)
    found = {a.id: a.text for a in articles if a.id.startswith("bon-")}
    assert found == expected
    for article in articles:  # every article read can be stored as it is
        for value in (article.id, article.text, article.title, article.source):
            assert value is None or storable(value) == value
