"""Every input schemathesis can generate from the OpenAPI schema, sent to the API over
SQLite and over PostgreSQL: no server error on either, and the same status on both.
Bounded (a fixed number of cases per operation, derandomised) to run in CI."""

# ruff: noqa: F811

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from store.fixtures import filled, postgres_store

from veille.api import create_app
from veille.store import open_store

pytestmark = pytest.mark.postgres

CASES_PER_OPERATION = 80


@pytest.fixture(scope="module")
def clients() -> Iterator[dict[str, TestClient]]:
    """The API over the same articles on SQLite and on PostgreSQL."""
    with open_store(":memory:") as lite, postgres_store() as pg:
        filled(lite)
        filled(pg)
        yield {name: TestClient(create_app(store), base_url="http://127.0.0.1",
                                raise_server_exceptions=False)
               for name, store in (("sqlite", lite), ("postgres", pg))}


def test_postgres_answers_as_sqlite(clients: dict[str, TestClient]) -> None:
    schema = schemathesis.openapi.from_dict(clients["sqlite"].get("/openapi.json").json())
    # NUL and every other code point too, and inputs the schema forbids as well as those
    # it allows: what a hostile client sends
    schema.config.generation.update(allow_x00=True, codec="utf-8",
                                    modes=list(GenerationMode))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=CASES_PER_OPERATION, derandomize=True, deadline=None,
                  suppress_health_check=list(HealthCheck), database=None)
        def same_answers(case: Any) -> None:
            statuses = {}
            for name, client in clients.items():
                # the request schemathesis would send, sent by the app's test client
                sent = case.as_transport_kwargs(base_url="http://127.0.0.1")
                assert not sent.get("cookies")  # the API takes none (the token cookie
                # aside, off here)
                response = client.request(sent["method"], sent["url"],
                                          params=sent.get("params"),
                                          headers=sent.get("headers"))
                assert response.status_code < 500, (name, case.path, response.text[:300])
                statuses[name] = response.status_code
            assert statuses["sqlite"] == statuses["postgres"], (case.as_curl_command(),
                                                                 statuses)

        same_answers()
