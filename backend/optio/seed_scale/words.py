"""The words of scale data: names, quest and task texts, evidence, headlines and bios.

Everything is drawn from a `random.Random` the caller seeds, so a seed gives the same words.
Texts are assembled from short phrase lists: varied enough to look like real use at the lengths
real use has (quest descriptions ~240 characters, evidence 100-300), cheap enough for 500k rows.
"""

from __future__ import annotations

import random


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    """A word list written compactly: `text` split at `sep` (whitespace by default)."""
    return tuple(part.strip() for part in text.split(sep))


FIRST_NAMES = _split(
    "Maya Liam Ava Noah Zoe Ethan Aria Lucas Nora Mateo Ivy Elijah Luna Omar Chloe Kai Amara"
    " Felix Hana Diego Leila Theo Ruby Malik Sofia Jonah Priya Owen Isla Hugo Mei Caleb Esme"
    " Ravi Clara Tariq Lena Andre Yara Miles Nia Soren Iris Dante Willa Amir Greta Jude Talia"
)
LAST_NAMES = _split(
    "Chen Okafor Garcia Novak Patel Rossi Kim Haddad Silva Jensen Moreau Tanaka Adeyemi Kowalski"
    " Nguyen Schmidt Alvarez Ibrahim Larsen Costa Murphy Sato Mensah Dubois Fischer Reyes Ortiz"
    " Khan Bauer Walsh Lindqvist Mwangi Park Romero Hughes Varga Santos Abbott Quinn Ferreira"
)

# What a quest is about, by the pillar most of its tasks serve.
SUBJECTS = {
    "stem_logic": _split(
        "a weather station / a budget spreadsheet / a simple video game / a bridge model"
        " / a robot arm / probability puzzles / a solar oven / a water filter / a website"
        " / a bird-count survey / a circuit board / a rocket launch / a data dashboard",
        "/",
    ),
    "life_wellness": _split(
        "a 5K run / a week of family dinners / a sleep routine / a first-aid kit"
        " / a garden bed / a savings plan / a strength routine / a meal-prep system"
        " / a bike repair / a mindfulness habit / a camping trip / a job interview",
        "/",
    ),
    "language_communication": _split(
        "a podcast episode / a persuasive speech / a short story / a newsletter"
        " / a debate case / a conversation in Spanish / a book review / a how-to video"
        " / a letter to a representative / a poetry reading / an interview series",
        "/",
    ),
    "society_culture": _split(
        "a family history / a neighborhood map / a museum visit / a food drive"
        " / a local election guide / an oral history / a cultural festival / a park cleanup"
        " / a timeline of your town / a mock trial / a community survey / a heritage recipe",
        "/",
    ),
    "arts_creativity": _split(
        "a four-page comic / a mural sketch / a short film / a song / a clay sculpture"
        " / a photo essay / a stop-motion clip / a costume / a zine / a board game"
        " / a garden sculpture / a piano piece / a poster series",
        "/",
    ),
}
VERBS = ("Build", "Plan", "Create", "Design", "Launch", "Make", "Produce", "Organize")
LEVELS = ("", " for beginners", ": the next step", " from scratch", " with a friend")

QUEST_OPENINGS = (
    "Take on {subject} from the first idea to something you can show.",
    "This quest walks you through {subject}, one practical step at a time.",
    "Turn curiosity into a finished project: {subject} that real people can see.",
    "Start small and finish strong with {subject} built on your own terms.",
)
QUEST_MIDDLES = (
    " Set yourself a goal, then work in short sessions and keep a record of each one.",
    " You will need no special equipment, just time, patience and a place to keep notes.",
    " Find someone who has done it before and ask what they wish they had known.",
)
QUEST_CLOSINGS = (
    " You will plan, test and improve as you go, and end with evidence you are proud of.",
    " Along the way you will learn how people who do this for a living approach the work.",
    " Expect to make mistakes early; the point is to notice them and do better next time.",
    " When you are done, share what you made and what you would change if you started over.",
)

TASK_STEPS = _split(
    "Research how others have done it / Write down your goal / Sketch a first plan"
    " / Gather what you need / Build a rough first version / Test it with someone"
    " / Note what went wrong / Improve the weakest part / Make a final version"
    " / Share it with an audience / Reflect on what you learned / Teach one step to a friend"
    " / Set a schedule and keep it / Compare two approaches / Record your progress",
    "/",
)
TASK_DETAILS = (
    "Spend at least an hour on it and keep notes you can point to later.",
    "Describe what you did in a few sentences, with a photo or link if you have one.",
    "Ask someone for honest feedback and write down one thing you will change.",
    "Keep it simple: a clear small result beats an unfinished big one.",
)

EVIDENCE_SENTENCES = (
    "I spent about two hours on this over the weekend and finished a first version.",
    "The hardest part was getting started, but once I had a plan it went quickly.",
    "My sister tested it and found two problems I had not noticed at all.",
    "I changed the layout after the first try because it was confusing to read.",
    "I used a library book and two online guides to check my approach.",
    "Next time I would start earlier and leave more time for the final polish.",
    "I wrote down every step so I could explain it to my class afterwards.",
    "It did not work the first time; the second attempt was much better.",
    "I am proud of how it turned out, even if the ending feels a bit rushed.",
    "My mentor suggested a simpler method, which saved me a lot of time.",
    "I recorded my progress every day in a notebook and photographed each stage.",
    "Sharing it with my friends was scary, but they asked good questions.",
    "I learned that planning ahead matters more than working fast.",
    "The results surprised me: my first guess was wrong by almost half.",
)
LINK_SITES = (
    "https://docs.google.com/document/d/{token}/edit",
    "https://youtu.be/{token}",
    "https://github.com/optio-student/{token}",
    "https://drive.google.com/file/d/{token}/view",
    "https://padlet.com/optio/{token}",
)
HEADLINES = (
    "Curious builder who finishes what she starts",
    "Learning by making things, one quest at a time",
    "Future engineer, current tinkerer",
    "Writer, runner and weekend cook",
    "I like hard problems and good stories",
    "Making my community a little better every month",
)
BIO_SENTENCES = (
    "I started on Optio to prove to myself that I could finish projects.",
    "My favorite quests are the ones where I build something with my hands.",
    "I am homeschooled and use quests to show what I learn outside of books.",
    "Ask me about the podcast I recorded with my grandfather.",
    "I want to study design, and these quests are my portfolio.",
    "When I am not questing I am usually outside on my bike.",
)
# Most team-up requests come without a message.
TEAM_MESSAGES = ("", "", "", "Want to do this one together?", "Let's team up!", "Need a partner?")


def quest_title(rng: random.Random, subject: str) -> str:
    return f"{rng.choice(VERBS)} {subject}{rng.choice(LEVELS)}"


def quest_description(rng: random.Random, subject: str) -> str:
    """Three sentences, about 230 characters."""
    opening = rng.choice(QUEST_OPENINGS).format(subject=subject)
    return opening + rng.choice(QUEST_MIDDLES) + rng.choice(QUEST_CLOSINGS)


def task_steps(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct task titles, each with a description."""
    return [(step, rng.choice(TASK_DETAILS)) for step in rng.sample(TASK_STEPS, count)]


def evidence_texts(rng: random.Random, count: int) -> list[str]:
    """`count` evidence texts of two to four sentences (about 100 to 300 characters)."""
    return [" ".join(rng.sample(EVIDENCE_SENTENCES, rng.randint(2, 4))) for _ in range(count)]


def evidence_link(rng: random.Random) -> str:
    return rng.choice(LINK_SITES).format(token=f"{rng.getrandbits(64):016x}")


def headline(rng: random.Random) -> str:
    return rng.choice(HEADLINES)


def bio(rng: random.Random) -> str:
    return " ".join(rng.sample(BIO_SENTENCES, rng.randint(2, 3)))
