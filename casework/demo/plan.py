"""Demo recovery plans, written the way people and workers really write them together.

Called from ``casework.demo.people.seed_demo``. Idempotent: a plan that already has
any history is left as it is. Everything goes through the plan's action
functions, so the demo history is exactly what the app would have recorded.
"""

import datetime

from django.utils import timezone

from casework.models import Person, User
from strengths.plan import actions
from strengths.plan.models import PlanAgreement, PlanSection, PlanSectionRevision

K = PlanSection.Key

# (section, who writes: "person" or "worker", text). Later lines for the same
# section make new versions of it.
ALEX = [
    (K.ABOUT, "worker", "Alex is a joiner by trade. His daughter Mia matters more than anything."),
    (
        K.ABOUT,
        "person",
        "I'm a joiner by trade and proud of it. Mia is the most important person in my life.",
    ),
    (
        K.ABOUT,
        "worker",
        "I'm a joiner by trade and proud of it. Mia is the most important person in my life.\n"
        "Keeping my flat and seeing Mia every Saturday are what I'm building towards.",
    ),
    (K.STRENGTHS, "person", "I turn up. I'm good with my hands and I don't give up on a job."),
    (
        K.STAYING_WELL,
        "worker",
        "Early signs: sleeping badly, skipping meals, not answering the phone.",
    ),
    (
        K.STAYING_WELL,
        "person",
        "My early signs: I stop sleeping, I skip meals and I let the phone ring.\n"
        "What I do: get out to the workshop, ring my brother, go to the Tuesday group.\n"
        "What others can do: Sam can text me if I miss an appointment. No lectures, just ask.\n"
        "Who to contact: my brother Dan, Sam, the 24-hour line on the fridge.\n"
        "Places that help: the community workshop, the park by the canal.",
    ),
    (
        K.HARD_TIMES,
        "person",
        "Last winter I slipped after losing the job. What helped was Dan staying over and "
        "getting back to the workshop. I learned to ask sooner.",
    ),
    (
        K.AGREED,
        "worker",
        "Alex will ask the workshop about two days a week. Sam will chase the housing "
        "repair. We meet again in three weeks.",
    ),
]

CHRIS = [
    (
        K.ABOUT,
        "person",
        "I paint the sea and I sing with the community choir. I want my week to have a shape.",
    ),
    (
        K.STAYING_WELL,
        "worker",
        "Chris said early mornings outside help. Her sister Ruth is the first person she calls.",
    ),
    (
        K.STAYING_WELL,
        "person",
        "Early signs: I stop opening the curtains and the painting stays in its box.\n"
        "What I do: walk to the harbour before nine, even for ten minutes.\n"
        "What others can do: Ruth can come round with a coffee. Please don't ring after 8pm.\n"
        "Who to contact: Ruth, Priya, the crisis line if it gets very dark.",
    ),
    (
        K.HARD_TIMES,
        "worker",
        "In the spring, a hard fortnight eased once choir started again and Ruth stayed over.",
    ),
    (
        K.AGREED,
        "worker",
        "Chris will try the Wednesday art group. Priya will ask about the gym pass.",
    ),
]

EXTRA = [
    [(K.ABOUT, "worker", "{name} wants to feel settled and steady by the summer.")],
    [
        (K.ABOUT, "worker", "{name} wants to learn something new this year."),
        (K.AGREED, "worker", "We will look at courses together next time, as {name} asked."),
        (K.AGREED, "worker", "We looked at courses. {name} will visit the college open day."),
    ],
    [
        (K.STRENGTHS, "worker", "{name} is patient and kind with other people."),
        (K.STAYING_WELL, "worker", "A morning routine keeps {name} steady."),
    ],
]


def _write(plan, person, script, voices, name=""):
    sections = {s.key: s for s in plan.sections.all()}
    for key, voice, text in script:
        section = sections[key]
        section.refresh_from_db()
        actions.save_section(
            voices[voice],
            person,
            section,
            heading=section.heading,
            text=text.format(name=name),
            based_on_version=section.version,
        )


def _review_in(plan, person, user, days):
    today = timezone.localdate()
    actions.set_review_date(user, person, plan, today + datetime.timedelta(days=days))


def _has_history(plan) -> bool:
    return PlanSectionRevision.objects.filter(section__plan=plan).exists()


def seed_plan_for_alex(person, sam):
    plan = actions.get_or_create_plan(person)
    if _has_history(plan):
        return
    _write(plan, person, ALEX, {"person": person.user, "worker": sam})
    _review_in(plan, person, sam, 42)
    ready = actions.mark_ready_to_agree(sam, person, plan)
    actions.record_agreement(person.user, person, ready, answer=PlanAgreement.Answer.AGREE)


def seed_plan_for_chris(person, priya):
    plan = actions.get_or_create_plan(person)
    if _has_history(plan):
        return
    _write(plan, person, CHRIS, {"person": person.user, "worker": priya})
    _review_in(plan, person, priya, -5)
    ready = actions.mark_ready_to_agree(priya, person, plan)
    actions.record_agreement(
        priya,
        person,
        ready,
        answer=PlanAgreement.Answer.COULD_NOT_ANSWER,
        detail="Chris was tired after a long week and wants to read it at home with Ruth first.",
    )
    hard_times = plan.sections.get(key=K.HARD_TIMES)
    actions.see_differently(
        person.user,
        person,
        hard_times,
        wording="It wasn't only choir. Painting again every day is what turned it round for me.",
    )


def seed_plans(*, alex: Person, sam: User, chris: Person, priya: User, others):
    """Plans for every demo person: ``others`` is a list of (person, their worker)."""
    seed_plan_for_alex(alex, sam)
    seed_plan_for_chris(chris, priya)
    for i, (person, worker) in enumerate(others):
        plan = actions.get_or_create_plan(person)
        if _has_history(plan):
            continue
        script = EXTRA[i % len(EXTRA)]
        _write(plan, person, script, {"worker": worker}, name=person.preferred_name)
        _review_in(plan, person, worker, [-10, 7, 30, 60][i % 4])
