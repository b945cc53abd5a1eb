"""Workforce's sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

Each builder returns None when it has nothing for this user, and builds its numbers from
the same selectors as the page it summarises.
"""

from peerpath.core.home import MoreBuilder
from peerpath.core.roles import Role

SECTIONS: dict[Role, MoreBuilder] = {}
