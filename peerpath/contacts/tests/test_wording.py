"""Recovery-focused wording: what is found, what is suggested, and what is left alone."""

import pytest

from peerpath.contacts.wording import TERMS, check


def labels(text: str) -> list[str]:
    return [finding.label for finding in check(text)]


@pytest.mark.parametrize(
    ("text", "label", "suggestion"),
    [
        ("He was non-compliant with his tablets.", "non-compliant", "chose not to take…"),
        ("Non compliance noted.", "non-compliant", "has concerns about…"),
        ("She refused to go.", "refused", "decided not to…"),
        ("REFUSING the offer", "refused", "declined…"),
        ("Quite manipulative today.", "manipulative", "trying to get their needs met"),
        ("Attention seeking again.", "attention-seeking", "seeking connection"),
        ("attention-seeking", "attention-seeking", "asking for support"),
        (
            "Some challenging behaviour at the desk.",
            "challenging behaviour",
            "was finding things very hard",
        ),
        ("He kicked off in reception.", "kicked off", "was upset"),
        ("A frequent flyer at A&E.", "frequent flyer", "has needed support often"),
        ("She suffers from anxiety.", "suffers from", "lives with…"),
        ("Failed to attend the group.", "failed to attend", "did not attend"),
        ("Pt DNA'd clinic.", "DNA", "did not attend"),
        ("He is in denial.", "in denial", "sees things differently"),
        (
            "Lacks insight into his illness.",
            "lacks insight",
            "understands their experiences differently",
        ),
        ("Resistant to change.", "resistant", "has concerns about…"),
        ("Being difficult.", "difficult", "finding it hard to…"),
        ("The patient said", "patient", "the person"),
        ("Discussed the case with the team.", "case", "the person"),
        ("She committed suicide.", "committed suicide", "died by suicide"),
    ],
)
def test_deficit_and_clinical_words_are_found_with_suggestions(
    text: str, label: str, suggestion: str
) -> None:
    findings = check(text)
    assert [f.label for f in findings] == [label]
    assert suggestion in findings[0].suggestions


def test_whole_words_only_and_everyday_phrases_are_left_alone() -> None:
    # "case" inside caseload, "in case", "in any case"; "patiently"; "difficulty" in a word
    assert labels("Just in case, and in any case, we checked the caseload patiently.") == []
    assert labels("We talked about college, hope and what matters to Alex.") == []
    assert check("") == []


def test_findings_come_in_the_order_written_each_form_once() -> None:
    findings = check("Refused the walk. Was non-compliant. refused again, then Refusing.")
    assert [f.label for f in findings] == ["refused", "non-compliant"]
    assert findings[0].found == ("Refused", "Refusing")


def test_every_term_has_at_least_one_suggestion() -> None:
    assert all(term.suggestions for term in TERMS)
    assert len({term.label for term in TERMS}) == len(TERMS)
