"""RSS and Atom feeds as input, from files and from a server on 127.0.0.1; `veille ingest
--workers N` storing the same as one worker."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from veille.errors import InputError
from veille.records import Article
from veille.settings import Settings
from veille.sources import read_articles

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>La Lettre des Dirigeants</title>
  <link>http://127.0.0.1/</link>
  <item>
    <title>Camille Durand prend la tête de Fromagerie Lemoine</title>
    <link>http://127.0.0.1/articles/durand</link>
    <guid isPermaLink="false">lettre-2024-0412</guid>
    <pubDate>Fri, 12 Apr 2024 08:30:00 +0200</pubDate>
    <description><![CDATA[<p>Camille Durand a été nommée directrice générale de
      Fromagerie Lemoine.</p><p>Elle succède à Bernard Lemoine, parti à la retraite.</p>
      <script>alert(1)</script>]]></description>
  </item>
  <item>
    <title>Un partenariat dans le Jura</title>
    <link>http://127.0.0.1/articles/jura</link>
    <pubDate>Mon, 15 Apr 2024 10:00:00 +0200</pubDate>
    <description>Les Salaisons du Doubs et Fromagerie Lemoine s'associent.</description>
  </item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Chronique des nominations</title>
  <id>urn:uuid:4f0c2f8e-chronique</id>
  <updated>2024-05-02T09:00:00Z</updated>
  <entry>
    <title>Départ chez Cartonnages Vidal</title>
    <id>urn:uuid:vidal-depart</id>
    <link href="http://127.0.0.1/chronique/vidal"/>
    <published>2024-05-02T09:00:00Z</published>
    <updated>2024-05-03T09:00:00Z</updated>
    <summary>Le directeur financier quitte l'entreprise.</summary>
    <content type="html">&lt;p&gt;Julien Vidal quitte Cartonnages Vidal, dont il était
      le directeur financier depuis 2015.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def read(paths: list[Any]) -> tuple[list[Article], list[InputError]]:
    problems: list[InputError] = []
    return list(read_articles(paths, on_error=problems.append)), problems


def test_rss_items_are_articles_with_link_date_and_source(tmp_path: Path) -> None:
    (tmp_path / "lettre.rss").write_text(RSS, encoding="utf-8")
    articles, problems = read([tmp_path / "lettre.rss"])
    assert problems == []
    first, second = articles
    assert first.id == "lettre-2024-0412"
    assert first.title == "Camille Durand prend la tête de Fromagerie Lemoine"
    assert first.text == ("Camille Durand a été nommée directrice générale de Fromagerie "
                          "Lemoine.\n\nElle succède à Bernard Lemoine, parti à la retraite.")
    assert (first.url, first.published, first.source) == (
        "http://127.0.0.1/articles/durand", "2024-04-12", "La Lettre des Dirigeants")
    assert second.id == "http://127.0.0.1/articles/jura"  # no guid: the link
    assert second.text == "Les Salaisons du Doubs et Fromagerie Lemoine s'associent."


def test_atom_entry_content_summary_and_published_date(tmp_path: Path) -> None:
    (tmp_path / "chronique.atom").write_text(ATOM, encoding="utf-8")
    (article,), problems = read([tmp_path / "chronique.atom"])
    assert problems == []
    assert article.id == "urn:uuid:vidal-depart"
    assert article.text.startswith("Julien Vidal quitte Cartonnages Vidal")
    assert article.summary == "Le directeur financier quitte l'entreprise."
    assert (article.published, article.source) == ("2024-05-02", "Chronique des nominations")


def test_not_a_feed_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "notes.xml").write_text("<notes><note>rien</note></notes>", encoding="utf-8")
    (tmp_path / "lettre.rss").write_text(RSS, encoding="utf-8")
    articles, problems = read([tmp_path / "notes.xml", tmp_path / "lettre.rss"])
    assert len(articles) == 2
    assert len(problems) == 1 and "not an RSS or Atom feed" in str(problems[0])


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[str]:
    """The feeds served by a plain HTTP server on 127.0.0.1 (a free port)."""
    (tmp_path / "lettre.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "chronique.atom").write_text(ATOM, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_feeds_read_from_a_local_server(feed_server: str) -> None:
    articles, problems = read([f"{feed_server}/lettre.rss", f"{feed_server}/chronique.atom",
                               f"{feed_server}/absent.rss"])
    assert [a.id for a in articles] == ["lettre-2024-0412", "http://127.0.0.1/articles/jura",
                                        "urn:uuid:vidal-depart"]
    assert len(problems) == 1 and "cannot fetch feed" in str(problems[0])
    assert problems[0].path == f"{feed_server}/absent.rss"


def test_ingest_a_feed_url(feed_server: str, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """`veille ingest URL` stores each item with its link, date and source (the scripted
    extractor stands in for the model)."""
    from store.fixtures import ScriptedExtractor

    from veille.cli import store_commands
    from veille.cli.main import main
    from veille.store import open_store, schema

    monkeypatch.setattr(store_commands, "lazy_extractor",
                        lambda settings: ScriptedExtractor().extract_many)
    db = tmp_path / "feed.db"
    monkeypatch.setattr("sys.argv", ["veille", "ingest", f"{feed_server}/lettre.rss",
                                     "--db", str(db), "--quiet"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    with open_store(db) as store, store.read() as conn:
        rows = conn.execute(select(schema.articles.c.id, schema.articles.c.url,
                                   schema.articles.c.published, schema.articles.c.source)
                            .order_by(schema.articles.c.id)).all()
    assert [tuple(r) for r in rows] == [
        ("http://127.0.0.1/articles/jura", "http://127.0.0.1/articles/jura", "2024-04-15",
         "La Lettre des Dirigeants"),
        ("lettre-2024-0412", "http://127.0.0.1/articles/durand", "2024-04-12",
         "La Lettre des Dirigeants")]


def scripted_factory(settings: Settings) -> Any:
    """What each pool process extracts with in these tests (importable by name)."""
    from store.fixtures import ScriptedExtractor

    return ScriptedExtractor()


def dump(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """What a store holds, ids and times left out, in a stable order."""
    from veille.store import schema

    with store.read() as conn:
        facts = schema.facts
        return {
            "facts": sorted(tuple(r) for r in conn.execute(select(
                facts.c.article_id, facts.c.seq, facts.c.type, facts.c.person,
                facts.c.person_id, facts.c.org_id, facts.c.date, facts.c.ev_start))),
            "entities": sorted(tuple(r) for r in conn.execute(select(
                schema.entities.c.id, schema.entities.c.name, schema.entities.c.type))),
            "events": sorted(tuple(r) for r in conn.execute(select(schema.events.c.key))),
        }


def test_ingest_with_workers_stores_the_same_as_one(tmp_path: Path) -> None:
    from store.fixtures import ANALYST_NEWS, NEWS, ScriptedExtractor

    from veille.batch.pool import pooled_extraction
    from veille.store import ingest_articles, open_store

    news = (NEWS + ANALYST_NEWS) * 1
    with open_store(tmp_path / "one.db") as one:
        ingest_articles(one, news, ScriptedExtractor().extract_many)
        expected = dump(one)
    settings = Settings(batch_size=2)
    with open_store(tmp_path / "many.db") as many, \
            pooled_extraction(settings, 3, factory=scripted_factory) as extract_many:
        tally = ingest_articles(many, news, extract_many)
        assert tally.new == len(news)
        assert dump(many) == expected
    # Nothing new to extract: no pool is started at all.
    with open_store(tmp_path / "many.db") as again, \
            pooled_extraction(settings, 3, factory=scripted_factory) as extract_many:
        assert ingest_articles(again, news, extract_many).unchanged == len(news)


@pytest.mark.slow
def test_cli_ingest_workers_with_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """`veille ingest --workers 2` with the real extractor: the same base as one worker."""
    import json

    from veille.cli.main import main
    from veille.store import open_store

    lines = [
        {"id": "w-1", "published": "2024-03-04", "title": "Nomination chez Biscuits Arnaud",
         "text": "Sophie Marchal a été nommée directrice générale de Biscuits Arnaud. Elle "
                 "succède à Didier Arnaud, qui quitte l'entreprise après vingt ans."},
        {"id": "w-2", "published": "2024-03-06", "title": "Sophie Marchal arrive",
         "text": "Sophie Marchal prendra ses fonctions chez Biscuits Arnaud le 1er avril."},
        {"id": "w-3", "published": "2024-03-08", "title": "Départ à la Banque Ferrand",
         "text": "Luc Perrin, directeur financier de la Banque Ferrand, a démissionné lundi."},
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                      encoding="utf-8")
    dumps = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        monkeypatch.setattr("sys.argv", ["veille", "ingest", str(source), "--db", str(db),
                                         "--workers", workers, "--quiet"])
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 0
        with open_store(db) as store:
            dumps.append(dump(store))
    assert dumps[0]["facts"] and dumps[0] == dumps[1]
