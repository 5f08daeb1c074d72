"""Demo stories: goals, strengths, circles and setbacks, in the people's own words.

Called by ``casework.demo.people.seed_demo``. Every item is found by its text before it
is created and ratings are only added to a goal that has none, so running the
loader twice leaves one copy of everything.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from casework.demo.more_stories import DANI, EXTRA_STORIES
from strengths.models import (
    Goal,
    GoalRating,
    GoalStep,
    LifeArea,
    Setback,
    SignificantOther,
    Strength,
    Voice,
)

S = Goal.Status
I = SignificantOther.Involvement  # noqa: E741 - short alias keeps the story tables readable
K = Strength.Kind
N = Strength.NoticedBy

# Each story: goals (words, why, life area, status, horizon, [steps], [strength indexes]),
# strengths (what, life area, kind, noticed by, example),
# circle (name, relationship, kind, how they help, involvement, contact details),
# setbacks (what happened, days ago, early signs, what helped, learned, next time, [goal indexes]).
ALEX = {
    "goals": [
        (
            "I want to get back on the tools as a joiner",
            "Work gives my week a shape and I'm good at it.",
            LifeArea.WORK,
            S.WORKING_ON_IT,
            "now",
            ["Update my CV with the college course", "Ask Gary about a trial day"],
            [0],
        ),
        (
            "I want to see Mia every Saturday",
            "She's the most important person in my life.",
            LifeArea.RELATIONSHIPS,
            S.ACHIEVED,
            "now",
            ["Agree a handover time with Mia's mum"],
            [1],
        ),
        (
            "I want to keep my flat and make it feel like home",
            "Having my own door key means everything.",
            LifeArea.HOME,
            S.WORKING_ON_IT,
            "now",
            ["Set up a standing order for the rent"],
            [],
        ),
        (
            "I'd like to get my driving licence back",
            "It would open up jobs further out.",
            LifeArea.WORK,
            S.PAUSED,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Skilled joiner",
            LifeArea.WORK,
            K.SKILL,
            N.PERSON,
            "Built the shelves at the community centre in a weekend.",
        ),
        (
            "A devoted dad",
            LifeArea.RELATIONSHIPS,
            K.QUALITY,
            N.WORKER,
            "Has not missed a Saturday with Mia since the spring.",
        ),
        (
            "Honest about what's hard",
            LifeArea.STAYING_WELL,
            K.QUALITY,
            N.WORKER,
            "Rang ahead to say he was struggling rather than not turning up.",
        ),
    ],
    "circle": [
        (
            "Mia",
            "daughter",
            "person",
            "Makes me want to be my best.",
            I.KEEP_INFORMED,
            "",
        ),
        (
            "Gary",
            "old boss at the workshop",
            "person",
            "Might have work going and believes in me.",
            I.INVOLVE,
            "07700 900123",
        ),
        ("My brother Dean", "brother", "person", "", I.DO_NOT_CONTACT, "07700 900456"),
        (
            "Tuesday SMART Recovery group",
            "mutual aid group",
            "group",
            "People who get it, no judgement.",
            I.INVOLVE,
            "",
        ),
    ],
    "hopeful": "Gary says there might be a trial day in the new year.",
    "setbacks": [
        (
            "I had a drink after the argument with Dean and missed Wednesday's appointment.",
            75,
            "I'd stopped going to the group and wasn't sleeping.",
            "Ringing Sam the next day, and going back to the group.",
            "Arguments with Dean knock me off balance. I need a plan for after.",
            "Text my sponsor straight after seeing Dean, and go for a walk.",
            [1],
        ),
    ],
}

CHRIS = {
    "goals": [
        (
            "I want to have a painting in the library exhibition",
            "Painting is when I feel most like myself.",
            LifeArea.LEISURE,
            S.WORKING_ON_IT,
            "now",
            ["Finish the harbour painting", "Ask the library about the deadline"],
            [0],
        ),
        (
            "I want to get outside early most mornings",
            "Mornings set the tone for my whole day.",
            LifeArea.HEALTH,
            S.ACHIEVED,
            "now",
            ["Walk to the seafront before nine, three days a week"],
            [2],
        ),
        (
            "I'd like to volunteer at the art group one day",
            "I'd love to give back what the group gave me.",
            LifeArea.WORK,
            S.EXPLORING,
            "one_day",
            [],
            [0],
        ),
        (
            "I wanted to go back to the office job",
            "I thought I should, but it wasn't really what I wanted.",
            LifeArea.WORK,
            S.LET_GO,
            "now",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "A talented painter",
            LifeArea.LEISURE,
            K.SKILL,
            N.CIRCLE,
            "Her sister framed the seascape and hung it in her hallway.",
        ),
        (
            "Sings in the community choir",
            LifeArea.IDENTITY,
            K.INTEREST,
            N.PERSON,
            "Sang at the winter concert even though she was nervous.",
        ),
        (
            "Knows what keeps her well",
            LifeArea.STAYING_WELL,
            K.QUALITY,
            N.WORKER,
            "Spotted her own early signs in March and asked for an extra session.",
        ),
    ],
    "circle": [
        (
            "Nomsa",
            "sister",
            "person",
            "Calls every evening and comes round on Sundays.",
            I.INVOLVE,
            "07700 900789",
        ),
        (
            "Harbour Voices choir",
            "community choir",
            "group",
            "Singing together on Thursdays lifts me.",
            I.KEEP_INFORMED,
            "",
        ),
        ("My ex-partner", "former partner", "person", "", I.DO_NOT_CONTACT, "07700 900321"),
        (
            "Jade",
            "peer supporter",
            "peer",
            "Has been there and knows the way through.",
            I.NOT_DECIDED,
            "",
        ),
    ],
    "hopeful": "Choir and painting in the same week, and I managed both.",
    "setbacks": [
        (
            "The dark days came back in February and I stayed in bed for a week.",
            120,
            "I stopped painting and cancelled choir.",
            "Nomsa coming round, and an extra appointment with Priya.",
            "Winter is harder for me. Routine is my anchor.",
            "Keep the morning walk going even when I don't feel like it.",
            [1],
        ),
        (
            "I panicked at the exhibition meeting and left early.",
            30,
            "I hadn't slept well the night before.",
            "Jade texting me afterwards, and going back the next week.",
            "I can leave and still come back. It isn't the end of it.",
            "Sit near the door and take a friend.",
            [0],
        ),
    ],
}

GENERIC = [
    {
        "goals": [
            (
                "I want to pass my maths GCSE",
                "I'd be the first in my family to do it.",
                LifeArea.WORK,
                S.WORKING_ON_IT,
                "now",
                ["Go to Tuesday classes", "Do one past paper a week"],
                [0],
            ),
            (
                "I want to cook a proper meal for friends",
                "Cooking makes me feel like me.",
                LifeArea.LEISURE,
                S.ACHIEVED,
                "now",
                ["Plan the menu"],
                [1],
            ),
            (
                "I'd like to sort out my debts",
                "So the letters stop and I can sleep.",
                LifeArea.MONEY,
                S.PAUSED,
                "now",
                ["Book a Citizens Advice appointment"],
                [],
            ),
        ],
        "strengths": [
            (
                "Determined",
                LifeArea.WORK,
                K.QUALITY,
                N.WORKER,
                "Went to class every week this term.",
            ),
            (
                "A good cook",
                LifeArea.LEISURE,
                K.SKILL,
                N.PERSON,
                "Made a curry for the whole hostel.",
            ),
        ],
        "circle": [
            ("Mum", "mother", "person", "Always there on the phone.", I.INVOLVE, "07700 900111"),
            ("Old friend Kyle", "friend", "person", "", I.DO_NOT_CONTACT, "07700 900112"),
            ("Parkrun on Saturdays", "running group", "group", "Gets me out.", I.NOT_DECIDED, ""),
        ],
        "hopeful": "The first past paper went better than I feared.",
        "setbacks": [
            (
                "I lost my temper at the job centre and walked out.",
                45,
                "Not eating properly, money worries.",
                "A walk, then coming to see my worker the next day.",
                "Hunger and money stress go together for me.",
                "Eat before appointments and bring the letters with me.",
                [2],
            ),
        ],
    },
    {
        "goals": [
            (
                "I want to be a good dad to my two",
                "They deserve someone they can rely on.",
                LifeArea.RELATIONSHIPS,
                S.WORKING_ON_IT,
                "now",
                ["Go to every contact visit", "Read with them at bedtime on calls"],
                [0],
            ),
            (
                "I want to stay well through the winter",
                "Last winter was really hard.",
                LifeArea.STAYING_WELL,
                S.ACHIEVED,
                "now",
                ["Write my staying well plan"],
                [],
            ),
            (
                "One day I'd like to coach kids' football",
                "Football kept me out of trouble as a kid.",
                LifeArea.LEISURE,
                S.EXPLORING,
                "one_day",
                [],
                [1],
            ),
            (
                "I wanted to move back to my home town",
                "Things have changed and I'm settled here now.",
                LifeArea.HOME,
                S.LET_GO,
                "now",
                [],
                [],
            ),
        ],
        "strengths": [
            (
                "Loves his kids",
                LifeArea.RELATIONSHIPS,
                K.QUALITY,
                N.PERSON,
                "Saved up to take them to the zoo.",
            ),
            (
                "Former county footballer",
                LifeArea.LEISURE,
                K.SKILL,
                N.PERSON,
                "Still plays five-a-side on Thursdays.",
            ),
            (
                "His church community",
                LifeArea.IDENTITY,
                K.CULTURAL,
                N.WORKER,
                "The pastor visited every week while he was unwell.",
            ),
        ],
        "circle": [
            (
                "Pastor Joseph",
                "church",
                "person",
                "Prays with me and listens.",
                I.INVOLVE,
                "07700 900211",
            ),
            ("The kids' mum", "co-parent", "person", "", I.KEEP_INFORMED, ""),
            ("My cousin Lee", "cousin", "person", "", I.DO_NOT_CONTACT, "07700 900212"),
        ],
        "hopeful": "Read the kids a story on the phone every night this week.",
        "setbacks": [
            (
                "I missed a contact visit because I'd overslept after a bad night.",
                60,
                "Lying awake worrying about the court date.",
                "Talking to the pastor and apologising to the kids.",
                "Worry keeps me up; I need to say it out loud earlier.",
                "Set two alarms and ring someone the night before.",
                [0],
            ),
        ],
    },
    {
        "goals": [
            (
                "I want my own place with a garden",
                "Growing things calms me down.",
                LifeArea.HOME,
                S.WORKING_ON_IT,
                "now",
                ["Register with the housing association", "View the flat on Elm Road"],
                [1],
            ),
            (
                "I want to be six months free from heroin",
                "I want to be there for my mum.",
                LifeArea.HEALTH,
                S.ACHIEVED,
                "now",
                ["Keep my script appointments"],
                [0],
            ),
            (
                "I'd like to get back to art",
                "Art got me through school.",
                LifeArea.LEISURE,
                S.PAUSED,
                "one_day",
                [],
                [],
            ),
        ],
        "strengths": [
            (
                "Caring",
                LifeArea.RELATIONSHIPS,
                K.QUALITY,
                N.CIRCLE,
                "Looks after mum every evening.",
            ),
            (
                "Green fingers",
                LifeArea.LEISURE,
                K.INTEREST,
                N.PERSON,
                "Grew tomatoes on the hostel windowsill.",
            ),
        ],
        "circle": [
            ("Mum", "mother", "person", "Believes in me.", I.INVOLVE, "07700 900311"),
            ("NA Thursday group", "mutual aid", "group", "Sharing helps.", I.KEEP_INFORMED, ""),
            ("People from my old crowd", "acquaintances", "group", "", I.DO_NOT_CONTACT, ""),
            ("Sam from the hostel", "peer supporter", "peer", "Gets it.", I.INVOLVE, ""),
        ],
        "hopeful": "Six months clean and Mum cried happy tears.",
        "setbacks": [
            (
                "I used again after hearing bad news about a friend.",
                100,
                "Stopped going to the group for two weeks.",
                "Telling my worker honestly and going back to my script.",
                "Grief hits me hard. I can ask for help sooner.",
                "Ring Sam from the hostel before doing anything.",
                [1],
            ),
        ],
    },
]


# (pronouns, about me, story) for the extra demo people, one each: pronouns that fit
# the story ("Loves his kids" is a he/him story), and no story shared by two people
# unless more people are asked for than there are stories.
EXTRAS = [
    ("she/her", "I'm studying for my maths GCSE at the college on Tuesdays.", GENERIC[0]),
    ("he/him", "I'm a dad of two and I want to be someone they can rely on.", GENERIC[1]),
    ("she/her", "I'm a carer for my mum and I want her to be proud of me.", GENERIC[2]),
    *EXTRA_STORIES,
]


def extra_person(index: int) -> tuple[str, str, dict]:
    """Pronouns, "about me" and story for the ``index``-th extra demo person."""
    return EXTRAS[index % len(EXTRAS)]


def story_for(username: str | None, index: int) -> dict:
    if username == "alex":
        return ALEX
    if username == "chris":
        return CHRIS
    if username == "dani":
        return DANI
    return extra_person(index)[2]


def _days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def seed_story(person, worker, story: dict) -> None:
    """Give ``person`` their story once; a second run finds everything already there."""
    author = person.user or worker
    voice = Voice.PERSON if person.user_id else Voice.WORKER
    stamp = {"created_by": author, "created_as": voice, "updated_by": author, "updated_as": voice}
    worker_stamp = {
        "created_by": worker,
        "created_as": Voice.WORKER,
        "updated_by": worker,
        "updated_as": Voice.WORKER,
    }
    strengths = [
        Strength.objects.get_or_create(
            person=person,
            description=what,
            defaults={
                "life_area": area,
                "kind": kind,
                "noticed_by": noticed,
                "example": example,
                "created_at": _days_ago(170 - 25 * i),
                # What a worker noticed, the worker wrote down.
                **(worker_stamp if noticed == N.WORKER else stamp),
            },
        )[0]
        for i, (what, area, kind, noticed, example) in enumerate(story["strengths"])
    ]
    members = [
        SignificantOther.objects.get_or_create(
            person=person,
            name=name,
            defaults={
                "relationship": relationship,
                "kind": kind,
                "how_they_help": how,
                "involvement": involvement,
                "contact_details": contact,
                # Someone they are close to and involve: who they would call in a crisis.
                "call_in_crisis": involvement == I.INVOLVE and kind == "person",
                "involvement_set_by": author,
                "involvement_set_as": voice,
                "involvement_set_at": _days_ago(150),
                "created_at": _days_ago(150),
                **stamp,
            },
        )[0]
        for name, relationship, kind, how, involvement, contact in story["circle"]
    ]
    goals = []
    for i, (words, why, area, status, horizon, steps, strength_ix) in enumerate(story["goals"]):
        created = _days_ago(180 - 20 * i)
        goal, created_now = Goal.objects.get_or_create(
            person=person,
            in_their_words=words,
            defaults={
                "why_it_matters": why,
                "life_area": area,
                "status": status,
                "horizon": horizon,
                "created_at": created,
                "achieved_at": created + datetime.timedelta(days=100)
                if status == S.ACHIEVED
                else None,
                **stamp,
            },
        )
        if created_now:
            goal.strengths.set([strengths[ix] for ix in strength_ix])
        _seed_steps(goal, steps, created, members, worker, stamp)
        # Only the first goal's ratings carry a comment, in the person's words.
        _seed_ratings(goal, person, worker, created, story.get("hopeful", "") if i == 0 else "")
        goals.append(goal)
    for what, days, signs, helped, learned, next_time, goal_ix in story["setbacks"]:
        setback, created_now = Setback.objects.get_or_create(
            person=person,
            what_happened=what,
            defaults={
                "happened_on": timezone.localdate() - datetime.timedelta(days=days),
                "early_signs": signs,
                "what_helped": helped,
                "what_was_learned": learned,
                "next_time": next_time,
                "created_at": _days_ago(days - 2),
                **stamp,
            },
        )
        if created_now:
            setback.goals.set([goals[ix] for ix in goal_ix if ix < len(goals)])


def _seed_steps(goal, steps, created, members, worker, stamp):
    for i, what in enumerate(steps):
        done = goal.status == S.ACHIEVED or i == 0
        GoalStep.objects.get_or_create(
            goal=goal,
            what=what,
            defaults={
                "who": GoalStep.Who.PERSON,
                "status": GoalStep.Status.DONE if done else GoalStep.Status.IN_PROGRESS,
                "done_at": created + datetime.timedelta(days=30 + 10 * i) if done else None,
                "created_at": created + datetime.timedelta(days=3),
                **stamp,
            },
        )


def _seed_ratings(goal, person, worker, created, comment=""):
    if goal.status not in (S.WORKING_ON_IT, S.ACHIEVED) or goal.ratings.exists():
        return
    rng = random.Random(f"{person.full_name}:{goal.in_their_words}")  # noqa: S311
    person_score, worker_score = rng.randint(3, 5), rng.randint(3, 5)
    ratings = []
    for month in range(6):
        at = created + datetime.timedelta(days=7 + 28 * month)
        if at > timezone.now():
            break
        person_score = min(10, max(1, person_score + rng.choice([-1, 0, 1, 1, 2])))
        worker_score = min(10, max(1, worker_score + rng.choice([-1, 0, 1, 1])))
        ratings.append(
            GoalRating(
                goal=goal,
                voice=Voice.PERSON,
                score=person_score,
                rated_by=person.user or worker,
                at=at,
                comment=comment if month == 3 else "",
            )
        )
        ratings.append(
            GoalRating(
                goal=goal,
                voice=Voice.WORKER,
                score=worker_score,
                rated_by=worker,
                at=at + datetime.timedelta(hours=1),
            )
        )
    GoalRating.objects.bulk_create(ratings)
