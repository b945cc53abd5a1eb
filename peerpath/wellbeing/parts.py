"""The parts of a wellbeing plan, and the framework's words the plan is written against.

A version's content is stored as part key → text, so the parts live here, in code. Keys
are never renamed once used: old versions keep the keys they were written with.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    hint: str


PARTS: tuple[Part, ...] = (
    Part(
        "keeps_me_well",
        "What keeps me well",
        "Things you do, people you see and routines that help you stay well, at work and "
        "outside it.",
    ),
    Part(
        "early_signs",
        "Early signs that I need more support",
        "What you, or people close to you, notice when things are getting harder.",
    ),
    Part(
        "helps_at_work",
        "What helps me at work",
        "What helps when work is demanding: breaks, a debrief, time to reflect, who to talk to.",
    ),
    Part(
        "adjustments",
        "Reasonable adjustments",
        "Changes at work that help you do your job well, for example to hours, workload or "
        "where you work. Adjustments are agreed with your line manager.",
    ),
)
PART_KEYS = tuple(part.key for part in PARTS)
HEADINGS = {part.key: part.heading for part in PARTS}


# Framework unit 4.1, quoted from the competence framework (seed 004), as the plan's guidance.
UNIT_4_1_TITLE = "UNIT 4.1: Ability to monitor and respond to the need for self-care"
UNIT_4_1_AIMS = "To give peer support workers an understanding of issues related to self-care"
UNIT_4_1: tuple[str, ...] = (
    "Ability for the peer support worker to maintain a focus on self-care and their own "
    "health and wellbeing",
    "Ability to identify and manage any barriers to self-care, or to seek support from others",
    "Ability for the peer support worker to judge: when their work is creating excessive "
    "emotional demands and to put in place appropriate levels of self-care; when their own "
    "stressors or triggers may be resulting in unhelpful attitudes or behaviours; when they "
    "have reached the limits of their responsibility or competence, and when to seek advice, "
    "management or supervisory support, or assistance from others",
    "Ability for the peer support worker to monitor and reflect on the personal feelings or "
    "challenges that arise as a result of their work and role",
    "Ability to monitor and reflect on the impact of any challenges and so judge when "
    "support or supervision is necessary",
)
