"""Language suggestions: gentle, person-first, and careful about false positives."""

import pytest

from casework.notes.language import TERMS, count_suggestions, find_suggestions, parse_keys


def keys(text):
    return [s.key for s in find_suggestions(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("He is an offender.", "offender"),
        ("Offenders group on Tuesday", "offender"),
        ("OFFENDER", "offender"),
        ("Known addict", "addict"),
        ("the addicts at the hostel", "addict"),
        ("called himself a junkie", "junkie"),
        ("a heroin user in the past", "drug_user"),
        ("Drug users' forum", "drug_user"),
        ("She was non-compliant", "non_compliant"),
        ("non compliance with the order", "non_compliant"),
        ("He refused to come", "refused"),
        ("Refuses medication", "refused"),
        ("a refusal", "refused"),
        ("Service user refused the appointment", "service_user_refused"),
        ("quite manipulative", "manipulative"),
        ("attention-seeking behaviour", "attention_seeking"),
        ("attention seeking", "attention_seeking"),
        ("He is a schizophrenic.", "schizophrenic"),
        ("schizophrenics need", "schizophrenic"),
        ("suffers from depression", "suffers_from"),
        ("Suffering from anxiety", "suffers_from"),
        ("tested clean on Monday", "clean_dirty"),
        ("a dirty sample", "clean_dirty"),
        ("has been clean for six weeks", "clean_dirty"),
        ("frequent flyer at A&E", "frequent_flyer"),
        ("failed to engage with the group", "failed_to_engage"),
    ],
)
def test_labelling_words_get_a_suggestion(text, key):
    assert key in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "refusedly",  # not a word boundary
        "unrefused",
        "offending behaviour work",  # describes acts, not identity (documented)
        "addiction services",
        "She lives with schizophrenia",
        "a schizophrenic episode",  # adjective, not a noun
        "the service user group",
        "set up a user account",
        "kept the flat clean and tidy",
        "a clean start",
        "dirty dishes",
        "the suffering was real",
        "Alex chose not to come and said why",
        "",
    ],
)
def test_ordinary_words_are_left_alone(text):
    assert keys(text) == []


def test_longer_phrase_wins_over_the_word_inside_it():
    assert keys("The service user refused.") == ["service_user_refused"]


def test_one_suggestion_per_term_with_the_words_found():
    found = find_suggestions("Offender. offenders again.", "suffers from")
    assert [s.key for s in found] == ["offender", "suffers_from"]
    assert found[0].found == "Offender"
    assert all(s.alternative and s.reason for s in found)


def test_every_term_has_an_alternative_and_a_one_line_reason():
    for term in TERMS:
        assert term.alternative and term.reason and "\n" not in term.reason


def test_counting_shown_and_acted_on():
    # "refused" suggested while typing and then reworded; "offender" still there at save.
    assert count_suggestions({"refused", "offender"}, {"offender"}) == (2, 1)
    # Nothing suggested while typing (no JavaScript): shown on save, none acted on.
    assert count_suggestions(set(), {"addict"}) == (1, 0)
    assert count_suggestions(set(), set()) == (0, 0)


def test_unknown_keys_from_the_browser_are_dropped():
    assert parse_keys("refused,<script>,offender, ,nonsense") == {"refused", "offender"}
