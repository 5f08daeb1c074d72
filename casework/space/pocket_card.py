"""The person's staying-well pocket card: their plan's staying-well section, on cards to print.

Credit-card-sized blocks (early signs, what helps, who to call, numbers out of
hours) to cut out and keep in a wallet or phone case. The blocks come from the
labels people already write in the section ("Early signs: ..."); a line with
no label we know stays in its place under "In my words", so nothing the person
wrote is left off the card. Person only: staff get 404 (``get_own_person``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import render

from casework import access
from casework.access import get_own_person
from casework.crisis.lines import lines_for, team_for
from casework.space.help_now import crisis_people, staying_well_section

EARLY_SIGNS = "Early signs"
WHAT_HELPS = "What helps"
WHO_TO_CALL = "Who to call"
IN_MY_WORDS = "In my words"

# What people write before a colon, in lower case, and the block it belongs to.
LABELS = {
    "early signs": EARLY_SIGNS,
    "my early signs": EARLY_SIGNS,
    "early warning signs": EARLY_SIGNS,
    "my early warning signs": EARLY_SIGNS,
    "warning signs": EARLY_SIGNS,
    "signs": EARLY_SIGNS,
    "what i do": WHAT_HELPS,
    "what i can do": WHAT_HELPS,
    "what i do to stay well": WHAT_HELPS,
    "what helps": WHAT_HELPS,
    "what helps me": WHAT_HELPS,
    "things that help": WHAT_HELPS,
    "what others can do": WHAT_HELPS,
    "what others can do that helps": WHAT_HELPS,
    "places that help": WHAT_HELPS,
    "who to contact": WHO_TO_CALL,
    "who to contact, and how": WHO_TO_CALL,
    "who to call": WHO_TO_CALL,
    "who i call": WHO_TO_CALL,
}

# Labels that say more than their block's title, so they stay at the start of the line.
KEEP_LABEL = {
    "what i do",
    "what i can do",
    "what i do to stay well",
    "what others can do",
    "what others can do that helps",
    "places that help",
}


@dataclass
class Block:
    title: str
    lines: list[str] = field(default_factory=list)


def card_blocks(text: str) -> list[Block]:
    """The section's words as blocks in card order; every non-empty line is kept."""
    blocks = {title: Block(title) for title in (IN_MY_WORDS, EARLY_SIGNS, WHAT_HELPS, WHO_TO_CALL)}
    current = blocks[IN_MY_WORDS]
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        label, colon, rest = line.partition(":")
        title = LABELS.get(label.strip().lower()) if colon else None
        if title:
            current = blocks[title]
            line = rest.strip()
            if not line:
                continue
            # "What others can do: ..." keeps its label: it says more than the block's title.
            if label.strip().lower() in KEEP_LABEL:
                line = f"{label.strip()}: {line}"
        current.lines.append(line)
    order = (EARLY_SIGNS, WHAT_HELPS, WHO_TO_CALL, IN_MY_WORDS)
    return [blocks[title] for title in order]


@access.reads()
def pocket_card(request):
    person = get_own_person(request, what="your staying well pocket card")
    section = staying_well_section(person)
    text = section.text if section else ""
    return render(
        request,
        "casework/me/pocket_card.html",
        {
            "person": person,
            "section": section,
            "written": bool(text.strip()),
            "blocks": card_blocks(text),
            "people": crisis_people(person),
            "lines": lines_for(person, team_for(person)),
        },
    )
