"""Demo session notes: respectful, hopeful, person-first, in British English.

Written for the demo only. ``{name}`` is the person's preferred name.
"""

TALKED_ABOUT = [
    "{name} told me about the week. The job centre appointment went better than expected "
    "and {name} felt the adviser listened. We talked about what makes appointments easier: "
    "going early, writing questions down first.",
    "We met at the café near the park, {name}'s choice. We looked at the plan together and "
    "{name} wants to put 'getting back to football' higher up. We talked about the Sunday "
    "league and what would help with the first session.",
    "{name} said the last fortnight has been hard: sleep has been broken and money is tight. "
    "We talked through what helped last time things felt like this, and {name} decided to "
    "ring the GP and to use the food bank voucher.",
    "A short phone call. {name} wanted to let me know the tenancy meeting is moved to "
    "Thursday. We agreed I would join by phone if {name} wants me to.",
    "We spent most of the session on {name}'s CV. {name} has more experience than the old "
    "CV showed: caring for a relative, running the allotment rota, two years in a kitchen.",
    "{name} talked about a difficult conversation with family at the weekend, and how it "
    "was handled calmly. We talked about what {name} did differently this time.",
    "Home visit. The flat is coming together; {name} showed me the shelves put up last "
    "week. We talked about the gas bill and set up the payment plan together on the phone.",
    "We talked about the group on Wednesdays. {name} has been twice and is unsure about "
    "going back. We talked about what felt uncomfortable and what {name} liked.",
    "Video call. {name} had a setback at the weekend and wanted to talk it through. We "
    "looked at the early signs {name} noticed, and at what helped on Sunday: phoning a "
    "friend and going for a long walk.",
    "{name} brought a letter from the college: the maths course starts in January. We "
    "talked about travel and about how {name} feels about being in a classroom again.",
    "We reviewed how things have gone since the summer. {name} said the biggest change is "
    "feeling more in charge of the week. We talked about what {name} wants next.",
    "Message exchange. {name} asked to move our meeting because of a shift at the bike "
    "workshop. We found a new time that works.",
    "{name} talked about missing the last two appointments and said why: a new shift "
    "pattern and a dead phone. We agreed a reminder text the day before would help.",
    "We met with the housing officer. {name} explained what is needed from a new place in "
    "{name}'s own words, and the officer agreed to look at ground-floor flats.",
]

GOING_WELL = [
    "{name} has had three weeks of getting up at the same time each morning.",
    "{name} went to the Sunday football session and enjoyed it.",
    "{name}'s payment plan for the gas bill is in place.",
    "{name} has kept in touch with family every week.",
    "{name} did two shifts this week as a volunteer, and was asked back.",
    "{name} handled a tense moment at home calmly and was proud of it.",
    "{name} is feeling more settled at home.",
    "{name} enrolled on the maths course.",
    "",
    "{name} says sleep is better since the new routine.",
    "{name} spoke up at the group and said it felt good to be heard.",
]

NEXT_STEPS = [
    "{name} to ring the GP surgery on Monday about sleep. I will send the college "
    "details by Wednesday.",
    "I will check with the housing officer about ground-floor flats by Friday. {name} to "
    "bring the tenancy letter next time.",
    "{name} to try the Wednesday group once more and tell me how it felt.",
    "{name} to update the CV with the kitchen work; we will look at two job adverts next time.",
    "I will set up a reminder text the day before each appointment, as {name} asked.",
    "{name} will write down three things that went well this week to bring next time.",
    "No new actions: {name} wants to keep going with what is working.",
]

WITHHELD = [
    (
        "someone_else",
        "{name}'s brother's health came up; details are his to share, not ours.",
        "Holds details of a family member's health.",
    ),
    (
        "legal",
        "Information from the court about another case, not {name}'s, that we cannot share yet.",
        "Court order restricts sharing until the hearing.",
    ),
    (
        "serious_harm",
        "A concern raised by a third party about {name}'s safety, being checked carefully.",
        "Shared with the person once the safety check is complete.",
    ),
]

ADDENDA = [
    "To add: {name} rang afterwards to say the appointment time is 10:30, not 10:00.",
    "Correction: {name}'s college course starts on the 8th of January, not the 6th.",
    "To add: {name} asked me to note that the missed session was because of a shift "
    "change, agreed in advance with the manager.",
]

# The person's own view on a note, for the people who sign in; each in their own words.
PERSON_VIEWS = {
    "alex": [
        "I felt listened to today. It helped to write the plan down in my own words.",
        "I'd say it was a better week than this makes it sound. Seeing Mia really helped.",
    ],
    "chris": [
        "Priya got it right, though I was more tired than I let on.",
        "A better fortnight than it reads. The harbour walks are doing me good.",
    ],
}
