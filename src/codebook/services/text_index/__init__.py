"""The project's text index: every word with its form and lemma, and searching it."""
