"""More demo stories, so each of the default demo people has a story of their own.

Each is (pronouns, about me, story); the story has the shape described in
``casework.demo.story``. Pronouns fit the story: "I'm a dad of two" is he/him.
No line here appears in any other demo person's record (tests/casework/demo/test_demo_words.py).
"""

from strengths.models import Goal, LifeArea, SignificantOther, Strength

S = Goal.Status
I = SignificantOther.Involvement  # noqa: E741 - short alias keeps the tables readable
K = Strength.Kind
N = Strength.NoticedBy
A = LifeArea

COOK = {
    "goals": [
        (
            "I want a job in a proper kitchen",
            "I come alive at the stove.",
            A.WORK,
            S.WORKING_ON_IT,
            "now",
            ["Get my food hygiene certificate", "Ask the café on Mill Street about shifts"],
            [0],
        ),
        (
            "I'd like to host Sunday dinner for my nan",
            "She fed me for years; my turn now.",
            A.RELATIONSHIPS,
            S.ACHIEVED,
            "now",
            [],
            [1],
        ),
        (
            "I wanted to open my own food van",
            "Too much debt risk right now; maybe later.",
            A.MONEY,
            S.PAUSED,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Calm under pressure in a busy kitchen",
            A.WORK,
            K.SKILL,
            N.WORKER,
            "Ran the soup kitchen hatch alone when the volunteer was off.",
        ),
        (
            "Remembers how everyone takes their tea",
            A.RELATIONSHIPS,
            K.QUALITY,
            N.CIRCLE,
            "Nan says the hostel never had better brews.",
        ),
    ],
    "circle": [
        (
            "Nan",
            "grandmother",
            "person",
            "Rings me every Sunday after church.",
            I.INVOLVE,
            "07700 900401",
        ),
        (
            "Mill Street café",
            "possible employer",
            "group",
            "Let me help out on a Saturday.",
            I.NOT_DECIDED,
            "",
        ),
        ("Cousin Dean", "cousin", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I walked out of a trial shift when the head chef shouted.",
            70,
            "Skipping breakfast and snapping at people all week.",
            "Going back the next day to apologise.",
            "Shouting takes me straight back to being a kid.",
            "Tell a new boss early that I work better when spoken to calmly.",
            [0],
        ),
    ],
    "hopeful": "Getting the certificate made it feel real.",
}

FOOTBALL = {
    "goals": [
        (
            "I want to get my FA coaching badge",
            "Football kept me on the straight and narrow.",
            A.LEISURE,
            S.WORKING_ON_IT,
            "now",
            ["Apply for the Level 1 course"],
            [0],
        ),
        (
            "I want to pay off the council tax arrears",
            "One less brown envelope.",
            A.MONEY,
            S.ACHIEVED,
            "now",
            ["Set up the monthly payment"],
            [],
        ),
        (
            "I wanted to move back in with my ex",
            "We are better apart, and that is fine.",
            A.RELATIONSHIPS,
            S.LET_GO,
            "now",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Patient with the under-tens",
            A.LEISURE,
            K.QUALITY,
            N.CIRCLE,
            "The club secretary asked him to help every Saturday.",
        ),
        (
            "Keeps his word",
            A.IDENTITY,
            K.QUALITY,
            N.WORKER,
            "Turned up to every appointment through a hard winter.",
        ),
    ],
    "circle": [
        (
            "Coach Dev",
            "club coach",
            "person",
            "Picks me up for training on Wednesdays.",
            I.INVOLVE,
            "07700 900402",
        ),
        ("Brother Kieran", "brother", "person", "", I.KEEP_INFORMED, ""),
        ("The lads from the Crown", "old friends", "group", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I got a red card and a ban after a row with a referee.",
            85,
            "Not sleeping before the match and drinking the night before.",
            "Dev sat me down and we talked it through.",
            "When I'm tired my temper is shorter.",
            "No drink the night before a game, and walk away from the ref.",
            [0],
        ),
    ],
    "hopeful": "The club wants me back on the touchline.",
}

ENGINES = {
    "goals": [
        (
            "I want an apprenticeship at a garage",
            "I can hear what's wrong with an engine.",
            A.WORK,
            S.WORKING_ON_IT,
            "now",
            ["Visit Hartley's garage on the ring road"],
            [0],
        ),
        (
            "I want to pass my driving test",
            "So I can get to work without three buses.",
            A.HOME,
            S.ACHIEVED,
            "now",
            ["Book a theory test"],
            [],
        ),
        (
            "I wanted to buy a motorbike",
            "The insurance costs more than the bike.",
            A.MONEY,
            S.PAUSED,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Can strip and rebuild a carburettor",
            A.WORK,
            K.SKILL,
            N.PERSON,
            "Got the neighbour's moped going again in an afternoon.",
        ),
        (
            "Steady with money",
            A.MONEY,
            K.QUALITY,
            N.WORKER,
            "Saved for the theory test out of his first wages.",
        ),
    ],
    "circle": [
        (
            "Uncle Tony",
            "uncle",
            "person",
            "Lets me use his lock-up to work on bikes.",
            I.INVOLVE,
            "07700 900403",
        ),
        ("Probation reporting centre", "service", "group", "", I.KEEP_INFORMED, ""),
        ("My stepdad", "stepfather", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I missed probation because the bus broke down and I panicked.",
            50,
            "Leaving everything until the last minute.",
            "Ringing my officer straight away, even late.",
            "A phone call fixes more than hiding does.",
            "Leave an hour early and keep her number saved.",
            [1],
        ),
    ],
    "hopeful": "Hartley's said to come back in the spring.",
}

FAITH = {
    "goals": [
        (
            "I want to help run the church food pantry",
            "Giving back keeps me grounded.",
            A.IDENTITY,
            S.ACHIEVED,
            "now",
            ["Do the Thursday sorting shift"],
            [0],
        ),
        (
            "I'd like to mend things with my son",
            "I missed too much of Marcus growing up.",
            A.RELATIONSHIPS,
            S.WORKING_ON_IT,
            "now",
            ["Write him a letter", "Meet for a coffee"],
            [1],
        ),
        (
            "I wanted to move back to Birmingham",
            "My church family is here now.",
            A.HOME,
            S.LET_GO,
            "now",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Her faith",
            A.IDENTITY,
            K.CULTURAL,
            N.PERSON,
            "Prayer at six every morning gives her day a start.",
        ),
        (
            "Honest about the past",
            A.RELATIONSHIPS,
            K.QUALITY,
            N.WORKER,
            "Told her son the truth about the years away.",
        ),
    ],
    "circle": [
        (
            "Reverend Grace",
            "minister",
            "person",
            "Sits with me when the nights are long.",
            I.INVOLVE,
            "07700 900404",
        ),
        ("My son Marcus", "son", "person", "", I.NOT_DECIDED, ""),
        ("My ex-husband", "ex-partner", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "Marcus did not come to the café and I went back to bed for two days.",
            40,
            "Not answering the door to anyone.",
            "Reverend Grace came round with soup and sat with me.",
            "Hope and disappointment both hit hard; I need people near.",
            "Plan something for the day after a big meeting.",
            [1],
        ),
    ],
    "hopeful": "Marcus wrote back. Short, but he wrote.",
}

SONGS = {
    "goals": [
        (
            "I want to play an open mic night",
            "My songs say what I can't say out loud.",
            A.LEISURE,
            S.ACHIEVED,
            "now",
            ["Learn three songs all the way through"],
            [0],
        ),
        (
            "I want to stay out of hospital this year",
            "Last admission cost me my flat.",
            A.HEALTH,
            S.WORKING_ON_IT,
            "now",
            ["Keep my clinic appointments"],
            [1],
        ),
        (
            "I wanted a record deal by thirty",
            "Music is for me now, not for fame.",
            A.LEISURE,
            S.LET_GO,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Writes honest lyrics",
            A.LEISURE,
            K.SKILL,
            N.CIRCLE,
            "The drop-in group asked them to play at the summer fair.",
        ),
        (
            "Notices when the voices get louder",
            A.HEALTH,
            K.QUALITY,
            N.WORKER,
            "Rang the team early in June instead of waiting.",
        ),
    ],
    "circle": [
        (
            "Jaz from the music project",
            "friend",
            "person",
            "Lends me a guitar and listens.",
            I.INVOLVE,
            "07700 900405",
        ),
        ("Community mental health team", "service", "group", "", I.KEEP_INFORMED, ""),
        ("People from the squat", "acquaintances", "group", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I stopped my tablets because they dulled the music.",
            110,
            "Writing all night and not eating.",
            "Talking to the doctor about a different dose.",
            "I can ask for changes instead of stopping.",
            "Write down what the tablets do and take it to clinic.",
            [1],
        ),
    ],
    "hopeful": "Played one song to the group and my hands didn't shake.",
}

OWN_PLACE = {
    "goals": [
        (
            "I want my flat to feel like mine",
            "I've lived out of bags for three years.",
            A.HOME,
            S.WORKING_ON_IT,
            "now",
            ["Paint the bedroom", "Get a second-hand sofa"],
            [0],
        ),
        (
            "I'd like to volunteer at the animal shelter",
            "Animals don't judge.",
            A.WORK,
            S.ACHIEVED,
            "now",
            [],
            [1],
        ),
        (
            "I wanted my old flat back",
            "It has been let to someone else; time to move on.",
            A.HOME,
            S.LET_GO,
            "now",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Good at making a little go a long way",
            A.MONEY,
            K.SKILL,
            N.WORKER,
            "Furnished the kitchen from the reuse shop for forty pounds.",
        ),
        (
            "Gentle with animals",
            A.LEISURE,
            K.INTEREST,
            N.PERSON,
            "Feeds the next-door cat when they work nights.",
        ),
    ],
    "circle": [
        (
            "Auntie Pat",
            "aunt",
            "person",
            "Helped me carry everything up four flights.",
            I.INVOLVE,
            "07700 900406",
        ),
        ("Tenancy support officer", "housing", "person", "Sorts the repairs.", I.KEEP_INFORMED, ""),
        ("My ex, Jordan", "ex-partner", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I let the old crowd stay over and nearly lost the tenancy.",
            95,
            "Saying yes to everyone so I wasn't on my own.",
            "The tenancy officer gave me a second chance and a plan.",
            "Being lonely makes me say yes to the wrong people.",
            "Ring Auntie Pat when the flat feels too quiet.",
            [0],
        ),
    ],
    "hopeful": "Slept right through in my own bed for the first time.",
}

DOG = {
    "goals": [
        (
            "I want to stay sober for Biscuit's sake",
            "Biscuit needs walking whatever the weather.",
            A.HEALTH,
            S.WORKING_ON_IT,
            "now",
            ["Go to the Monday SMART meeting"],
            [0],
        ),
        (
            "I'd like to train as a dog walker",
            "It's the part of the day I love.",
            A.WORK,
            S.EXPLORING,
            "one_day",
            ["Ask the vet about a first aid course"],
            [1],
        ),
        (
            "I want Biscuit registered with a vet",
            "Biscuit is family.",
            A.HOME,
            S.ACHIEVED,
            "now",
            [],
            [],
        ),
        (
            "I wanted a second dog",
            "One is plenty for the flat.",
            A.HOME,
            S.LET_GO,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Up at six every day for the dog",
            A.HOME,
            K.QUALITY,
            N.PERSON,
            "Has not missed a morning walk since March.",
        ),
        (
            "Friendly with everyone in the park",
            A.RELATIONSHIPS,
            K.QUALITY,
            N.CIRCLE,
            "The park café gives Biscuit a biscuit every morning.",
        ),
    ],
    "circle": [
        ("Mo from SMART Recovery", "peer", "peer", "Texts me on Friday nights.", I.INVOLVE, ""),
        (
            "Neighbour Jean",
            "neighbour",
            "person",
            "Has Biscuit when I'm away.",
            I.INVOLVE,
            "07700 900407",
        ),
        ("Drinking mates from the Anchor", "old friends", "group", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I drank after the funeral and Jean had to have Biscuit for the night.",
            130,
            "Going quiet and not answering Mo.",
            "Mo came to the door and we walked the dog together.",
            "Grief is a trigger; so is being alone on Friday nights.",
            "Plan Friday nights with someone, every week.",
            [0],
        ),
    ],
    "hopeful": "Four months sober and Biscuit is fatter for it.",
}

BIKES = {
    "goals": [
        (
            "I want to run the bike workshop on Saturdays",
            "I'm good at teaching, it turns out.",
            A.WORK,
            S.WORKING_ON_IT,
            "now",
            ["Shadow Ray on the Saturday shift"],
            [0],
        ),
        (
            "I want to cycle the coast path with my brother",
            "We used to ride everywhere as kids.",
            A.RELATIONSHIPS,
            S.EXPLORING,
            "one_day",
            [],
            [1],
        ),
        (
            "I want a bike I can ride to work",
            "No more bus fares.",
            A.MONEY,
            S.ACHIEVED,
            "now",
            [],
            [],
        ),
        (
            "I wanted to race in the club time trial",
            "My knee says no for now.",
            A.HEALTH,
            S.PAUSED,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Explains repairs so anyone can follow",
            A.WORK,
            K.SKILL,
            N.CIRCLE,
            "Taught a whole family to fix a puncture in one session.",
        ),
        (
            "Keeps at it",
            A.IDENTITY,
            K.QUALITY,
            N.WORKER,
            "Came back to the workshop after a bad month.",
        ),
    ],
    "circle": [
        (
            "Ray at the bike workshop",
            "volunteer lead",
            "person",
            "Trusts me with the keys.",
            I.INVOLVE,
            "07700 900408",
        ),
        ("My brother Olly", "brother", "person", "", I.KEEP_INFORMED, ""),
        ("My landlord's son", "neighbour", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I didn't go to the workshop for a month after losing my benefits.",
            60,
            "Staying in bed until the afternoon.",
            "Ray rang and asked me to fix one bike, just one.",
            "Small jobs get me moving when big ones feel impossible.",
            "Say yes to one small job when I feel stuck.",
            [0],
        ),
    ],
    "hopeful": "Ray left me in charge for an hour.",
}

ART = {
    "goals": [
        (
            "I want to put three paintings in the library show",
            "Art is how I make sense of things.",
            A.LEISURE,
            S.WORKING_ON_IT,
            "now",
            ["Finish the canal painting"],
            [0],
        ),
        (
            "I'd like to go back to college part time",
            "I left at sixteen and regret it.",
            A.WORK,
            S.PAUSED,
            "one_day",
            [],
            [],
        ),
        (
            "I want to sell a painting",
            "Proof that someone wants my work.",
            A.MONEY,
            S.ACHIEVED,
            "now",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "A sharp eye for colour",
            A.LEISURE,
            K.SKILL,
            N.PERSON,
            "Mixed the exact blue of the canal at dusk.",
        ),
        (
            "Brave about trying new things",
            A.IDENTITY,
            K.QUALITY,
            N.WORKER,
            "Signed up for the life drawing class on her own.",
        ),
    ],
    "circle": [
        (
            "Best friend Tasha",
            "friend",
            "person",
            "Comes to every exhibition.",
            I.INVOLVE,
            "07700 900409",
        ),
        ("Life drawing class", "art group", "group", "Makes my Wednesdays.", I.NOT_DECIDED, ""),
        ("My father", "father", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I tore up a painting and stopped going to the class.",
            75,
            "Telling myself the work was rubbish.",
            "Tasha took me to see other people's first paintings.",
            "The critic in my head is loudest when I'm tired.",
            "Sleep on it before deciding a painting is a failure.",
            [0],
        ),
    ],
    "hopeful": "The library said yes to two pieces.",
}

CLIMBING = {
    "goals": [
        (
            "I want to lead a climb at the wall",
            "Climbing needs all of me, so worries go quiet.",
            A.LEISURE,
            S.WORKING_ON_IT,
            "now",
            ["Do the lead climbing course"],
            [0],
        ),
        (
            "I want to finish my community order without a breach",
            "Then it's behind me.",
            A.STAYING_WELL,
            S.WORKING_ON_IT,
            "now",
            ["Put every unpaid work shift in my phone"],
            [1],
        ),
        (
            "I want to volunteer every Friday at the food bank",
            "It keeps my week anchored.",
            A.WORK,
            S.ACHIEVED,
            "now",
            [],
            [],
        ),
        (
            "I wanted to climb in Spain this year",
            "Rent comes first; Spain can wait.",
            A.LEISURE,
            S.PAUSED,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Organised the food bank's Friday rota",
            A.WORK,
            K.SKILL,
            N.CIRCLE,
            "The food bank manager says Fridays run smoothly now.",
        ),
        (
            "Trusts a rope partner and is trusted back",
            A.RELATIONSHIPS,
            K.QUALITY,
            N.PERSON,
            "Belays for newcomers at the Tuesday session.",
        ),
    ],
    "circle": [
        (
            "Ash from the climbing wall",
            "friend",
            "person",
            "Climbs with me every Tuesday.",
            I.INVOLVE,
            "07700 900410",
        ),
        ("Food bank manager", "volunteer manager", "person", "", I.KEEP_INFORMED, ""),
        ("Someone from the old case", "acquaintance", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I nearly missed an unpaid work shift after a night out.",
            35,
            "Saying I'll sort it later.",
            "Ash drove me there at seven in the morning.",
            "Late nights before early shifts don't mix for me.",
            "No nights out before a shift day.",
            [1],
        ),
    ],
    "hopeful": "Halfway through the hours, no warnings.",
}

# (pronouns, about me, story): one for each default extra person, in order.
EXTRA_STORIES = [
    ("she/her", "I love cooking for people. It's when I feel most like myself.", COOK),
    (
        "he/him",
        "I used to play football for the county and I'd like to coach kids one day.",
        FOOTBALL,
    ),
    ("he/him", "I'm good with engines and I want to get back into work at a garage.", ENGINES),
    ("she/her", "My faith matters to me and my church has stood by me.", FAITH),
    ("they/them", "I write songs when things get loud in my head. It helps.", SONGS),
    ("they/them", "I'm getting my own place sorted and want it to feel like home.", OWN_PLACE),
    ("he/him", "Walking my dog every morning keeps me steady.", DOG),
    ("he/him", "I like fixing bikes and I help out at the community bike shop.", BIKES),
    ("she/her", "Art got me through school and I'd like to make it part of my life again.", ART),
]

DANI = CLIMBING

# Jamie (they/them), handed over from jo to sam in the demo (issue 21).
JAMIE = {
    "goals": [
        (
            "I want to start a catering course at the college in September",
            "Cooking for the Thursday group is the best part of my week.",
            A.WORK,
            S.WORKING_ON_IT,
            "now",
            ["Ring the college about the open evening", "Ask Bev for a reference"],
            [0],
        ),
        (
            "I wanted to keep my flat for a whole year",
            "Having a door I can lock is new for me.",
            A.HOME,
            S.ACHIEVED,
            "now",
            [],
            [],
        ),
        (
            "I'd like to learn to drive one day",
            "Lessons cost too much this year; the course comes first.",
            A.LEISURE,
            S.PAUSED,
            "one_day",
            [],
            [],
        ),
    ],
    "strengths": [
        (
            "Plans a meal for thirty on a budget of forty pounds",
            A.WORK,
            K.SKILL,
            N.WORKER,
            "The Thursday group ate well every week through the winter.",
        ),
        (
            "Turns up early to set the tables",
            A.RELATIONSHIPS,
            K.QUALITY,
            N.CIRCLE,
            "Bev says the hall is ready before anyone else arrives.",
        ),
    ],
    "circle": [
        (
            "Bev",
            "runs the Thursday group",
            "person",
            "Gave me the keys to the kitchen after a month.",
            I.INVOLVE,
            "07700 900488",
        ),
        ("My stepdad", "family", "person", "", I.DO_NOT_CONTACT, ""),
    ],
    "setbacks": [
        (
            "I missed two Thursdays when the new housing officer cancelled on me twice.",
            40,
            "Leaving the post unopened and sleeping in late.",
            "A text from Bev asking where the onions were.",
            "Plans changing at the last minute knock me off course.",
            "Ask for a text the day before, and keep one thing in the week that is mine.",
            [1],
        ),
    ],
    "hopeful": "The college sent me the course list and I read it twice.",
}
