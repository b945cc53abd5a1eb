"""For tests that open intakes on a copied template: the copier keeps every flagged text."""

from typing import TYPE_CHECKING

from peerpath.training.models import Programme
from peerpath.training.selectors.programmes import copied_texts_to_check
from peerpath.training.services.programme_templates import copied_text_confirm, copied_text_current

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def confirm_copied_wording(programme: Programme, by: "User | None" = None) -> Programme:
    for item in copied_texts_to_check(programme):
        current = copied_text_current(item)
        copied_text_confirm(item=item, text=current, expected=current, by=by)
    return programme
