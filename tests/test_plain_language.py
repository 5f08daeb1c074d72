"""No labelling words in anything a person reads: templates, demo data, messages.

The language-suggestion word list (``casework/language.py``) is exempt: it is
where those words are named so that we can offer alternatives.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELS = [
    r"offenders?",
    r"addicts?",
    r"junkies?",
    r"non-?compliant",
    r"non-?compliance",
    r"manipulative",
    r"attention[- ]seeking",
    r"suffers? from",
    r"service users? refused",
    r"an? schizophrenic",
    r"the mentally ill",
    r"clients?",
]
# The language checker lists the words to avoid; the benchmark's "clients" are HTTP clients.
EXEMPT = {"casework/notes/language.py", "casework/demo/benchmark.py"}
# Everything a person reads: templates, and the demo data and factories (one package).
SOURCES = [
    *sorted((ROOT / "templates").rglob("*.html")),
    *sorted((ROOT / "templates").rglob("*.txt")),
    *sorted((ROOT / "casework" / "demo").glob("*.py")),
]
PATTERN = re.compile(r"\b(" + "|".join(LABELS) + r")\b", re.IGNORECASE)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_labelling_words(path):
    if str(path.relative_to(ROOT)) in EXEMPT:
        return
    hits = [
        f"{path.relative_to(ROOT)}:{n}: {m.group(0)!r}"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        for m in PATTERN.finditer(line)
    ]
    assert not hits, "Use person-first words instead:\n" + "\n".join(hits)


def test_the_scan_catches_a_label():
    assert PATTERN.search("He is a known Offender.")
    assert not PATTERN.search("Offending-free for a year, a person who offended before.")
