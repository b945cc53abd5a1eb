"""Object rules of contact records (django-rules), asked as `actor.may("contacts.<rule>", obj)`.

- `contacts.change_draft` (a contact note): the note is still a draft and the actor wrote
  it. Only its author edits or signs a draft; once signed, nobody changes it (an amendment
  is added instead).
- `contacts.withhold_note` (a contact note): the note is signed, and the actor wrote it or
  supervises the team of the person it is about. They may hold it back from the person,
  with a reason, or lift that.
"""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.rules import in_actors_organisation


@rules.predicate
def is_draft(actor: Actor, note: Any) -> bool:
    return note is not None and not note.is_signed


@rules.predicate
def wrote_it(actor: Actor, note: Any) -> bool:
    return note is not None and actor.user is not None and note.author_id == actor.user.pk


rules.add_rule("contacts.change_draft", in_actors_organisation & is_draft & wrote_it)


@rules.predicate
def is_signed(actor: Actor, note: Any) -> bool:
    return note is not None and note.is_signed


@rules.predicate
def supervises_their_team(actor: Actor, note: Any) -> bool:
    return note is not None and note.person.team_id in actor.supervised_team_ids


rules.add_rule(
    "contacts.withhold_note",
    in_actors_organisation & is_signed & (wrote_it | supervises_their_team),
)
