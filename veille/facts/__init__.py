"""Stage 3: facts (FACTS.md records) from parsed text.

The flow, and where each decision is made:
1. `extractor.py`: the entry point; `candidates.py` picks the sentences worth parsing
   (the fast path), `sections.py` splits very long articles.
2. The rules propose (`moves.py` with its helpers for triggers, roles, bindings, timing,
   modality…; `partnerships.py`, `amounts.py`, `market_shares.py` beside them). Every
   proposal names its generator (`Fact.generators`).
3. `people/`: moves and positions are decided by person–organisation pair:
   `people/candidates.py` proposes the pairs (the rules' and wider ones),
   `people/features.py` describes them, `people/model.py` is the trained model,
   `people/decide.py` keeps the labels it believes, `people/slots.py` fills the fields
   of a fact no rule read.
4. `decision.py`: applies both trained decisions (pairs; other facts one by one with
   `features.py`); `explain.py` shows every candidate and why it was kept or not.
"""
