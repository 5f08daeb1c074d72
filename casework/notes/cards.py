"""The session timeline's cards: each note's link, date and words, made ready for the template.

The Sessions page of a record shows 20 notes a page. Written as ``{% url %}``,
``|date``, ``|truncatechars`` and three ``{% blocktranslate %}`` a note, the list
took about half of the page's time (docs/performance.md, round 6). The sentences
here come from the same catalogue entries (the msgids the template had), so the
Welsh catalogue still covers them; the template places them and owns every tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from casework.common.prepared import Dates, Links, shortened
from casework.models import SessionNote

TALKED_ABOUT_SHOWN = 200
OTHER_WORDS_SHOWN = 160


@dataclass
class NoteCard:
    """What one note's card says; ``""`` means the part is not shown."""

    url: str
    when: str
    how: str  # how we met, for how long, written by whom
    addenda: str
    corrections: str
    withheld_reason: str  # lower case, for "not shared: ..."
    talked_about: str
    going_well: str
    person_view: str


def note_cards(notes) -> list[NoteCard]:
    """A card for each of ``notes`` (rows of ``actions.timeline``)."""
    link, dates = Links(), Dates()
    return [_card(note, link, dates) for note in notes]


def _card(note: SessionNote, link: Links, dates: Dates) -> NoteCard:
    addenda, corrections = note.addenda_count, note.open_corrections
    return NoteCard(
        url=link("note_detail", note.person_id, note.pk),
        when=dates.moment(note.happened_at),
        how=gettext("%(how)s, %(duration_minutes)s minutes · written by %(author)s")
        % {
            "how": note.get_how_display(),
            "duration_minutes": note.duration_minutes,
            "author": note.author.display_name(),
        },
        addenda=(
            ngettext("· %(counter)s addendum", "· %(counter)s addenda", addenda)
            % {"counter": addenda}
            if addenda
            else ""
        ),
        corrections=(
            ngettext(
                "%(counter)s correction request to answer",
                "%(counter)s correction requests to answer",
                corrections,
            )
            % {"counter": corrections}
            if corrections
            else ""
        ),
        withheld_reason=note.get_withheld_reason_display().lower() if note.is_withheld else "",
        talked_about=shortened(note.talked_about, TALKED_ABOUT_SHOWN),
        going_well=shortened(note.going_well, OTHER_WORDS_SHOWN),
        person_view=shortened(note.person_view, OTHER_WORDS_SHOWN),
    )
