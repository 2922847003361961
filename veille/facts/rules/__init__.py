"""The hand rules that propose moves and positions (step 2 of the flow): `moves.py` reads
a move around a trigger (`triggers.py`) with who moves (`movers.py`), where
(`move_orgs.py`), the appositions (`bindings.py`, `positions.py`), the news date
(`news_peg.py`) and the reports of one story read together (`move_links.py`).
"""
