"""The business facts, beside the people facts (step 2 of the flow): the rules that propose
partnerships, amounts and market shares, and `orgs.py`, which organisation their clause is
about. Each of their facts is decided alone (`decision.py`, `fact_features.py`).
"""
