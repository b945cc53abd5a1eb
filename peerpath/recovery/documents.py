"""The three co-produced documents: their sections, and how two versions compare.

A document's content is stored as section key → text (`DocumentVersion.content`), so the
sections live here, in code, not in the database. Keys are never renamed once used: old
versions keep the keys they were written with.

The recovery plan uses wellness-plan sections; it is never named after the WRAP®
trademark (GLOSSARY).
"""

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from .models import DocumentKind

# Shown on every crisis plan (page, print and PDF) whatever the person wrote: seed 000's
# safety message, and the emergency number.
SAMARITANS = "Samaritans: call 116 123, free, any time"
EMERGENCY = "In an emergency, call 999"


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    hint: str = ""


@dataclass(frozen=True)
class Kind:
    value: DocumentKind
    slug: str
    title: str  # "crisis plan", for running text
    intro: str
    sections: tuple[Section, ...]
    review_required: bool
    notice: str = ""  # shown with the document wherever it appears

    @property
    def heading(self) -> str:
        return self.title[:1].upper() + self.title[1:]

    @property
    def is_crisis_plan(self) -> bool:
        return self.value == DocumentKind.CRISIS_PLAN


RECOVERY_PLAN = Kind(
    value=DocumentKind.RECOVERY_PLAN,
    slug="recovery-plan",
    title="recovery plan",
    intro=(
        "A wellness and recovery plan, written by the person with support: what keeps them "
        "well, what to look out for, and what helps. It is theirs, in their own words. If they "
        "already have a plan of their own, such as a WRAP, this can sit alongside it."
    ),
    sections=(
        Section("recovery_means", "What recovery means to me"),
        Section(
            "strengths_values",
            "My strengths and values",
            "What I am good at, what matters to me, what I am proud of",
        ),
        Section(
            "keeps_me_well",
            "What keeps me well day to day",
            "Things I do, people I see, routines that help",
        ),
        Section(
            "triggers",
            "My triggers",
            "Things that can make life harder, and what I can do about them",
        ),
        Section(
            "early_warning_signs",
            "My early warning signs",
            "Small changes that tell me, or others, that things are getting harder",
        ),
        Section(
            "getting_harder",
            "What helps when things are getting harder",
            "What I can do, and what I would like others to do",
        ),
        Section("who_supports", "Who supports me", "Family, friends, groups and services"),
    ),
    review_required=False,
)

ADVANCE_STATEMENT = Kind(
    value=DocumentKind.ADVANCE_STATEMENT,
    slug="advance-statement",
    title="advance statement",
    intro=(
        "The person's wishes and preferences for their future care, written while they are "
        "well, for times when they may find it harder to say what they want."
    ),
    sections=(
        Section("if_unwell", "What I would like to happen if I become unwell"),
        Section(
            "care_preferences",
            "My care and treatment preferences",
            "For example where I would like to be cared for, and what has helped before",
        ),
        Section("prefer_not", "Things I would prefer not to happen"),
        Section(
            "who_involved",
            "Who I would like to be involved or told",
            "And anyone I would prefer not to be told",
        ),
        Section(
            "practical",
            "Practical things to take care of",
            "For example children, pets, my home, bills",
        ),
        Section("anything_else", "Anything else"),
    ),
    review_required=True,
    notice=(
        "An advance statement sets out wishes and preferences. It is not legally binding, and "
        "it is not an advance decision to refuse treatment (a legal document under the Mental "
        "Capacity Act 2005). The people involved in the person's care should take it into "
        "account."
    ),
)

CRISIS_PLAN = Kind(
    value=DocumentKind.CRISIS_PLAN,
    slug="crisis-plan",
    title="crisis plan",
    intro=(
        "What the person, and the people around them, can do when things become very "
        "difficult: signs to look out for, what helps, and who to call."
    ),
    sections=(
        Section("warning_signs", "My warning signs", "How I, or others, can tell I am in crisis"),
        Section("what_i_can_do", "What I can do", "Things that help me get through"),
        Section("people", "People who can help", "Their names and phone numbers"),
        Section("places", "Places that help", "Somewhere I feel safe or calmer"),
        Section(
            "services",
            "Services and their numbers",
            "For example the crisis team or my GP, with their phone numbers",
        ),
    ),
    review_required=True,
)

KINDS: tuple[Kind, ...] = (RECOVERY_PLAN, ADVANCE_STATEMENT, CRISIS_PLAN)
BY_SLUG: dict[str, Kind] = {kind.slug: kind for kind in KINDS}
BY_VALUE: dict[str, Kind] = {str(kind.value): kind for kind in KINDS}


def kind_for_slug(slug: str) -> Kind | None:
    return BY_SLUG.get(slug)


def kind_for(value: str) -> Kind:
    return BY_VALUE[value]


# --- comparison ---------------------------------------------------------------------------

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class SectionChange:
    section: Section
    changed: bool
    html: Markup  # the newer text, with <ins>/<del> for words added and removed


def diff_words(old: str, new: str) -> Markup:
    """The newer text with removed words in <del> and added words in <ins>, all escaped."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    out: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(after[b1:b2]))))
            continue
        if op in ("delete", "replace"):
            out.append(
                '<del><span class="nhsuk-u-visually-hidden"> removed: </span>'
                f"{escape(''.join(before[a1:a2]))}</del>"
            )
        if op in ("insert", "replace"):
            out.append(
                '<ins><span class="nhsuk-u-visually-hidden"> added: </span>'
                f"{escape(''.join(after[b1:b2]))}</ins>"
            )
    # Every piece of text above is escaped; line breaks the person wrote are kept.
    return Markup("".join(out).replace("\n", "<br>\n"))  # noqa: S704


def compare(kind: Kind, old: Mapping[str, str], new: Mapping[str, str]) -> list[SectionChange]:
    """Section by section, in the kind's order."""
    changes = []
    for section in kind.sections:
        before, after = old.get(section.key, ""), new.get(section.key, "")
        changes.append(SectionChange(section, before != after, diff_words(before, after)))
    return changes
