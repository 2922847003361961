"""Resolution stage: names in facts -> canonical entities with stable ids (see resolver.py)."""

from veille.resolve.entities import Decision, Entity, Mention
from veille.resolve.resolver import Resolver, default_gazetteer

__all__ = ["Decision", "Entity", "Mention", "Resolver", "default_gazetteer"]
