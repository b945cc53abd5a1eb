"""Training's writes, by part; each is atomic and audited.

`from peerpath.training import services` gives every part: `services.delivery.…`.
"""

from . import (
    assessment,
    delivery,
    graduation,
    placement,
    portfolio,
    programme_templates,
    programmes,
    requirements,
    story,
)

__all__ = [
    "assessment",
    "delivery",
    "graduation",
    "placement",
    "portfolio",
    "programme_templates",
    "programmes",
    "requirements",
    "story",
]
