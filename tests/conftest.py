from __future__ import annotations

import random

import pytest

from tangkas.taxonomy import Taxonomy, load_taxonomy


@pytest.fixture(scope="session")
def tax() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture
def rng() -> random.Random:
    """Seeded randomness, the same in every run."""
    return random.Random(20261128)
