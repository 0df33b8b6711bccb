"""Fixtures for the retrieval, analysis and export tests (see ``study.py``)."""

from __future__ import annotations

import pytest

from analysis.study import Study, build_study
from codebook.db.engine import Store


@pytest.fixture
def study(store: Store) -> Study:
    """The small coded study, on SQLite and on PostgreSQL (via ``store``)."""
    return build_study(store)
