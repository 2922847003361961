"""Moves and positions decided by person–organisation pair (see veille/facts/__init__.py)."""
