"""Home sections this app adds after a role's own section (role -> builder)."""

from peerpath.core.home import MoreBuilder
from peerpath.core.roles import Role

SECTIONS: dict[Role, MoreBuilder] = {}
