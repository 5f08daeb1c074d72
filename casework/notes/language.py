"""Gentle suggestions when a note uses labelling or stigmatising words.

The word list is data: add a ``Term`` to ``TERMS`` to teach the app a new one.
Suggestions never block saving. Matching is case-insensitive and respects word
boundaries ("refusedly" is not "refused"; "Offenders" is "offenders").

Decisions (see docs/decisions/0002-language-suggestions.md):

* "offending" and "offending behaviour" are not flagged: they describe what
  someone did, not who they are. "Offender" is flagged.
* "user" alone is not flagged ("service user" is the sector's term and "user"
  has everyday meanings); "drug user", "heroin user" and the like are.
* "clean" and "dirty" are flagged only next to a test word or a verb of testing
  ("tested clean", "dirty sample", "been clean for"), never "a clean flat".
* "schizophrenic" is flagged only as a noun ("a schizophrenic", "schizophrenics"),
  not in "schizophrenic episode".
* Where one match sits inside another ("service user refused" contains
  "refused"), only the longer one is suggested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    pattern: str
    alternative: str
    reason: str


@dataclass(frozen=True)
class Suggestion:
    key: str
    found: str
    alternative: str
    reason: str


_NOUN_END = r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:and|or|who|but|with|is|was|has)\b)"

TERMS: tuple[Term, ...] = (
    Term(
        "offender",
        r"\boffenders?\b",
        "the person, or their name",
        "A label about the past can make change harder to believe in.",
    ),
    Term(
        "addict",
        r"\baddicts?\b",
        "person who uses drugs (or alcohol)",
        "Person-first words describe what someone does, not who they are.",
    ),
    Term(
        "junkie",
        r"\bjunk(?:ie|y|ies)\b",
        "person who uses drugs",
        "This word is a slur and shames the person it describes.",
    ),
    Term(
        "drug_user",
        r"\b(?:drug|heroin|crack|cocaine|substance|iv)\s+users?\b",
        "person who uses drugs",
        "Person-first words describe what someone does, not who they are.",
    ),
    Term(
        "non_compliant",
        r"\bnon[-\s]?complian(?:t|ce)\b",
        "did not attend, and said why (if they did)",
        "Describing what happened, and their reasons, is fairer than a verdict.",
    ),
    Term(
        "service_user_refused",
        r"\bservice\s+users?\s+refus(?:ed|es|ing)\b",
        "their name, and that they chose not to or declined",
        "Use their name; saying they made a choice respects their say in their care.",
    ),
    Term(
        "refused",
        r"\brefus(?:ed|es|ing|al)\b",
        "chose not to, or declined",
        "People have a right to say no; 'refused' frames a choice as defiance.",
    ),
    Term(
        "manipulative",
        r"\bmanipulative\b",
        "describe what they did and what they might have needed",
        "A judgement of character hides the need behind the behaviour.",
    ),
    Term(
        "attention_seeking",
        r"\battention[-\s]seeking\b",
        "seeking support, or asking for help",
        "Reaching out is usually a sign that someone needs connection.",
    ),
    Term(
        "schizophrenic",
        r"\bschizophrenics\b|\b(?:a|an|the)\s+schizophrenic\b" + _NOUN_END,
        "person who lives with schizophrenia",
        "A person is more than a diagnosis.",
    ),
    Term(
        "suffers_from",
        r"\bsuffer(?:s|ed|ing)?\s+from\b",
        "lives with, or experiences",
        "Not everyone experiences their condition as suffering.",
    ),
    Term(
        "clean_dirty",
        r"\b(?:clean|dirty)\s+(?:drug\s+)?(?:tests?|samples?|urines?|screens?|results?)\b"
        r"|\b(?:tested|testing|came\s+back|stayed|staying)\s+(?:clean|dirty)\b"
        r"|\bbeen\s+clean\s+(?:for|since)\b",
        "negative or positive test; not using",
        "'Dirty' implies the person is dirty; plain test words avoid shame.",
    ),
    Term(
        "frequent_flyer",
        r"\bfrequent\s+fl(?:y|i)ers?\b",
        "someone who often needs support at the moment",
        "It turns someone's need into a joke.",
    ),
    Term(
        "failed_to_engage",
        r"\bfail(?:ed|s|ing)?\s+to\s+engage\b",
        "has not yet found support that works for them; did not attend",
        "Engagement is shared work; the service may need to change too.",
    ),
)

_COMPILED = tuple((term, re.compile(term.pattern, re.IGNORECASE)) for term in TERMS)
TERM_KEYS = frozenset(term.key for term in TERMS)


def find_suggestions(*texts: str) -> list[Suggestion]:
    """One suggestion per term found in any of ``texts``, in the order they appear."""
    found: dict[str, Suggestion] = {}
    for text in texts:
        if not text:
            continue
        matches = []
        for term, regex in _COMPILED:
            matches.extend(
                (m.start(), -(m.end() - m.start()), m, term) for m in regex.finditer(text)
            )
        matches.sort(key=lambda item: (item[0], item[1]))
        covered_to = -1
        for start, _, match, term in matches:
            if start < covered_to:
                continue  # inside a longer match already suggested
            covered_to = match.end()
            if term.key not in found:
                found[term.key] = Suggestion(
                    term.key, match.group(0), term.alternative, term.reason
                )
    return list(found.values())


def suggested_keys(*texts: str) -> set[str]:
    return {s.key for s in find_suggestions(*texts)}


def parse_keys(raw: str | Iterable[str]) -> set[str]:
    """Keys sent back by the browser (a hidden field); anything unknown is dropped."""
    items = raw.split(",") if isinstance(raw, str) else raw
    return {item.strip() for item in items if item.strip() in TERM_KEYS}


def count_suggestions(while_drafting: set[str], at_save: set[str]) -> tuple[int, int]:
    """(shown, acted on) for one note.

    Shown: every term suggested while writing or on the saved note. Acted on: a
    term suggested while writing that is no longer in the text when it is saved.
    """
    return len(while_drafting | at_save), len(while_drafting - at_save)
