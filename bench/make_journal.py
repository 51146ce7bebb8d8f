"""Write a realistic journal: ``make_journal.py --people N --notes M --promises K PATH``.

Names, tags, rhythms, notes spread over five years, promises (most kept, some open) and
birthdays, written through relate's own storage in one atomic write. Seeded, so the same
arguments give the same journal.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from relate_tui.domain.clock import FixedClock
from relate_tui.domain.notes import KINDS, Note
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise
from relate_tui.settings import Settings
from relate_tui.startup import open_journal
from relate_tui.storage.history import LIMIT as HISTORY_LIMIT

FIRST = (
    "Ana Bruno Carla Dan Eve Finn Gus Hana Ines Jonas Kai Lena Marco Nora Omar Priya Quinn Rosa "
    "Sven Tomás Uma Vera Wen Ximena Yusuf Zoë Aiko Björn Chidi Dara Émile Farah Goran Hélène Ivan "
    "Jürgen Kofi Lucía Mei Nikolai Olu Paulo Rania Sofia Tariq Ulla Vikram Wiebke Yara Zainab"
).split()
LAST = (
    "Lima Costa Nguyen Okafor Martin Schmidt Alvarez Sato Weiß Raman Kowalski Haddad Ferreira "
    "Johansson Müller Rossi Dubois Tanaka Kim Silva Novak Ortiz Larsen Mensah Chen Patel Byrne "
    "O'Neill García Andersson Yilmaz Ivanova Moreau Fischer Hoang Mbeki Santos Jensen Reyes"
).split()
TAGS = (
    "work friends family community mentor research ml design investor neighbour climbing"
).split()
RHYTHMS = ("A", "B", "C", "D", "2w", "1m", "3m", "6m", None, None, None)
SENTENCES = (
    "Talked about the new project and how the team is growing.",
    "She mentioned a conference talk on data ethics next spring.",
    "He is thinking about moving to a smaller company.",
    "Kids are doing well; the eldest just started school.",
    "Promised to share the article on local-first software.",
    "We compared notes on hiring senior engineers.",
    "Asked for an intro to someone in the climate space.",
    "Recommended a book on negotiation — worth sending a copy.",
    "Training for a marathon in April, wants a running buddy.",
    "Back from a long trip to Japan, full of stories.",
    "Looking for feedback on a pitch deck before Friday.",
    "Caught up briefly between sessions at the meetup.",
)


def generate(people: int, notes: int, promises: int, now: datetime, seed: int = 7):
    """The people, notes and promises of a benchmark journal (deterministic for a seed)."""
    rng = random.Random(seed)

    def new_id() -> str:
        return f"{rng.getrandbits(128):032x}"  # as long as relate's own record ids

    tz = now.tzinfo
    out_people = []
    for i in range(people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if i >= len(FIRST) * len(LAST) // 4:
            name += f" {i}"  # keep names mostly unique in very large journals
        created = now - timedelta(days=rng.randint(0, 5 * 365), hours=rng.randint(0, 23))
        dates = ()
        if rng.random() < 0.4:
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            dates = (ImportantDate("birthday", month, day, rng.choice((None, 1970 + i % 40))),)
        first = name.split()[0].lower()
        out_people.append(
            Person(
                id=new_id(),
                name=name,
                created=created,
                updated=created,
                org=rng.choice(("", "Acme", "Northwind", "Datalab", "Initech", "Globex")),
                tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
                rhythm=rng.choice(RHYTHMS),
                dates=dates,
                channels=(Channel("email", f"{first}.{i}@example.org"),),
                about=rng.choice(SENTENCES) if rng.random() < 0.5 else "",
                archived=rng.random() < 0.03,
            )
        )
    out_notes = []
    for _ in range(notes):
        who = [out_people[rng.randrange(people)].id]
        if rng.random() < 0.05:
            who.append(out_people[rng.randrange(people)].id)
        at = now - timedelta(minutes=rng.randint(60, 5 * 365 * 24 * 60))
        at = at.astimezone(tz)
        body = " ".join(rng.sample(SENTENCES, rng.randint(1, 4)))
        out_notes.append(
            Note(
                id=new_id(),
                person_ids=tuple(dict.fromkeys(who)),
                kind=rng.choice(KINDS),
                at=at,
                body=body,
                created=at,
                updated=at,
                gave=rng.random() < 0.12,
                asked=rng.random() < 0.08,
            )
        )
    out_promises = []
    for _ in range(promises):
        made = now - timedelta(days=rng.randint(0, 2 * 365))
        status = rng.choices((KEPT, DROPPED, OPEN), weights=(70, 10, 20))[0]
        due = (made + timedelta(days=rng.randint(1, 21))).date()
        if status == OPEN:
            due = (now + timedelta(days=rng.randint(-20, 30))).date()
        out_promises.append(
            Promise(
                id=new_id(),
                person_id=out_people[rng.randrange(people)].id,
                text=rng.choice(("send the article", "intro to a designer", "review the deck",
                                 "share the hiring rubric", "send photos from the trip")),
                due=due,
                created=made,
                updated=made,
                status=status,
                closed_at=made + timedelta(days=3) if status != OPEN else None,
            )
        )  # fmt: skip
    return out_people, out_notes, out_promises


def write_journal(path: Path, people: int, notes: int, promises: int, seed: int = 7) -> None:
    """Generate and write a journal to ``path`` (which must not exist yet)."""
    now = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    clock = FixedClock(now, tz="UTC")
    journal = open_journal(path, settings=Settings(backups=0), clock=clock)
    p, n, q = generate(people, notes, promises, clock.now(), seed)
    journal.bulk_save("benchmark journal", people=p, notes=n, promises=q, undoable=False)
    # A journal in use remembers its last changes (the undo history, 50 at most): give it
    # a full history of everyday edits, as the command line would find it.
    quick = open_journal(path, settings=Settings(backups=0), clock=clock, by_table=True)
    for person in p[-HISTORY_LIMIT:]:  # the numbered names, which are unique
        quick.edit_person(person.id, {"about": f"{person.about} Met again in {now:%B}."})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--notes", type=int, default=20000)
    parser.add_argument("--promises", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"make_journal: {args.path} exists; choose a new path", file=sys.stderr)
        return 2
    write_journal(args.path, args.people, args.notes, args.promises, args.seed)
    print(f"wrote {args.path} ({args.path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
