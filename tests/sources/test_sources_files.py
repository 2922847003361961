"""Plain-text and HTML files, folders, standard input and the paths themselves."""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest

from veille.errors import InputError
from veille.records import Article
from veille.sources import InputNote, PublishedDateError, read_articles

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Airbus choisit une nouvelle directrice - Le Quotidien</title>
<meta property="article:published_time" content="2022-10-05T08:00:00+02:00">
<link rel="canonical" href="https://quotidien.example/airbus-directrice">
</head><body>
<nav><a href="/">Accueil</a> <a href="/eco">Économie</a></nav>
<article>
<h1>Airbus choisit une nouvelle directrice</h1>
<p>Le constructeur aéronautique Airbus a nommé Lucie Maréchal directrice des achats,
a-t-il annoncé mercredi. Elle rejoindra le comité exécutif du groupe en novembre.</p>
<p>Elle était auparavant directrice de la chaîne d'approvisionnement chez Safran, où elle
a passé quinze ans à différents postes opérationnels en France et au Mexique.</p>
</article>
<footer>Mentions légales et conditions d'utilisation du site</footer>
</body></html>
"""


def read(paths: list[Any], **kwargs: Any) -> tuple[list[Article], list[InputError]]:
    problems: list[InputError] = []
    articles = list(read_articles(paths, on_error=problems.append, **kwargs))
    return articles, problems


def test_text_file_is_one_article_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "communique-2021.txt"
    text = "Communiqué\n\nLa société Alstom annonce l'arrivée de Marc Ibert.\n"
    path.write_text(text, encoding="utf-8")
    articles, problems = read([path], published="2021-06-01")
    assert problems == []
    assert articles == [Article(id="communique-2021", text=text, published="2021-06-01")]


def test_empty_text_file_gives_an_empty_article(tmp_path: Path) -> None:
    (tmp_path / "vide.txt").write_bytes(b"")
    articles, problems = read([tmp_path / "vide.txt"])
    assert problems == [] and articles == [Article(id="vide", text="")]


def test_text_file_with_bom_and_crlf_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfPremi\xc3\xa8re ligne.\r\nSeconde.")
    articles, problems = read([path])
    assert problems == [] and articles[0].text == "Première ligne.\r\nSeconde."


def test_cp1252_text_file_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "ancien.txt"
    path.write_bytes("Le PDG a démissionné : « c’est fini », a-t-il dit.".encode("cp1252"))
    articles, problems = read([path])
    assert articles[0].text == "Le PDG a démissionné : « c’est fini », a-t-il dit."
    assert len(problems) == 1 and isinstance(problems[0], InputNote)
    assert "cp1252" in str(problems[0]) and problems[0].path == str(path)


def test_binary_text_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 50)
    articles, problems = read([path])
    assert articles == [] and len(problems) == 1
    assert not isinstance(problems[0], InputNote) and "binary data" in str(problems[0])


def test_html_page_gives_main_text_title_date_and_url(tmp_path: Path) -> None:
    path = tmp_path / "airbus.html"
    path.write_text(PAGE, encoding="utf-8")
    articles, problems = read([path])
    assert problems == []
    (article,) = articles
    assert article.id == "airbus"
    assert article.title == "Airbus choisit une nouvelle directrice"
    assert article.published == "2022-10-05"
    assert article.url == "https://quotidien.example/airbus-directrice"
    assert "a nommé Lucie Maréchal directrice des achats" in article.text
    assert "chez Safran" in article.text
    assert "Accueil" not in article.text and "Mentions légales" not in article.text
    # The heading is the title already: not repeated at the start of the text.
    assert not article.text.startswith("Airbus choisit")


def test_html_page_date_wins_over_the_published_argument(tmp_path: Path) -> None:
    (tmp_path / "p.htm").write_text(PAGE, encoding="utf-8")
    articles, _ = read([tmp_path / "p.htm"], published="2030-01-01")
    assert articles[0].published == "2022-10-05"


def test_html_page_without_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "vide.html"
    path.write_text("<html><head><title>Rien</title></head><body></body></html>", "utf-8")
    articles, problems = read([path])
    assert articles == [] and "no main text" in str(problems[0])


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z", "utf-8")
    (tmp_path / "a" / "lot.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "text": "t"}) for i in ("l1", "l2")), "utf-8"
    )
    (tmp_path / "a" / "page.html").write_text(PAGE, "utf-8")
    (tmp_path / "m.txt").write_text("m", "utf-8")
    (tmp_path / ".cache" / "caché.txt").write_text("caché", "utf-8")
    (tmp_path / ".hidden.txt").write_text("caché", "utf-8")
    (tmp_path / "notes.md").write_text("# notes", "utf-8")
    (tmp_path / "a" / "rapport.pdf").write_bytes(b"%PDF-1.4")
    articles, problems = read([tmp_path])
    assert [a.id for a in articles] == ["l1", "l2", "page", "z", "m"]
    assert len(problems) == 1 and isinstance(problems[0], InputNote)
    assert "2 file(s) of other types not read (.md, .pdf)" in str(problems[0])


def test_missing_and_unsupported_paths_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("bien", "utf-8")
    (tmp_path / "tableur.xlsx").write_bytes(b"PK\x03\x04")
    articles, problems = read(
        [tmp_path / "absent.jsonl", tmp_path / "tableur.xlsx", tmp_path / "ok.txt"]
    )
    assert [a.id for a in articles] == ["ok"]
    assert [p.path for p in problems] == [
        str(tmp_path / "absent.jsonl"),
        str(tmp_path / "tableur.xlsx"),
    ]
    assert "no such file or folder" in str(problems[0])
    assert "unsupported file type" in str(problems[1])


def test_a_single_path_may_be_given_bare(tmp_path: Path) -> None:
    (tmp_path / "seul.txt").write_text("seul", "utf-8")
    assert [a.id for a in read_articles(str(tmp_path / "seul.txt"))] == ["seul"]


def test_bad_published_argument_fails_at_once() -> None:
    with pytest.raises(PublishedDateError, match="'hier' is not an ISO date"):
        read_articles(["-"], published="hier")


def test_without_on_error_problems_are_logged_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "t"}\n{cassé\n{"id": "b", "text": "t"}\n', "utf-8")
    with caplog.at_level(logging.INFO, logger="veille.sources"):
        ids = [a.id for a in read_articles([path])]
    assert ids == ["a", "b"]
    assert any(f"{path}:2: invalid JSON" in r.getMessage() for r in caplog.records)


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        json.dumps({"id": "s1", "text": "un"}),
        "{pas du json",
        json.dumps({"id": "s2", "text": "deux"}),
    ]
    fake_stdin(monkeypatch, ("\n  \n" + "\n".join(lines)).encode())
    articles, problems = read(["-"], published="2020-05-05")
    assert [(a.id, a.published) for a in articles] == [("s1", "2020-05-05"), ("s2", "2020-05-05")]
    assert len(problems) == 1 and problems[0].path == "<stdin>" and problems[0].line == 4


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\nLe groupe Safran annonce un partenariat avec Thales.\n"
    fake_stdin(monkeypatch, text.encode())
    articles, problems = read(["-"], published="2020-05-05")
    assert problems == []
    assert articles == [Article(id="stdin", text=text, published="2020-05-05")]


def test_stdin_replaced_by_a_text_only_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "t", "text": "Éric est nommé."}\n'))
    articles, problems = read(["-"])
    assert problems == [] and articles[0].text == "Éric est nommé."


def test_empty_stdin_gives_an_empty_article(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"")
    articles, problems = read(["-"])
    assert problems == [] and articles == [Article(id="stdin", text="")]


def test_a_text_without_date_takes_the_one_its_header_prints(tmp_path: Path) -> None:
    text = (
        "Publié le 12 mars 2019 à 10h05 - Mis à jour le 14 mars 2019\n"
        "Nouvelle directrice chez Airbus\n\nLucie Maréchal a été nommée directrice des achats."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    # the date the article prints is its own: it wins over the batch's default
    for default in (None, "2030-01-01"):
        articles, _ = read([tmp_path / "a.txt"], published=default)
        assert articles[0].published == "2019-03-12"


def test_a_jsonl_date_wins_over_the_header_and_a_headerless_text_keeps_the_default(
    tmp_path: Path,
) -> None:
    line = {"id": "a", "text": "Publié le 12 mars 2019\nTexte.", "published": "2019-03-13"}
    (tmp_path / "a.jsonl").write_text(json.dumps(line), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Le conseil s'est réuni en 2018.", encoding="utf-8")
    articles, _ = read([tmp_path / "a.jsonl", tmp_path / "b.txt"], published="2021-06-01")
    assert [a.published for a in articles] == ["2019-03-13", "2021-06-01"]
