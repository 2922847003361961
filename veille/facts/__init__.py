"""Stage 3: facts (FACTS.md records) from parsed text."""
