"""Stage 3: facts (FACTS.md records) from parsed text.

The flow, and where each decision is made:
1. `extractor.py`: the entry point; `fast_path.py` picks the sentences worth parsing,
   `sections.py` splits very long articles, `context.py` is what every rule receives.
2. The rules propose: `rules/` moves and positions (`rules/moves.py` and its helpers);
   `business/` partnerships, amounts and market shares beside them. Both read the text
   through `reading/` (vocabulary, names, role titles, figures, time, modality). Every
   proposal names its generator (`Fact.generators`).
3. `people/`: moves and positions are decided by person–organisation pair:
   `people/candidates.py` proposes the pairs (the rules' and wider ones),
   `people/features.py` describes them, `people/model.py` is the trained model,
   `people/decide.py` keeps the labels it believes, `people/slots.py` fills the fields
   of a fact no rule read (the role and the date chosen by the trained slot model among
   the candidates of `people/slot_features.py`) and the role a rules' move left out;
   `people/one_post.py` keeps one fact per post when two forms of its organisation
   were kept ("gouvernement" and "ministère de la Santé").
4. `decision.py`: applies both trained decisions (pairs; every other fact one by one,
   described by `fact_features.py`); `explain.py` shows every candidate and why it was
   kept or not.
"""
