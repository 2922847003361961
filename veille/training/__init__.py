"""`veille train`: the decision model of `veille/facts/decision.py`, learnt from data/gold/."""
