"""JSON Lines inputs: good lines, every kind of bad line, encodings and compression."""

from __future__ import annotations

import codecs
import gzip
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from veille.errors import InputError
from veille.records import Article
from veille.sources import InputNote, read_articles
from veille.sources.jsonl import MAX_LEADING_FAILURES


def article_line(article_id: str, text: str = "Une phrase.", **extra: Any) -> str:
    return json.dumps({"id": article_id, "text": text, **extra}, ensure_ascii=False)


def read(paths: list[Path], **kwargs: Any) -> tuple[list[Article], list[InputError]]:
    problems: list[InputError] = []
    articles = list(read_articles(paths, on_error=problems.append, **kwargs))
    return articles, problems


def skipped(problems: list[InputError]) -> list[InputError]:
    return [p for p in problems if not isinstance(p, InputNote)]


def notes(problems: list[InputError]) -> list[InputError]:
    return [p for p in problems if isinstance(p, InputNote)]


def test_reads_every_field(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {
        "id": "a1",
        "title": "Nomination chez Orange",
        "summary": "Un chapô.",
        "text": "Paule Ardan a été nommée directrice.",
        "published": "2021-09-01",
        "url": "https://exemple.fr/a1",
        "lang": "fr",
        "source": "Le Journal",
        "unknown_field": [1, 2],
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    articles, problems = read([path])
    assert problems == []
    assert articles == [
        Article(
            id="a1",
            text="Paule Ardan a été nommée directrice.",
            title="Nomination chez Orange",
            summary="Un chapô.",
            published="2021-09-01",
            url="https://exemple.fr/a1",
            lang="fr",
            source="Le Journal",
        )
    ]


def test_published_argument_fills_missing_dates_only(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join([article_line("avec", published="2019-03-04"), article_line("sans")]),
        encoding="utf-8",
    )
    articles, _ = read([path], published="2020-01-31")
    assert [(a.id, a.published) for a in articles] == [
        ("avec", "2019-03-04"),
        ("sans", "2020-01-31"),
    ]


def test_broken_line_in_the_middle_does_not_lose_the_lines_after(tmp_path: Path) -> None:
    path = tmp_path / "cassé.jsonl"
    lines = [article_line("un"), article_line("deux"), '{"id": "trois", "text": "oups"', ""]
    lines += [article_line("quatre"), article_line("cinq")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = read([path])
    assert [a.id for a in articles] == ["un", "deux", "quatre", "cinq"]
    assert len(problems) == 1
    assert problems[0].path == str(path) and problems[0].line == 3
    assert str(problems[0]).startswith(f"{path}:3: invalid JSON (")


def test_empty_and_blank_files_give_nothing_and_no_problem(tmp_path: Path) -> None:
    empty = tmp_path / "vide.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blanc.jsonl"
    blank.write_text("\n  \n\t\n", encoding="utf-8")
    assert read([empty, blank]) == ([], [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('["id", "text"]', "got array; expected one article object per line"),
        ('"juste une chaîne"', "got string"),
        ("42", "got number"),
        ("null", "got null"),
        ('{"text": "sans identifiant"}', "has no 'id'"),
        ('{"id": "", "text": "identifiant vide"}', "has no 'id'"),
        ('{"id": ["x"], "text": "t"}', "'id' must be a string or an integer, got array"),
        ('{"id": true, "text": "t"}', "got boolean"),
        ('{"id": "x"}', "article 'x' has no 'text'"),
        ('{"id": "x", "text": null}', "article 'x' has no 'text'"),
        ('{"id": "x", "text": ["a", "b"]}', "'text' must be a string, got array"),
        ('{"id": "x", "text": 12}', "'text' must be a string, got number"),
    ],
)
def test_lines_that_are_not_articles_are_reported_with_their_line(
    tmp_path: Path, line: str, expected: str
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(article_line("avant") + "\n" + line + "\n" + article_line("après"), "utf-8")
    articles, problems = read([path])
    assert [a.id for a in articles] == ["avant", "après"]
    assert len(problems) == 1 and problems[0].line == 2
    assert expected in str(problems[0])


def test_integer_id_is_kept_as_string(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 17, "text": "t"}\n', encoding="utf-8")
    articles, problems = read([path])
    assert problems == [] and articles[0].id == "17"


def test_empty_text_is_yielded_for_the_extractor_to_report(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(article_line("vide", text=""), encoding="utf-8")
    articles, problems = read([path])
    assert problems == [] and articles[0].text == ""


def test_optional_field_of_wrong_type_is_dropped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(article_line("x", title=["pas", "une chaîne"], url=3), encoding="utf-8")
    articles, problems = read([path])
    assert articles[0].title is None and articles[0].url is None
    assert len(problems) == 2 and all(isinstance(p, InputNote) for p in problems)
    assert "ignored 'title', expected a string, got array" in str(problems[0])


def test_invalid_published_is_noted_and_replaced_by_the_argument(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(article_line("x", published="mardi dernier"), encoding="utf-8")
    articles, problems = read([path], published="2022-02-22")
    assert articles[0].published == "2022-02-22"
    assert len(notes(problems)) == 1 and "'mardi dernier'" in str(problems[0])


def test_datetime_published_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(article_line("x", published="2013-05-22T08:30:00+02:00"), "utf-8")
    articles, problems = read([path])
    assert problems == [] and articles[0].published == "2013-05-22T08:30:00+02:00"


def test_utf8_bom_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + article_line("é", text="Élue présidente.").encode())
    articles, problems = read([path])
    assert problems == [] and articles[0].id == "é"


def test_utf16_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "seize.jsonl"
    path.write_bytes((article_line("a") + "\n" + article_line("b", "Déjà là.")).encode("utf-16"))
    articles, problems = read([path])
    assert problems == [] and [a.text for a in articles] == ["Une phrase.", "Déjà là."]


def test_cp1252_file_is_read_with_one_note(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    lines = [article_line("a", "Créée à Lyon, l’entreprise…"), article_line("b", "Élu 1er.")]
    path.write_bytes("\n".join(lines).encode("cp1252"))
    articles, problems = read([path])
    assert [a.text for a in articles] == ["Créée à Lyon, l’entreprise…", "Élu 1er."]
    assert len(problems) == 1 and isinstance(problems[0], InputNote)
    assert problems[0].line == 1 and "cp1252" in str(problems[0])


def test_binary_garbage_is_skipped_without_raising(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    ok = tmp_path / "ok.jsonl"
    ok.write_text(article_line("ok"), encoding="utf-8")
    articles, problems = read([path, ok])
    assert [a.id for a in articles] == ["ok"]
    assert len(skipped(problems)) == 1 and "binary data" in str(problems[0])


def test_file_that_is_not_json_at_all_stops_after_a_few_reports(tmp_path: Path) -> None:
    path = tmp_path / "tableau.jsonl"
    path.write_text("\n".join(f"ligne {i};valeur;{i * 2}" for i in range(500)), "utf-8")
    articles, problems = read([path])
    assert articles == []
    assert len(problems) == MAX_LEADING_FAILURES + 1
    assert "rest of the file skipped" in str(problems[-1])


def test_indented_json_document_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "joli.json"
    path.write_text(json.dumps([{"id": "a", "text": "t"}], indent=2), encoding="utf-8")
    articles, problems = read([path])
    assert articles == [] and len(problems) == 1
    assert "one article object per line" in str(problems[0])


def test_duplicate_ids_are_noted_and_kept(tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text(article_line("même", "premier"), encoding="utf-8")
    second = tmp_path / "b.jsonl"
    second.write_text(article_line("autre") + "\n" + article_line("même", "second"), "utf-8")
    articles, problems = read([first, second])
    assert [a.text for a in articles] == ["premier", "Une phrase.", "second"]
    assert len(problems) == 1 and isinstance(problems[0], InputNote)
    assert problems[0].path == str(second) and problems[0].line == 2
    assert f"first read at {first}:1" in str(problems[0])


def test_gzipped_jsonl(tmp_path: Path) -> None:
    for name in ("a.jsonl.gz", "b.gz"):
        with gzip.open(tmp_path / name, "wt", encoding="utf-8") as out:
            out.write(article_line(name, "Texte compressé.") + "\n")
    articles, problems = read([tmp_path / "a.jsonl.gz", tmp_path / "b.gz"])
    assert problems == [] and [a.id for a in articles] == ["a.jsonl.gz", "b.gz"]


def test_truncated_gzip_keeps_the_articles_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "coupé.jsonl.gz"
    payload = "\n".join(article_line(f"a{i}", f"Article numéro {i}. " * 40) for i in range(400))
    data = gzip.compress(payload.encode("utf-8"))
    path.write_bytes(data[: len(data) // 2])
    articles, problems = read([path])
    assert 0 < len(articles) < 400
    assert [a.id for a in articles] == [f"a{i}" for i in range(len(articles))]
    assert len(problems) == 1 and "rest of the file skipped" in str(problems[0])


def test_file_named_gz_that_is_not_gzip(tmp_path: Path) -> None:
    path = tmp_path / "faux.gz"
    path.write_text(article_line("a"), encoding="utf-8")
    articles, problems = read([path])
    assert articles == [] and "not a gzip file" in str(problems[0])


def test_a_huge_article_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gros.jsonl"
    text = "Un très long article. " * 250_000  # 5.5 million characters
    path.write_text(article_line("petit") + "\n" + article_line("gros", text), "utf-8")
    articles, problems = read([path])
    assert problems == [] and len(articles[1].text) == len(text)


def test_memory_stays_flat_while_streaming_a_big_file(tmp_path: Path) -> None:
    path = tmp_path / "grand.jsonl"
    body = "Une phrase d'un article de presse économique. " * 100  # ~4.7 kB per article
    with path.open("w", encoding="utf-8") as out:
        for i in range(1000):
            out.write(article_line(f"a{i}", body) + "\n")
    assert path.stat().st_size > 4_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_articles([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 1000
    assert peak < 1_000_000, f"peak {peak:,} bytes while streaming a 4.7 MB file"


def test_windows_line_ends_and_unicode_line_separators(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    text = "Première ligne\u2028suite\u2029fin\rencore"
    path.write_bytes(
        (article_line("a", text) + "\r\n" + article_line("b") + "\r\n").encode("utf-8")
    )
    articles, problems = read([path])
    assert problems == []
    assert [a.text for a in articles] == [text, "Une phrase."]
