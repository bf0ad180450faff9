"""Fixtures of the Wazo behaviour tests."""
from __future__ import annotations

import pytest

from .helpers import confd, token


@pytest.fixture
def h(client) -> dict[str, str]:
    """wazo-confd headers for user test (tenant 1), with a token freshly issued by wazo-auth."""
    return confd(token(client))
