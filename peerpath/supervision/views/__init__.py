"""Supervision's pages: agreements, sessions, actions, sign-off, addenda, supervisees.

Session content is fetched only through `selectors.sessions_visible` (the worker and the
supervisor of the agreement), so anyone else gets 404; what each of them may do to a
session is asked of `supervision/rules.py`. One module a subject; `urls.py` names the
views through this package.
"""

# What the worker shares from their wellbeing plan, looked up here when a session is shown
# (`sessions.session_detail`), so there is one place to stand in for it.
from peerpath.wellbeing.selectors import shared_with_supervisor

from .actions import action_add, action_done, supervisee_list
from .agreements import (
    agreement_agree,
    agreement_create,
    agreement_detail,
    agreement_edit,
    worker_list,
)
from .sessions import (
    addendum_add,
    session_create,
    session_detail,
    session_print,
    session_record,
    session_sign,
    session_worker_part,
)

__all__ = [
    "action_add",
    "action_done",
    "addendum_add",
    "agreement_agree",
    "agreement_create",
    "agreement_detail",
    "agreement_edit",
    "session_create",
    "session_detail",
    "session_print",
    "session_record",
    "session_sign",
    "session_worker_part",
    "shared_with_supervisor",
    "supervisee_list",
    "worker_list",
]
