"""Storage: models, engine/session factory and migrations."""
