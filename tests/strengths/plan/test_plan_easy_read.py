"""Easy read follows easy-read conventions around the person's own words, which stay as written."""

import re
from pathlib import Path

import pytest
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse

from strengths.plan.actions import save_section

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[3] / "static" / "css" / "site.css"
OWN_WORDS = (
    "Erin's words: I  like the allotment, \"early\" & <quiet>.\nSome days are hard; that's OK."
)


@pytest.fixture
def written(person, worker, plan_section):
    save_section(
        worker,
        person,
        plan_section,
        heading=plan_section.heading,
        text=OWN_WORDS,
        based_on_version=plan_section.version,
    )
    return plan_section


def _lines(body):
    block = body[body.index('class="easy-read-lines') :]
    block = block[: block.index("</ul>")]
    return re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)


@pytest.mark.parametrize("side", ["person", "worker"])
def test_one_short_idea_per_line_each_with_a_decorative_icon(
    side, person_client, worker_client, person, written
):
    if side == "person":
        body = person_client.get(reverse("me_plan_easy_read")).content.decode()
    else:
        body = worker_client.get(reverse("plan_easy_read", args=[person.pk])).content.decode()
    lines = _lines(body)
    assert len(lines) >= 4
    for line in lines:
        assert re.search(r'<span class="easy-read-icon" aria-hidden="true">', line), line
        words = re.sub(r"<[^>]+>", " ", line).split()
        assert len(words) <= 16, line  # short: the icon plus one short sentence
        assert re.sub(r"<[^>]+>", "", line).strip().count(". ") == 0, line  # one sentence


def test_key_words_are_explained(person_client, written):
    body = person_client.get(reverse("me_plan_easy_read")).content.decode()
    assert "Words to know" in body
    for word in ("Recovery", "Plan", "Worker", "Agree"):
        assert re.search(rf"<dt[^>]*>[^<]*{word}", body), word


def test_the_persons_own_words_stay_exactly_as_written(person_client, written):
    body = person_client.get(reverse("me_plan_easy_read")).content.decode()
    assert linebreaks_filter(OWN_WORDS) in body


def test_easy_read_text_is_large():
    css = CSS.read_text()
    rule = re.search(r"\.easy-read \{([^}]*)\}", css).group(1)
    size = float(re.search(r"font-size:\s*([\d.]+)rem", rule).group(1))
    assert size >= 1.25
    assert ".easy-read-icon" in css
