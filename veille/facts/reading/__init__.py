"""Readers shared by the rules of every kind (`rules/`, `business/`) and by `people/`: the
French vocabulary (`lexicon.py`), names (`mentions.py`, `salience.py`), role titles
(`roles.py`), figures (`numbers.py`), time (`timing.py`) and how a clause is asserted and
by whom (`modality.py`). They propose nothing themselves.
"""
