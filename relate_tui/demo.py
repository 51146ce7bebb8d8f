"""A small, believable sample journal for ``relate demo``, screenshots and tests.

Everything is placed relative to the clock's today, so the queue always shows every
group: someone overdue, someone due today, a birthday this week, a promise, and so on.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from relate_tui.domain.clock import Clock
from relate_tui.domain.ids import new_id
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.domain.promises import KEPT, Promise
from relate_tui.journal import Journal

# name, nickname, org, role, rhythm, tags, added days ago, about
_PEOPLE = [
    ("Ana Lima", "", "Datalab", "ML lead", "A", ("work", "ml"), 400,
     "Two kids (Leo, 7; Maya, 4). Giving a talk on ML ethics in spring."),
    ("Bruno Costa", "", "", "Freelance designer", "1y", ("friends",), 900,
     "Moved to Lisbon in 2025. Into bouldering."),
    ("Carla Nguyen", "", "Northwind", "CTO", "2m", ("work", "mentor"), 300,
     "Mentor since the XYZ project. Prefers email over calls."),
    ("Dan Okafor", "", "", "", "2m", ("community",), 0,
     "Works on packaging tools; wants to start a local Python meetup."),
    ("Eve Martin", "Evie", "", "Sister-in-law", "B", ("family",), 1200,
     "Training for the Berlin marathon."),
    ("Finn Schmidt", "", "Acme", "Staff engineer", "3w", ("work",), 200,
     "Former teammate. Thinking about leaving Acme."),
    ("Gus Alvarez", "", "", "Neighbour", "2w", ("friends",), 500,
     "Lends tools, always up for a beer on Fridays."),
    ("Hana Sato", "", "Kyoto University", "PhD student", "1m", ("research",), 48,
     "Researching [bold]graph[/] databases; asked for intros in industry."),
    ("Jürgen Weiß", "Jogi", "", "Old flatmate", "C", ("friends",), 2000,
     "Runs a bakery in Freiburg now."),
    ("Priya Raman", "", "Seedcamp", "Investor", "D", ("work",), 700,
     "Met at Web Summit. Interested in local-first tools."),
]  # fmt: skip

# person index, days ago, hour, kind, body, gave, asked
_NOTES = [
    (0, 12, 10, "call", "Talked about her **ML ethics** talk.\n\nShe wants examples from "
     "our old project at XYZ — send the paper on dataset audits.", False, False),
    (0, 40, 13, "coffee", "Coffee near her office. Leo started school.", False, False),
    (0, 75, 18, "event", "Met at the ML meetup; she introduced me to Hana.", False, True),
    (1, 390, 19, "meal", "Dinner before his move to Lisbon.", False, False),
    (2, 30, 9, "video", "Asked her advice on the team reorg.", False, True),
    (2, 3, 16, "email", "Sent her the hiring rubric she asked about.", True, False),
    (4, 20, 20, "call", "Marathon training going well — race is in April.", False, False),
    (5, 9, 12, "meal", "Lunch. He's interviewing at two startups; I offered to review "
     "his take-home.", True, False),
    (6, 21, 19, "meeting", "Fixed his fence together.", True, False),
    (7, 1, 8, "note", "Heard she got a paper accepted at VLDB.", False, False),
    (8, 160, 11, "call", "Long call — the bakery is doing well.", False, False),
    (9, 500, 15, "email", "Shared our roadmap; she asked to stay in the loop.", True, False),
]  # fmt: skip

# Older history, so the relationship picture has a shape: Ana about monthly all year,
# Jürgen monthly until June and nothing since, Carla now and then, a few jots.
_NOTES += (
    [
        (0, days, 12, kind, body, False, False)
        for days, kind, body in (
            (105, "call", "Caught up on the ML meetup plans."),
            (140, "coffee", "Coffee; Maya started kindergarten."),
            (170, "video", "Call about her conference submission."),
            (200, "call", "Quick call."),
            (260, "meal", "Lunch near Datalab."),
            (290, "call", "Call about her new team."),
            (330, "coffee", "Coffee."),
        )
    ]
    + [
        (8, days, 19, "call", "Call — bakery news.", False, False)
        for days in (190, 220, 250, 285, 315)
    ]
    + [
        (2, 120, 9, "video", "Talked through the reorg rumours.", False, False),
        (2, 230, 9, "meeting", "Mentoring session.", False, False),
        (8, 60, 8, "note", "Saw the bakery in a newspaper piece.", False, False),
        (0, 150, 8, "note", "Her ML ethics talk got accepted.", False, False),
    ]
)

# person index, text, due in days, kept days ago (None = open)
_PROMISES = [
    (0, "send the paper on dataset audits", -2, None),
    (5, "review his take-home exercise", 4, None),
    (2, "send the hiring rubric", -5, 3),
]


def build_demo(journal: Journal) -> None:
    """Fill an empty journal with the sample people, notes and promises."""
    clock: Clock = journal.clock
    today = clock.today()
    tz = clock.tz
    now = clock.now()

    def at(days_ago: int, hour: int) -> datetime:
        moment = datetime.combine(today - timedelta(days=days_ago), time(hour), tzinfo=tz)
        return min(moment, now)

    people = []
    for name, nick, org, role, rhythm, tags, added, about in _PEOPLE:
        created = at(added, 9)
        dates: tuple[ImportantDate, ...] = ()
        if name.startswith("Eve"):
            birthday = today + timedelta(days=3)
            dates = (ImportantDate("birthday", birthday.month, birthday.day, 1988),)
        first = name.split()[0].lower()
        people.append(
            Person(
                id=new_id(),
                name=name,
                nickname=nick,
                org=org,
                role=role,
                met="PyCon sprint table" if name.startswith("Dan") else "",
                rhythm=rhythm,
                tags=tags,
                about=about,
                dates=dates,
                channels=(Channel("email", f"{first}@example.org"),),
                created=created,
                updated=created,
            )
        )
    gus = people[6]
    people[6] = Person(**{**_fields(gus), "snooze_until": today + timedelta(days=10)})
    notes = [
        Note(new_id(), (people[i].id,), kind, at(days, hour), body, at(days, hour),
             at(days, hour), gave=gave, asked=asked)
        for i, days, hour, kind, body, gave, asked in _NOTES
    ]  # fmt: skip
    promises = []
    for i, text, due_in, kept_ago in _PROMISES:
        made = at(max(0, -due_in) + 7, 12)
        promises.append(
            Promise(
                id=new_id(),
                person_id=people[i].id,
                text=text,
                due=today + timedelta(days=due_in),
                created=made,
                updated=made,
                status=KEPT if kept_ago is not None else "open",
                closed_at=at(kept_ago, 17) if kept_ago is not None else None,
            )
        )
    journal.bulk_save("demo journal", people=people, notes=notes, promises=promises, undoable=False)


def _fields(person: Person) -> dict:
    return {name: getattr(person, name) for name in person.__dataclass_fields__}
