from collections.abc import Iterator

import pytest

from peerpath.jobs.testing import flush_rq


@pytest.fixture(autouse=True)
def _empty_rq_queue() -> Iterator[None]:
    """With the RQ backend, each test starts with an empty queue (a no-op otherwise)."""
    flush_rq()
    yield
    flush_rq()
