"""Governance's sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

A peer support worker sees the carers' messages sent to them that nobody has read yet,
per person (one query); the builder returns None when there are none.
"""

from peerpath.core.home import HomeSection, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors


def carer_messages_section(request: OrgRequest) -> HomeSection | None:
    unread = selectors.unread_carer_messages(actor=request.actor)
    if not unread:
        return None
    return HomeSection(
        role=Role.PSW,
        heading="Messages from carers",
        template="governance/_home_carer_messages.jinja",
        data={"unread": unread},
        key="carer-messages",
    )


SECTIONS: dict[Role, MoreBuilder] = {Role.PSW: carer_messages_section}
