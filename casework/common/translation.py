"""Translation lookups without empty fallbacks (docs/performance.md, "Translation lookups").

Django builds one translation per language from every installed app's catalogues.
Python's ``gettext`` finds an ``en`` catalogue beside each app's ``en_GB`` one and
chains it as a fallback: six of them here, every one empty (Django's and the
contrib apps' ``en`` catalogues translate nothing). Every ``{% translate %}`` of
a string with no translation (every English page's strings) walked all six,
two dictionary lookups each, before giving the string back: about a fifth of a
list page's translation time.

``drop_empty_fallbacks`` unlinks the fallbacks whose catalogue holds nothing but
its header. A lookup then answers exactly as before: an empty catalogue can only
pass the lookup on to the next fallback, or give the string back when there is none.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import trans_real


def _is_empty(translation) -> bool:
    catalog = getattr(translation, "_catalog", None)
    if catalog is None or isinstance(translation, trans_real.DjangoTranslation):
        return False  # a language's own merged translation is never dropped
    return all(key == "" for key in catalog)  # "" is the catalogue's header


def drop_empty_fallbacks(language: str) -> int:
    """Unlink empty catalogues from ``language``'s fallback chain; how many went."""
    dropped = 0
    node = trans_real.translation(language)
    while node is not None:
        following = getattr(node, "_fallback", None)
        while following is not None and _is_empty(following):
            following = getattr(following, "_fallback", None)
            dropped += 1
        if following is not getattr(node, "_fallback", None):
            node._fallback = following
        node = following
    return dropped


def drop_empty_fallbacks_everywhere() -> None:
    """For every language the service offers (called once a process, from ``ready``)."""
    if not settings.USE_I18N:
        return
    for language, _name in settings.LANGUAGES:
        drop_empty_fallbacks(language)
