"""Reading vCards 2.1, 3.0 and 4.0 into people, one card at a time.

The file is read as bytes and cut into cards and content lines by ``vcard.lines`` (our
own reader: line ends, per-line encodings, folding, quoted-printable, unusable lines);
this module says what each card means to relate. Text values keep their whole value,
commas and all (``FN:Costa, Filipa``); lists (``CATEGORIES``, ``NICKNAME``) and compound
values (``N``, ``ORG``) are split where the format splits them. One bad card is reported
and the rest still import; a field that cannot be used is left out with a note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.domain.people import Person
from relate_tui.interop import Imported, Parsed, Problem, clean_tags
from relate_tui.interop.vcard.fields import channels, dates, first_text, group_labels
from relate_tui.interop.vcard.lines import Card, read_card, split_cards
from relate_tui.interop.vcard.properties import RELATE_MET, RELATE_MET_ON, RELATE_RHYTHM
from relate_tui.interop.vcard.values import compound, split_escaped, text_list, unescape

_GOOGLE_SYSTEM_TAGS = {"mycontacts", "starred"}
"""Google puts these on every card it exports; as tags they would say nothing."""
_N_ORDER = (3, 1, 2, 0, 4)
"""N is family;given;additional;prefix;suffix; a name reads prefix given additional
family suffix."""


def parse_vcards(
    data: str | bytes,
    *,
    now: datetime,
    source: str = "",
    tiers: Mapping[str, str] | None = None,
    on_card: Callable[[], object] | None = None,
) -> Parsed:
    """Everyone in a vCard file; bad cards become problems, the rest import.

    Args:
        data: the file's bytes (each value is decoded on its own: UTF-8, a 2.1
            ``CHARSET``, else Windows-1252 with a note), or text already decoded.
        now: the ``created``/``updated`` stamp of the new people.
        source: a file name to put in front of problem locations (for folders).
        tiers: tier letters an ``X-RELATE-RHYTHM`` may name (relate's own exports).
        on_card: called for each card (the command line's progress bar).
    """
    parsed = Parsed()
    prefix = f"{source}: " if source else ""
    for index, raw in enumerate(split_cards(data), 1):
        if on_card is not None:
            on_card()
        card = read_card(raw)
        name = _name(card)
        where = f"{prefix}card {index} (line {raw.line})"
        if name:
            where = f'{prefix}card {index} (line {raw.line}, "{name}")'
        if raw.problem:
            parsed.problems.append(Problem(where, raw.problem))
            continue
        try:
            person, notes = card_to_person(card, now=now, tiers=tiers or {})
        except InputError as exc:
            parsed.problems.append(Problem(where, str(exc)))
            continue
        except Exception as exc:  # a value in a shape we did not expect: this card only
            parsed.problems.append(Problem(where, f"could not read it ({_reason(exc)})"))
            continue
        parsed.people.append(Imported(person, where))
        parsed.problems += [Problem(where, note, skipped=False) for note in notes]
    if not parsed.people and not parsed.problems:
        parsed.problems.append(Problem(source or "the file", "no BEGIN:VCARD found"))
    return parsed


def _reason(exc: Exception) -> str:
    words = " ".join(str(exc).split()) or type(exc).__name__
    return words if len(words) <= 100 else words[:99] + "…"


def _name(card: Card) -> str:
    """FN, else the parts of N in reading order, on one line."""
    name = first_text(card, "FN")
    if not name:
        for prop in card.get("N"):
            parts = compound(prop.value) + [[]] * 5
            name = " ".join(" ".join(parts[i]) for i in _N_ORDER if parts[i])
            if name.strip():
                break
    return " ".join(name.split())


def _org(card: Card) -> str:
    """ORG's parts (company, then departments) joined with ", "."""
    for prop in card.get("ORG"):
        parts = [unescape(part).strip() for part in split_escaped(prop.value, ";")]
        org = ", ".join(part for part in parts if part)
        if org:
            return org
    return ""


def _about(card: Card) -> str:
    """Every NOTE, as written (line breaks as "\\n"), one paragraph each."""
    notes = (unescape(p.value) for p in card.get("NOTE"))
    return "\n".join(note for note in notes if note.strip())


def card_to_person(
    card: Card, *, now: datetime, tiers: Mapping[str, str]
) -> tuple[Person, list[str]]:
    """The person a card describes, and notes about what was left out.

    Raises ``InputError`` when the card has nothing to call the person by.
    """
    from relate_tui.domain.rhythm import normalise_rhythm

    notes = list(card.notes)
    groups = group_labels(card)
    org = _org(card)
    name = _name(card) or org
    if not name:
        raise InputError("the card has no name (FN, N or ORG)")
    nicknames = [item for prop in card.get("NICKNAME") for item in text_list(prop.value)]
    tags = [tag for prop in card.get("CATEGORIES") for tag in text_list(prop.value)]
    if not card.from_relate:
        tags = [t for t in tags if t.casefold() not in _GOOGLE_SYSTEM_TAGS]
    rhythm = first_text(card, RELATE_RHYTHM) or None
    if rhythm:
        try:
            rhythm = normalise_rhythm(rhythm, tiers)
        except InputError as exc:
            notes.append(f"left out the rhythm: {exc}")
            rhythm = None
    met_on = None
    met_on_text = first_text(card, RELATE_MET_ON)
    if met_on_text:
        try:
            met_on = date.fromisoformat(met_on_text)
        except ValueError:
            notes.append(f'left out the date you met, "{met_on_text}": not YYYY-MM-DD')
    person = Person(
        id=new_id(),
        name=name,
        created=now,
        updated=now,
        nickname=", ".join(dict.fromkeys(nicknames)),
        org=org,
        role=first_text(card, "TITLE") or first_text(card, "ROLE"),
        met=first_text(card, RELATE_MET),
        met_on=met_on,
        tags=clean_tags(tags),
        channels=tuple(channels(card, groups)),
        dates=tuple(dates(card, groups, notes)),
        about=_about(card),
        rhythm=rhythm,
        vcard_uid=first_text(card, "UID"),
    )
    return person, notes
