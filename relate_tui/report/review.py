"""The weekly review laid out for reading: plain text for a terminal, a Markdown document,
and JSON for scripts.

The review itself is ``domain.review.review``; this module only lays it out, with the
phrases of ``report.phrases`` (shared with the review screen, so the command line and the
app say the same thing). No Textual, no Rich.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from relate_tui.domain.queue import GROUP_TITLES, QueueItem
from relate_tui.domain.review import BALANCE_MONTHS, PromiseEntry, Review, Touch, WeekTouches
from relate_tui.report.activity import tier_bar, weeks_line
from relate_tui.report.columns import display_width, pad
from relate_tui.report.markdown import inline as md
from relate_tui.report.output import item_json
from relate_tui.report.phrases import (
    EMPTY_JOURNAL,
    NOTHING_DUE,
    balance_title,
    dated_day,
    drift_phrase,
    drifting_title,
    due_phrase,
    only_asked_phrase,
    plural,
    promise_phrase,
    short_day,
    tier_phrase,
    touch_phrase,
    touches_summary,
    week_title,
    weekday_day,
)
from relate_tui.report.text import one_line

BALANCE_ROWS = 10
"""How many give-and-take rows the text and Markdown show (JSON has them all)."""


# --- text ----------------------------------------------------------------------------------


def review_text(result: Review, *, empty: bool = False) -> str:
    """The review as plain text for a terminal, ending with a newline."""
    if empty:
        return EMPTY_JOURNAL + "\n"
    today = result.today
    out = [f"Weekly review · {week_title(result)} (today {weekday_day(today)})"]

    out += ["", f"Due this week and overdue ({len(result.due)})"]
    if result.nothing_due:
        out.append(f"  {NOTHING_DUE}")
    for group, items in result.due_groups:
        out.append(f"  {GROUP_TITLES[group]}")
        out += [f"    {one_line(i.person_name)} · {due_phrase(i, today)}" for i in items]

    out += ["", "Touches"]
    if result.weeks:
        out.append(f"  {weeks_line(result.weeks)}")
    for title, week in (("This week", result.this_week), ("Last week", result.last_week)):
        out.append(f"  {title}: {touches_summary(week)}")
        out += [f"    {touch_phrase(t, today)}" for t in week.touches]

    out += ["", "Promises"]
    sections = (
        ("Kept this week", result.kept),
        ("Dropped this week", result.dropped),
        ("Late", result.late),
        ("Open", result.open),
    )
    if not any(entries for _, entries in sections):
        out.append("  No promises open or closed this week.")
    for title, entries in sections:
        if entries:
            out.append(f"  {title} ({len(entries)})")
            out += [
                f"    {one_line(e.person_name)} · {one_line(e.text)} · {promise_phrase(e, today)}"
                for e in entries
            ]

    out += ["", drifting_title(result)]
    if not result.drifting:
        out.append("  Nobody is past their rhythm.")
    out += [f"  {one_line(d.person_name)} · {drift_phrase(d, today)}" for d in result.drifting]
    if result.drifting_total > len(result.drifting):
        out.append(f"  … and {result.drifting_total - len(result.drifting)} more")

    out += ["", "In rhythm"]
    if not result.tiers:
        out.append("  Nobody has a rhythm yet.")
    out += [
        f"  {''.join(tier_bar(row.in_rhythm, row.people))}  {tier_phrase(row)}"
        for row in result.tiers
    ]

    out += ["", balance_title(result)]
    if not result.balance:
        out.append(f"  No notes flagged gave or asked in the last {BALANCE_MONTHS} months.")
    else:
        out.append(f"  {only_asked_phrase(result)}")
        names = [one_line(b.person_name) for b in result.balance[:BALANCE_ROWS]]
        width = max(display_width(name) for name in names)
        for name, b in zip(names, result.balance[:BALANCE_ROWS], strict=True):
            out.append(f"  {pad(name, width)}  gave {b.gave} · asked {b.asked}")
        if len(result.balance) > BALANCE_ROWS:
            out.append(f"  … and {len(result.balance) - BALANCE_ROWS} more")
    return "\n".join(out) + "\n"


# --- Markdown ------------------------------------------------------------------------------


def _md_list(lines: Iterable[str]) -> list[str]:
    return [f"- {line}" for line in lines]


def review_markdown(result: Review, *, empty: bool = False) -> str:
    """The review as a Markdown document to paste into a journal, ending with a newline.

    Names and promise texts are escaped; a note's first line is Markdown already (note
    bodies are), so it goes in as written, on one line. Days are dates ("Tue 1 Dec"),
    never "today" or "yesterday": the document is read later, elsewhere.
    """
    if empty:
        return f"# Weekly review\n\n{EMPTY_JOURNAL}\n"
    today = result.today
    out = [
        f"# Weekly review: {week_title(result)}",
        "",
        f"Reviewed on {weekday_day(today)} {today.year}.",
        "",
        "## Due this week and overdue",
        "",
    ]
    if result.nothing_due:
        out += [NOTHING_DUE, ""]
    for group, items in result.due_groups:
        out += [f"### {GROUP_TITLES[group]}", ""]
        out += _md_list(f"**{md(i.person_name)}** — {_md_due(i, today)}" for i in items)
        out.append("")

    out += ["## Touches", ""]
    if result.weeks:
        out += [weeks_line(result.weeks), ""]
    for title, week in (("This week", result.this_week), ("Last week", result.last_week)):
        out += [f"### {title}: {touches_summary(week)}", ""]
        if week.touches:
            out += _md_list(_md_touch(t, today) for t in week.touches)
            out.append("")

    out += ["## Promises", ""]
    sections = (
        ("Kept this week", result.kept, "x"),
        ("Dropped this week", result.dropped, "x"),
        ("Late", result.late, " "),
        ("Open", result.open, " "),
    )
    if not any(entries for _, entries, _ in sections):
        out += ["No promises open or closed this week.", ""]
    for title, entries, box in sections:
        if entries:
            out += [f"### {title}", ""]
            for e in entries:
                what = f"{md(e.person_name)}: {md(e.text)}"
                if e.status == "dropped":
                    what = f"~~{what}~~"
                out.append(f"- [{box}] {what} — {promise_phrase(e, today, dated_day)}")
            out.append("")

    out += ["## Drifting", ""]
    if not result.drifting:
        out += ["Nobody is past their rhythm.", ""]
    else:
        out += [
            "| Person | Rhythm | Days late | Ratio | Last touch |",
            "| --- | --- | ---: | ---: | --- |",
        ]
        for d in result.drifting:
            if d.days_since_touch is None or d.last_touch is None:
                last = f"never (added {short_day(d.added, today)})"
            else:
                last = f"{dated_day(d.last_touch, today)} ({plural(d.days_since_touch, 'day')})"
            if d.snoozed_until is not None:
                last += f", snoozed until {dated_day(d.snoozed_until, today)}"
            out.append(
                f"| {md(d.person_name)} | {d.label} | {d.days_late} | {d.ratio:.2f} | {last} |"
            )
        if result.drifting_total > len(result.drifting):
            out += ["", f"… and {result.drifting_total - len(result.drifting)} more."]
        out.append("")

    out += ["## In rhythm", ""]
    if not result.tiers:
        out += ["Nobody has a rhythm yet.", ""]
    else:
        out += _md_list(tier_phrase(row) for row in result.tiers)
        out.append("")

    out += [f"## {balance_title(result)}", ""]
    if not result.balance:
        out += [f"No notes flagged gave or asked in the last {BALANCE_MONTHS} months.", ""]
    else:
        out += [_md_only_asked(result), ""]
        out += ["| Person | Gave | Asked |", "| --- | ---: | ---: |"]
        out += [
            f"| {md(b.person_name)} | {b.gave} | {b.asked} |" for b in result.balance[:BALANCE_ROWS]
        ]
        if len(result.balance) > BALANCE_ROWS:
            out += ["", f"… and {len(result.balance) - BALANCE_ROWS} more."]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_due(item: QueueItem, today: date) -> str:
    # The phrase words a promise or a date label the user typed: escape just that part.
    if item.kind == "rhythm":
        return due_phrase(item, today, dated_day)
    label = one_line(item.label)
    phrase = due_phrase(item, today, dated_day)
    return phrase.replace(label, md(label), 1)


def _md_touch(touch: Touch, today: date) -> str:
    names = ", ".join(md(name) for name in touch.person_names)
    flags = "".join((" · gave" if touch.gave else "", " · asked" if touch.asked else ""))
    line = f"{dated_day(touch.day, today)} · {touch.kind} · {names}{flags}"
    first = one_line(touch.first_line)
    return f"{line} — {first}" if first else line


def _md_only_asked(result: Review) -> str:
    only = result.only_asked
    if not only:
        return "Nobody you only asked of: every ask went with some giving."
    names = ", ".join(f"{md(b.person_name)} ({plural(b.asked, 'ask')})" for b in only)
    return f"Only asked, gave nothing: {names}."


# --- JSON ----------------------------------------------------------------------------------


def review_json(result: Review) -> dict[str, Any]:
    """The whole review for scripts: dates as ISO strings, every list in full."""

    def week(w: WeekTouches) -> dict[str, Any]:
        return {
            "start": w.start.isoformat(),
            "end": w.end.isoformat(),
            "count": w.count,
            "people": list(w.people),
            "kinds": dict(w.kinds),
            "touches": [
                {
                    "note_id": t.note_id,
                    "day": t.day.isoformat(),
                    "kind": t.kind,
                    "people": [
                        {"id": pid, "name": name}
                        for pid, name in zip(t.person_ids, t.person_names, strict=True)
                    ],
                    "first_line": t.first_line,
                    "gave": t.gave,
                    "asked": t.asked,
                }
                for t in w.touches
            ],
        }

    def promise(e: PromiseEntry) -> dict[str, Any]:
        return {
            "id": e.promise_id,
            "person_id": e.person_id,
            "person": e.person_name,
            "text": e.text,
            "due": e.due.isoformat(),
            "status": e.status,
            "closed": e.closed.isoformat() if e.closed else None,
            "days_late": e.days_late,
        }

    return {
        "today": result.today.isoformat(),
        "week": {"start": result.week_start.isoformat(), "end": result.week_end.isoformat()},
        "nothing_due": result.nothing_due,
        "due": [item_json(i) for i in result.due],
        "touches": {"this_week": week(result.this_week), "last_week": week(result.last_week)},
        "promises": {
            "kept": [promise(e) for e in result.kept],
            "dropped": [promise(e) for e in result.dropped],
            "late": [promise(e) for e in result.late],
            "open": [promise(e) for e in result.open],
        },
        "drifting": {
            "total": result.drifting_total,
            "people": [
                {
                    "person_id": d.person_id,
                    "person": d.person_name,
                    "rhythm": d.rhythm,
                    "label": d.label,
                    "due": d.due.isoformat(),
                    "days_late": d.days_late,
                    "ratio": round(d.ratio, 2),
                    "last_touch": d.last_touch.isoformat() if d.last_touch else None,
                    "days_since_touch": d.days_since_touch,
                    "added": d.added.isoformat(),
                    "snoozed_until": d.snoozed_until.isoformat() if d.snoozed_until else None,
                }
                for d in result.drifting
            ],
        },
        "weeks": [
            {"start": p.start.isoformat(), "touches": p.touches, "jots": p.jots}
            for p in result.weeks
        ],
        "tiers": [
            {
                "tier": row.tier or None,
                "rhythm": row.rhythm or None,
                "people": row.people,
                "in_rhythm": row.in_rhythm,
                "new": row.new,
            }
            for row in result.tiers
        ],
        "balance": {
            "since": result.balance_since.isoformat(),
            "only_asked": [b.person_id for b in result.only_asked],
            "people": [
                {
                    "person_id": b.person_id,
                    "person": b.person_name,
                    "gave": b.gave,
                    "asked": b.asked,
                    "only_asked": b.only_asked,
                }
                for b in result.balance
            ],
        },
    }
