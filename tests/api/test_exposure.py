"""A server safe to expose: trusted hosts, security headers, an optional bearer token
(required beyond localhost), and the same answers on PostgreSQL as on SQLite for names
no store can hold."""

# ruff: noqa: F811

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store.fixtures import fresh_store, news_store  # noqa: F401

from veille.api import create_app
from veille.api.security import (
    Exposure,
    ExposureError,
    exposure_for_bind,
    host_allowed,
    host_name,
)
from veille.cli.main import main
from veille.store import Store, open_store

STATIC = Path(__file__).resolve().parents[2] / "veille" / "web" / "static"
TOKEN = "un-jeton-de-test-assez-long"
ROUTES = ["/", "/api/stats", "/api/articles", "/api/person/Claire%20Moreau", "/static/app.js",
          "/openapi.json", "/docs"]


@pytest.fixture
def app_store(tmp_path: Path) -> Iterator[Store]:
    from store.fixtures import filled

    with open_store(tmp_path / "exposed.db") as store:
        yield filled(store)


def client(store: Store, exposure: Exposure | None = None,
           host: str = "127.0.0.1:8000") -> TestClient:
    return TestClient(create_app(store, exposure), base_url=f"http://{host}",
                      raise_server_exceptions=False)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000"])
def test_local_host_names_are_served(app_store: Store, host: str) -> None:
    assert client(app_store, host=host).get("/api/stats").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "attacker:8000"])
def test_other_host_names_are_refused_as_dns_rebinding_would_send_them(app_store: Store,
                                                                       host: str) -> None:
    response = client(app_store, host=host).get("/api/stats")
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400
    assert "--allowed-host" in response.json()["error"]["message"]


def test_configured_host_names() -> None:
    assert host_name("Veille.Example.org:8443") == "veille.example.org"
    assert host_name("[::1]:80") == "::1" and host_name("a:b:c") is None
    allowed = ("localhost", "veille.example.org", "*.interne.fr")
    assert host_allowed("veille.example.org", allowed)
    assert host_allowed("kb.interne.fr", allowed) and not host_allowed("interne.fr.evil", allowed)
    assert not host_allowed("example.org", allowed)


def test_security_headers_on_every_answer(app_store: Store) -> None:
    c = client(app_store)
    for path in [*ROUTES, "/api/person/personne-inconnue", "/nulle-part"]:
        headers = c.get(path).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
        assert "script-src " in policy, path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path


def test_docs_policy_allows_its_own_inline_script_only(app_store: Store) -> None:
    response = client(app_store).get("/docs")
    assert response.status_code == 200
    assert re.search(r"'sha256-[A-Za-z0-9+/=]+'", response.headers["content-security-policy"])


def test_ui_has_no_inline_script_or_style() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # every script is a file
    assert " on" not in re.sub(r"<[^>]*>", lambda m: "" if " on" not in m[0] else " on", html)
    for script in STATIC.glob("*.js"):
        assert not re.search(r"\bstyle:\s*\"", script.read_text(encoding="utf-8")), script.name


def test_token_is_required_by_every_route(app_store: Store) -> None:
    c = client(app_store, Exposure(token=TOKEN))
    for path in ROUTES:
        refused = c.get(path)
        assert refused.status_code == 401, path
        assert refused.headers["www-authenticate"] == "Bearer"
        assert refused.json()["error"]["status"] == 401
        assert c.get(path, headers={"Authorization": "Bearer mauvais"}).status_code == 401
        assert c.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200, path


def test_token_in_the_address_becomes_a_cookie(app_store: Store) -> None:
    c = client(app_store, Exposure(token=TOKEN))
    first = c.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    cookie = first.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert c.get("/api/stats").status_code == 200  # the client kept the cookie
    assert client(app_store, Exposure(token=TOKEN)).get("/?token=faux").status_code == 401


def test_binding_beyond_localhost_needs_a_token() -> None:
    with pytest.raises(ExposureError, match="token"):
        exposure_for_bind("0.0.0.0", None)
    with pytest.raises(ExposureError):
        exposure_for_bind("192.168.1.20", "")
    assert exposure_for_bind("127.0.0.1", None).token is None
    exposed = exposure_for_bind("192.168.1.20", TOKEN, ("veille.example.org",))
    assert exposed.token == TOKEN
    assert {"localhost", "192.168.1.20", "veille.example.org"} <= set(exposed.allowed_hosts)


def test_serve_beyond_localhost_without_token_is_refused(
        app_store: Store, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("VEILLE_API_TOKEN", raising=False)
    monkeypatch.setattr(sys, "argv", ["veille", "serve", "--db", app_store.url,
                                      "--host", "0.0.0.0"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 3
    assert "token" in capsys.readouterr().err


@pytest.mark.parametrize("path", ["/api/person/%00", "/api/org/%00", "/api/articles/%00",
                                  "/api/person/a%00b", "/api/flows?org=%00",
                                  "/api/search?q=%00", "/api/names?q=%00",
                                  "/api/person/%ED%A0%80"])
def test_names_no_store_holds_are_answered_alike_on_every_backend(news_store: Store,
                                                                  path: str) -> None:
    response = client(news_store).get(path)
    assert response.status_code in (200, 404, 422), response.text
    assert response.status_code != 404 or response.json()["error"]["status"] == 404
