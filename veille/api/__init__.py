"""The REST API and web UI server: `create_app(db)` (run by `veille serve`)."""

from veille.api.app import create_app

__all__ = ["create_app"]
