"""Find words in a template that are not inside a translate tag.

Used by tests/i18n/test_translations.py (and by hand: ``python tests/i18n/scan.py FILE``).
Comments, ``{% translate %}`` and ``{% blocktranslate %}`` blocks, other template
tags, variables, <script> and <style> are taken out, then the tags; any letter
left over is visible text nobody marked. Visible attributes (aria-label, title,
placeholder, alt) are checked the same way.
"""

import re
import sys

COMMENT = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}", re.S)
BLOCK_TRANSLATE = re.compile(
    r"\{%\s*blocktrans(?:late)?\b.*?%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
VISIBLE_ATTRIBUTE = re.compile(r"""\b(aria-label|title|placeholder|alt)=("[^"]*"|'[^']*')""")
TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")
LETTERS = re.compile(r"[A-Za-z]{2,}")


def _blank(match: re.Match) -> str:
    """Keep line numbers: replace a match with its newlines only."""
    return "\n" * match.group(0).count("\n")


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line number, text) for each run of visible words outside a translate tag."""
    text = COMMENT.sub(_blank, source)
    text = BLOCK_TRANSLATE.sub(_blank, text)
    attributes = []
    for match in VISIBLE_ATTRIBUTE.finditer(text):
        value = TEMPLATE_SYNTAX.sub("", match.group(2)[1:-1])
        if LETTERS.search(value):
            attributes.append((text.count("\n", 0, match.start()) + 1, match.group(0)))
    text = TEMPLATE_SYNTAX.sub(_blank, text)
    text = SCRIPT_STYLE.sub(_blank, text)
    text = TAG.sub(lambda m: " " + _blank(m), text)
    text = ENTITY.sub(" ", text)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if LETTERS.search(line):
            found.append((number, line.strip()))
    return sorted(found + attributes)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path) as f:
            for number, words in untranslated(f.read()):
                print(f"{path}:{number}: {words}")
