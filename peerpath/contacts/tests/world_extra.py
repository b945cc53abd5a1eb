"""This app's additions to the caseload world (peerpath/caseload/tests/world.py).

`build(world)` runs at the end of `build_caseload`; set attributes on `world` for the
walk examples and tests of this app.
"""

from typing import Any


def build(world: Any) -> None:
    # The directory entry behind `world.signpost`, for signposting tests.
    world.signpost_service = world.signpost.service
