"""Training's reads, by part, each within what the organisation may see.

`from peerpath.training import selectors` gives every part: `selectors.delivery.…`.
"""

from . import (
    assessment,
    delivery,
    graduation,
    placement,
    portfolio,
    programmes,
    story,
)

__all__ = [
    "assessment",
    "delivery",
    "graduation",
    "placement",
    "portfolio",
    "programmes",
    "story",
]
