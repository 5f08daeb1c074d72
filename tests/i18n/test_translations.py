"""The Welsh catalogue covers every page a person sees, and the committed .mo is current.

Three checks, run by ``make test`` (so CI fails on a missing translation):

* the catalogue compiles (``msgfmt --check``) and the committed ``django.mo`` holds
  exactly the translations of ``django.po`` (run ``make messages`` after editing);
* every entry whose source is a person-facing file is translated and not fuzzy;
* no person-facing template has visible words outside a translate tag
  (tests/i18n/scan.py), so a new sentence cannot slip in unmarked.

``PERSON_FACING`` is the one list of person-facing files: a path ending in "/"
is a folder (everything under it). Staff pages are marked for translation too,
but their Welsh may wait: they are not in this list.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.i18n.scan import untranslated

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

PERSON_FACING = [
    # Every page's frame, the shared includes and the sign-in pages
    "templates/base.html",
    "templates/includes/",
    "templates/registration/",
    "templates/account/",
    # The person's space, their download, their goals, strengths, circle and setbacks
    "templates/casework/me/",
    "templates/strengths/me/",
    # Includes the person's pages share with staff pages
    "templates/casework/appointments/_summary.html",
    "templates/casework/includes/note_edited.html",
    "templates/casework/includes/peer_choice_history.html",
    "templates/casework/appointments/_history.html",
    "templates/casework/appointments/calendar_link.html",
    # The person's reminders
    "templates/casework/reminders/my_reminders.html",
    "templates/casework/reminders/my_sent.html",
    "templates/casework/reminders/_sent_list.html",
    # The plan, as the person reads it
    "templates/strengths/plan.html",
    "templates/strengths/plan_not_started.html",
    "templates/strengths/_plan_status.html",
    "templates/strengths/_section_body.html",
    "templates/strengths/_answer_by.html",
    "templates/strengths/_revision_name.html",
    "templates/strengths/plan_agree.html",
    "templates/strengths/plan_see_differently.html",
    "templates/strengths/plan_section_edit.html",
    "templates/strengths/plan_difference_resolve.html",
    "templates/strengths/plan_print.html",
    "templates/strengths/live/",
    # What is sent to the person
    "templates/casework/email/appointment_reminder.txt",
    "templates/casework/email/appointment_reminder_sms.txt",
    "templates/casework/email/message.html",
    # The person's alerts, profile, goal and plan-section history, easy-read plan,
    # plan conflict and change of worker (pages under /me/ and their includes)
    "templates/casework/alerts/my_alerts.html",
    "templates/casework/alerts/_my_alert.html",
    "templates/casework/alerts/respond.html",
    "templates/casework/people/_profile.html",
    "templates/casework/people/_profile_form.html",
    "templates/casework/people/_profile_history.html",
    "templates/strengths/goal_history.html",
    "templates/strengths/plan_section_history.html",
    "templates/strengths/plan_revision_restore.html",
    "templates/strengths/plan_easy_read.html",
    "templates/strengths/plan_conflict.html",
    "templates/strengths/_plan_assets.html",
    "templates/casework/handover/_handover.html",
    "templates/casework/handover/_summary.html",
    # The person's side in Python: their space, the crisis lines, their messages
    "casework/space/",
    "casework/crisis/lines.py",
    "casework/export/record.py",
    "casework/templatetags/record.py",
    "casework/appointments/me_views.py",
    "strengths/story/views/mine.py",
    # The forms the person fills in (their goals, strengths, circle, setbacks, rating;
    # their view of a note, corrections, session feedback; asking to rearrange; the
    # check-in; replying to an alert), with the models their labels, choices and
    # messages come from
    "strengths/story/forms.py",
    "strengths/story/models.py",
    "strengths/story/kinds.py",
    "casework/notes/forms.py",
    "casework/notes/models.py",
    "casework/notes/feedback_models.py",
    "casework/appointments/forms.py",
    "casework/appointments/models.py",
    "casework/accounts/forms.py",
    "casework/checkins/models.py",
    "casework/alerts/forms.py",
    "casework/alerts/models.py",
    # The person's profile form, plan section forms and peer sharing choices
    "casework/people/forms.py",
    "casework/people/models.py",
    "strengths/plan/forms.py",
    "strengths/plan/models.py",
    "casework/peer/forms.py",
    "casework/peer/models.py",
    # What each person who can see the record may do, in plain words (who can see)
    "casework/access.py",
]


def is_person_facing(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in PERSON_FACING)


def person_facing_templates() -> list[Path]:
    found = []
    for entry in PERSON_FACING:
        if not entry.startswith("templates/"):
            continue
        path = ROOT / entry
        found += sorted(path.rglob("*.*")) if entry.endswith("/") else [path]
    return found


def test_every_listed_path_exists():
    missing = [p for p in PERSON_FACING if not (ROOT / p).exists()]
    assert not missing, f"PERSON_FACING names paths that are not there: {missing}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_the_catalogue_compiles():
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def _translations(catalogue) -> dict:
    """(context, msgid, plural) -> translation, for what gettext would use (not fuzzy)."""
    found = {}
    for entry in catalogue:
        if not entry.msgid or getattr(entry, "obsolete", False) or "fuzzy" in entry.flags:
            continue
        text = entry.msgstr or tuple(v for _, v in sorted(entry.msgstr_plural.items()))
        if text and all(text):
            found[(entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")] = text
    return found


def test_the_committed_mo_matches_the_po():
    written = _translations(polib.pofile(str(CATALOGUE)))
    compiled = _translations(polib.mofile(str(COMPILED)))
    assert written == compiled, (
        "locale/cy/LC_MESSAGES/django.mo is out of date: run `make messages` and commit it"
    )


def test_every_person_facing_entry_is_translated():
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [
        f"{entry.msgid!r} ({', '.join(path for path, _ in entry.occurrences)})"
        for entry in catalogue
        if not entry.obsolete
        and (not entry.translated() or "fuzzy" in entry.flags)
        and any(is_person_facing(path) for path, _ in entry.occurrences)
    ]
    assert not missing, (
        "Translate these into Welsh in " + str(CATALOGUE) + ":\n" + "\n".join(missing)
    )


SOURCES = ("manage.py", "casework", "strengths", "recovery_practice", "templates", "locale")


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext's xgettext is not installed")
def test_the_catalogue_holds_every_marked_person_facing_string(tmp_path):
    """A string marked in a person-facing file but never added to the catalogue shows in
    English on a Welsh page: extract the messages again, in a copy, and compare."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "cy", "--add-location=file"],
        cwd=tmp_path,
        env={**os.environ, "DEBUG": "1"},
        check=True,
        capture_output=True,
    )
    committed = _translations(polib.pofile(str(CATALOGUE)))
    fresh = polib.pofile(str(tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    missing = [
        f"{entry.msgid!r} ({', '.join(path for path, _ in entry.occurrences)})"
        for entry in fresh
        if not entry.obsolete
        and any(is_person_facing(path) for path, _ in entry.occurrences)
        and (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "") not in committed
    ]
    assert not missing, "Run `make messages`, then translate these into Welsh:\n" + "\n".join(
        missing
    )


def test_the_scan_finds_unmarked_words():
    assert untranslated("<p>{% translate 'Hello' %}</p>") == []
    assert untranslated("<p>{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}</p>") == []
    assert untranslated("<p>{{ note.text }}</p>{# a comment #}") == []
    assert untranslated("<p>Hello</p>") == [(1, "Hello")]
    assert untranslated('<nav aria-label="Pages">') == [(1, 'aria-label="Pages"')]
    assert untranslated("<nav aria-label=\"{% translate 'Pages' %}\">") == []


@pytest.mark.parametrize(
    "template", person_facing_templates(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_person_facing_templates_have_no_unmarked_words(template):
    assert untranslated(template.read_text()) == []


# --- Lookups without empty fallbacks (casework/common/translation.py) ------------------------


def _msgids(language):
    """Every message id (singular and plural keys) in ``language``'s merged catalogue."""
    from django.utils.translation import trans_real

    catalog = trans_real.translation(language)._catalog  # not iterable itself: keys()
    return [key for key in catalog.keys() if key != ""]  # noqa: SIM118


def test_no_empty_catalogue_is_left_in_a_fallback_chain():
    from django.utils.translation import trans_real

    from casework.common.translation import _is_empty

    for language in ("en-gb", "cy"):
        node = trans_real.translation(language)._fallback
        while node is not None:
            assert not _is_empty(node), language
            node = node._fallback


def test_every_lookup_answers_as_the_full_chain_does():
    """The pruned translation and a newly built one (all six empty ``en`` catalogues still
    chained) give the same answer for every known string, a plural, and an unknown one."""
    from django.utils.translation import trans_real

    from casework.common.translation import _is_empty

    for language in ("en-gb", "cy"):
        pruned = trans_real.translation(language)
        full = trans_real.DjangoTranslation(language)
        if language == "en-gb":
            chain, node = 0, full._fallback
            while node is not None:
                chain += _is_empty(node)
                node = node._fallback
            assert chain >= 1  # the comparison is with the chain the pruning removes
        known = {*_msgids("en-gb"), *_msgids("cy")}  # Welsh falls back to English
        singular = [m for m in known if isinstance(m, str)]
        plural = {m[0] for m in known if isinstance(m, tuple)}
        assert singular and plural
        for msgid in [*singular, "A sentence nobody has translated."]:
            assert pruned.gettext(msgid) == full.gettext(msgid), msgid
        for msgid in [*plural, "An untranslated thing"]:
            for n in (0, 1, 2, 3, 6, 11):
                assert pruned.ngettext(msgid, msgid + "s", n) == full.ngettext(
                    msgid, msgid + "s", n
                ), (msgid, n)
