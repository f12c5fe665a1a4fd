import pytest

from doelbinding.casework.tests import casefile


@pytest.fixture
def cf(world) -> casefile.CaseFile:
    return casefile.build(world)
