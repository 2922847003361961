"""Stage 2: spaCy Doc plus veille's own components (sentences, entities, time)."""
