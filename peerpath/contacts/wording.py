"""Recovery-focused wording: gentle suggestions while a contact note is written.

Seed 002 lists "recovery focused note writing" and "the impact of language" in a PSW's
training. Notes are read by the person (the portal comes later) and by the team, so words
that label or blame can do harm. PeerPath points out such words and offers alternatives;
it never blocks a save or a signature: the writer knows the context and decides.

Each term is matched as a whole word or phrase, case-insensitively, with any spacing or
hyphen between the words of a phrase.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    label: str  # how the term is named in the suggestion
    pattern: str  # a regular expression, matched case-insensitively on word boundaries
    suggestions: tuple[str, ...]
    why: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@dataclass(frozen=True)
class Finding:
    term: Term
    found: tuple[str, ...]  # the words as written in the note, once each, in order

    @property
    def label(self) -> str:
        return self.term.label

    @property
    def suggestions(self) -> tuple[str, ...]:
        return self.term.suggestions


_GAP = r"[\s\-]+"  # between the words of a phrase: spaces, a line break or a hyphen
_cache: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _cache:
        _cache[pattern] = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)
    return _cache[pattern]


def _phrase(*words: str) -> str:
    return _GAP.join(words)


TERMS: tuple[Term, ...] = (
    Term(
        "non-compliant",
        r"non[\s\-]*complian(?:t|ce)",
        ("chose not to take…", "has concerns about…", "is finding it hard to…"),
        "It describes the person against a rule, not what they told you.",
    ),
    Term(
        "refused",
        r"refus(?:ed|es|ing|al)|refuse",
        ("decided not to…", "declined…", "chose not to…"),
        "It sounds like defiance; the person made a choice.",
    ),
    Term(
        "manipulative",
        r"manipulative|manipulating|manipulation",
        ("trying to get their needs met", "asking for what they need in the way they can"),
    ),
    Term(
        "attention-seeking",
        _phrase("attention", "seeking"),
        ("seeking connection", "asking for support"),
    ),
    Term(
        "challenging behaviour",
        _phrase("challenging", "behaviou?rs?"),
        ("was finding things very hard", "say what happened and what was said"),
    ),
    Term(
        "kicked off",
        _phrase("kick(?:ed|s|ing)?", "off"),
        ("was upset", "was distressed", "say what happened and what was said"),
    ),
    Term(
        "frequent flyer",
        _phrase("frequent", "fl(?:y|i)ers?"),
        ("has needed support often", "uses the service often"),
    ),
    Term(
        "suffers from",
        _phrase("suffer(?:s|ed|ing)?", "from"),
        ("lives with…", "experiences…", "has a diagnosis of…"),
    ),
    Term(
        "failed to attend",
        _phrase("fail(?:ed|s)?", "to", "(?:attend|engage)"),
        ("did not attend", "was not able to come", "has not been in touch yet"),
    ),
    Term(
        "DNA",
        r"DNA(?:'?d|s)?",
        ("did not attend", "was not able to come"),
        "Plain words are clearer to the person reading their own record.",
    ),
    Term(
        "in denial",
        _phrase("in", "denial"),
        ("sees things differently", "is not ready to talk about this yet"),
    ),
    Term(
        "lacks insight",
        r"lack(?:s|ed|ing)?[\s\-]+(?:of[\s\-]+)?insight|no[\s\-]+insight|poor[\s\-]+insight",
        ("understands their experiences differently", "has their own explanation of…"),
    ),
    Term(
        "resistant",
        r"resistant|resistance",
        ("has concerns about…", "is not ready to…", "would prefer…"),
    ),
    Term(
        "difficult",
        r"difficult",
        ("finding it hard to…", "say what happened and what was said"),
        "Said of a person, it is a label; said of a situation, it may be fine.",
    ),
    Term(
        "disengaged",
        r"disengag(?:ed|ing)|non[\s\-]+engag(?:ed|ing|ement)|poor[\s\-]+engagement"
        r"|not[\s\-]+engaging",
        ("has not been in touch", "we have not yet found what works for them"),
    ),
    Term(
        "uncooperative",
        r"un[\s\-]?co[\s\-]?operative",
        ("did not want to…", "had other priorities that day"),
    ),
    Term(
        "demanding",
        r"demanding",
        ("asked clearly for what they need", "was very clear about what they want"),
    ),
    Term(
        "unmotivated",
        r"unmotivated|lazy|lacks[\s\-]+motivation",
        ("is finding it hard to get started", "has not found what matters to them in this yet"),
    ),
    Term(
        "patient",
        r"patients?",
        ("the person", "their name"),
        "In peer support they are the person supported, not a patient.",
    ),
    Term(
        "case",
        # "in case" and "in any case" are everyday phrases, not a label.
        r"(?<!\bin )(?<!\bany )cases?",
        ("the person", "their name"),
        "A person is not a case.",
    ),
    Term("client", r"clients?", ("the person", "their name")),
    Term("service user", _phrase("service", "users?"), ("the person", "their name")),
    Term(
        "presented as",
        _phrase("present(?:ed|s|ing)", "(?:as|with)"),
        ("seemed…", "told me…", "said they felt…"),
        "Clinical wording; say what you noticed or what they told you.",
    ),
    Term(
        "complained of",
        _phrase("complain(?:ed|s|ing)?", "(?:of|about)"),
        ("told me about…", "said they were finding… hard"),
    ),
    Term("absconded", r"abscond(?:ed|s|ing)?", ("left", "went home")),
    Term(
        "mentally ill",
        r"(?:the[\s\-]+)?mentally[\s\-]+ill",
        ("a person with experience of mental distress", "a person living with…"),
    ),
    Term(
        "a schizophrenic",
        r"(?:an?|the)[\s\-]+(?:schizophrenic|psychotic|depressive|bipolar)"
        r"(?![\s\-]+(?:disorder|diagnosis|episodes?|illness|experiences?|symptoms?))",
        ("a person with a diagnosis of…", "a person who experiences…"),
        "The person is not their diagnosis.",
    ),
    Term(
        "addict", r"addicts?|junkies|junkie", ("a person who uses drugs", "living with addiction")
    ),
    Term("self-harmer", _phrase("self", "harmers?"), ("a person who self-harms",)),
    Term(
        "committed suicide",
        _phrase("committed", "suicide"),
        ("died by suicide", "took their own life"),
        "Suicide is not a crime.",
    ),
    Term(
        "hysterical",
        r"hysterical|histrionic",
        ("very upset", "very distressed", "say what happened and what was said"),
    ),
    Term(
        "crazy",
        r"crazy|nutters?|psycho|loony|mad",
        ("say what happened and what was said",),
        "Stigmatising words, even when meant kindly.",
    ),
)


def check(text: str) -> list[Finding]:
    """The terms found in the text, in the order they first appear."""
    if not text:
        return []
    found: list[tuple[int, Finding]] = []
    for term in TERMS:
        matches = list(term.regex.finditer(text))
        if not matches:
            continue
        seen: list[str] = []
        for match in matches:
            written = " ".join(match.group(0).split())
            if written.lower() not in (s.lower() for s in seen):
                seen.append(written)
        found.append((matches[0].start(), Finding(term, tuple(seen))))
    return [finding for _, finding in sorted(found, key=lambda pair: pair[0])]
