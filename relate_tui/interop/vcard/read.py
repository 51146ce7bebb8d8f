"""Reading vCards, with vobject.

3.0 and 2.1 are read fully (vobject decodes quoted-printable and charsets) and 4.0 as far
as vobject goes, plus our own normalisation where it stops: ``TYPE="cell,voice"`` lists,
``tel:``/``mailto:`` URIs, partial birthdays (``--0415``), Apple's item groups and
``X-ABLabel`` labels. Photos, addresses and keys are skipped. Cards are split from the text
here and parsed one at a time, so one bad card is reported and the rest still import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.domain.people import Channel, ImportantDate, Person, parse_yearly_date
from relate_tui.interop import Imported, Parsed, Problem, clean_tags
from relate_tui.interop.vcard.properties import RELATE_MET, RELATE_MET_ON, RELATE_RHYTHM

_SKIPPED_TYPES = {"internet", "pref", "voice", "x400", "text", "msg", "uri", "x-internet"}
_TYPE_TO_LABEL = {"cell": "mobile"}

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_GOOGLE_SYSTEM_TAGS = {"mycontacts", "starred"}
"""Google puts these on every card it exports; as tags they would say nothing."""


def split_cards(text: str) -> Iterator[tuple[int, str | None, str]]:
    """Each card of ``text`` as (first line number, problem or None, card text).

    For a card with a problem the text is what there is of it (to name it in messages).

    A card with no ``END:VCARD`` is yielded with a problem rather than swallowing the
    cards after it. (vCard 2.1 could nest a card in ``AGENT``; no exporter in use does.)
    """
    lines = text.splitlines()
    start: int | None = None
    for number, line in enumerate(lines, 1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if start is not None:
                partial = "\r\n".join(lines[start - 1 : number - 1])
                yield start, "the card has no END:VCARD before the next card", partial
            start = number
        elif word == "END:VCARD" and start is not None:
            yield start, None, "\r\n".join(lines[start - 1 : number]) + "\r\n"
            start = None
    if start is not None:
        yield start, "the file ends before this card's END:VCARD", "\r\n".join(lines[start - 1 :])


_FN = re.compile(r"^FN(?:;[^:\r\n]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)
"""The name line of a card, to name a card vobject cannot read in the message."""
_BLOBS = re.compile(r"^([\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)


def prepare_card(card: str) -> str:
    """The card text as vobject can read it.

    - Photos, logos, sounds and keys are dropped before parsing: relate does not keep them,
      they are most of a card's bytes, and a damaged one would otherwise lose the person.
      A 2.1 base64 value runs on over indented lines and ends with an empty line.
    - Quoted-printable soft line breaks (a line ending in '=' continues on the next line,
      unindented), which 2.1 exporters write and vobject rejects, are joined up.
    """
    out: list[str] = []
    lines = card.split("\r\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if _BLOBS.match(line):
            i += 1
            while i < len(lines) and lines[i][:1] in (" ", "\t"):
                i += 1
            if i < len(lines) and not lines[i].strip() and i + 1 < len(lines):
                i += 1
            continue
        head = line.split(":", 1)[0].upper()
        if "QUOTED-PRINTABLE" in head:
            while line.endswith("=") and i + 1 < len(lines) and lines[i + 1]:
                i += 1
                line = line[:-1] + lines[i].lstrip(" \t")
        out.append(line)
        i += 1
    return "\r\n".join(out)


def parse_vcards(
    text: str,
    *,
    now: datetime,
    source: str = "",
    tiers: Mapping[str, str] | None = None,
    on_card: Callable[[], object] | None = None,
) -> Parsed:
    """Everyone in the vCard ``text``; bad cards become problems, the rest import.

    Args:
        text: one or more cards.
        now: the ``created``/``updated`` stamp of the new people.
        source: a file name to put in front of problem locations (for folders).
        tiers: tier letters an ``X-RELATE-RHYTHM`` may name (relate's own exports).
        on_card: called after each card (the command line's progress bar).
    """
    import vobject

    parsed = Parsed()
    prefix = f"{source}: " if source else ""
    for index, (line, problem, chunk) in enumerate(split_cards(text), 1):
        if on_card is not None:
            on_card()
        where = f"{prefix}card {index} (line {line})"
        guess = _FN.search(chunk)
        if guess and guess.group(1).strip():
            where = f'{prefix}card {index} (line {line}, "{guess.group(1).strip()}")'
        if problem:
            parsed.problems.append(Problem(where, problem))
            continue
        try:
            card = vobject.readOne(prepare_card(chunk), ignoreUnreadable=False)
        except Exception as exc:  # vobject raises many kinds; each card is on its own
            parsed.problems.append(Problem(where, f"not a readable vCard ({_reason(exc)})"))
            continue
        name = _first_text(card, "fn")
        if name:  # the decoded name, where the guess above may be quoted-printable
            where = f'{prefix}card {index} (line {line}, "{name}")'
        try:
            person, warnings = card_to_person(card, now=now, tiers=tiers or {})
        except InputError as exc:
            parsed.problems.append(Problem(where, str(exc)))
            continue
        except Exception as exc:  # a value vobject built in a shape we did not expect
            parsed.problems.append(Problem(where, f"could not read it ({_reason(exc)})"))
            continue
        parsed.people.append(Imported(person, where))
        parsed.problems += [Problem(where, w, skipped=False) for w in warnings]
    if not parsed.people and not parsed.problems:
        parsed.problems.append(Problem(source or "the file", "no BEGIN:VCARD found"))
    return parsed


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 100 else text[:99] + "…"


def _items(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _text(value: Any) -> str:
    """A property value as one string: vobject gives str, lists (ORG, CATEGORIES) or
    structured names."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value if _text(v))
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").strip()


def _first_text(card: Any, name: str) -> str:
    for item in _items(card, name):
        text = _text(item.value)
        if text:
            return text
    return ""


def _group_labels(card: Any) -> dict[str, str]:
    """Apple's ``item1.X-ABLabel`` labels by group name."""
    labels = {}
    for item in _items(card, "x-ablabel"):
        if item.group:
            labels[item.group.lower()] = clean_label(_text(item.value))
    return labels


def clean_label(label: str) -> str:
    """``_$!<Mobile>!$_`` (Apple's built-in labels) as "mobile"; custom labels as typed."""
    match = _APPLE_LABEL.match(label.strip())
    return match.group(1).lower() if match else label.strip()


def _types(item: Any) -> list[str]:
    """TYPE values of a property, lower-cased: 3.0 ``TYPE=a,b`` and repeated TYPEs, 4.0
    ``TYPE="a,b"`` (one string to vobject), 2.1 bare ``TEL;CELL;PREF``."""
    raw = list(item.params.get("TYPE", [])) + list(getattr(item, "singletonparams", []))
    out = []
    for value in raw:
        for part in str(value).replace('"', "").split(","):
            part = part.strip().lower()
            if part and part not in out:
                out.append(part)
    return out


def _is_pref(item: Any) -> bool:
    return "pref" in _types(item) or bool(item.params.get("PREF"))


def _label(item: Any, groups: dict[str, str]) -> str:
    if item.group and item.group.lower() in groups:
        return groups[item.group.lower()]
    kept = [_TYPE_TO_LABEL.get(t, t) for t in _types(item) if t not in _SKIPPED_TYPES]
    return " ".join(kept)


def _strip_scheme(value: str, *schemes: str) -> str:
    lowered = value.lower()
    for scheme in schemes:
        if lowered.startswith(scheme):
            return value[len(scheme) :].strip()
    return value


def _channels(card: Any, groups: dict[str, str]) -> list[Channel]:
    found: list[tuple[bool, Channel]] = []

    def add(kind: str, item: Any, value: str, label: str | None = None) -> None:
        value = value.strip()
        if value:
            chosen = _label(item, groups) if label is None else label
            found.append((_is_pref(item), Channel(kind, value, chosen)))

    for item in _items(card, "email"):
        add("email", item, _strip_scheme(_text(item.value), "mailto:"))
    for item in _items(card, "tel"):
        add("phone", item, _strip_scheme(_text(item.value), "tel:"))
    # Google writes URLs with escaped colons ("https\\://"), which vobject leaves as is.
    for item in _items(card, "url"):
        add("url", item, _text(item.value).replace("\\:", ":"))
    for item in _items(card, "x-socialprofile"):
        value = _strip_scheme(_text(item.value).replace("\\:", ":"), "x-apple:")
        add("handle", item, value)
    for item in _items(card, "impp"):
        value = _text(item.value)
        service = _text(item.params.get("X-SERVICE-TYPE", [""])[0]).lower()
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        if scheme and not value.lower().startswith(("http:", "https:")):
            value = value.split(":", 1)[1]
        label = service or scheme or _label(item, groups)
        add("handle", item, value.lstrip("/"), label)
    # Preferred ones first: a person's first email is the one relate writes to.
    ordered = [c for pref, c in found if pref] + [c for pref, c in found if not pref]
    unique: dict[tuple[str, str], Channel] = {}
    for channel in ordered:
        unique.setdefault((channel.kind, channel_key(channel)), channel)
    return list(unique.values())


def channel_key(channel: Channel) -> str:
    """What makes two channels the same: case-free emails and URLs, digits of phones."""
    value = channel.value.strip()
    if channel.kind == "phone":
        digits = re.sub(r"[^\d+]", "", value)
        return digits or value
    if channel.kind == "url":
        value = re.sub(r"^https?://(www\.)?", "", value.casefold()).rstrip("/")
    return value.casefold()


def _vcard_date(value: str, params: Mapping[str, list[str]], label: str) -> ImportantDate:
    """A BDAY/ANNIVERSARY/X-ABDATE value as a yearly date; ``InputError`` saying why not.

    Accepts 1990-04-15, 19900415, --04-15, --0415 and the same with a time after 'T'
    (which is dropped). Apple writes a year it wants hidden as ``X-APPLE-OMIT-YEAR``.
    """
    raw = value.strip()
    if [v.lower() for v in params.get("VALUE", [])] == ["text"]:
        raise InputError(f'{label} "{raw}" is text, not a date')
    day = raw.split("T", 1)[0]
    if re.fullmatch(r"\d{8}", day):
        day = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    elif re.fullmatch(r"--\d{4}", day):
        day = f"--{day[2:4]}-{day[4:]}"
    if not re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}", day):
        raise InputError(
            f'{label} "{raw}" is not a date relate can keep (it needs a month and day)'
        )
    omit = params.get("X-APPLE-OMIT-YEAR", [])
    if omit and day[:4] == str(omit[0]).strip():
        day = "-" + day[4:]
    try:
        return parse_yearly_date(day, label)
    except InputError:
        raise InputError(f'{label} "{raw}" is not a real date') from None


def _dates(card: Any, groups: dict[str, str], warnings: list[str]) -> list[ImportantDate]:
    out: list[ImportantDate] = []
    sources = [(item, "birthday") for item in _items(card, "bday")]
    sources += [(item, "anniversary") for item in _items(card, "anniversary")]
    sources += [(item, "anniversary") for item in _items(card, "x-anniversary")]
    for item in _items(card, "x-abdate"):
        label = groups.get((item.group or "").lower(), "") or "date"
        sources.append((item, label))
    for item, label in sources:
        value = _text(item.value)
        if not value:
            continue
        try:
            found = _vcard_date(value, item.params, label)
        except InputError as exc:
            warnings.append(f"left out {exc}")
            continue
        if not any(d.label.casefold() == found.label.casefold() for d in out):
            out.append(found)
    return out


def _name(card: Any) -> str:
    name = _first_text(card, "fn")
    if not name:
        for item in _items(card, "n"):
            value = item.value
            parts = [
                getattr(value, attr, "") for attr in ("prefix", "given", "additional", "family")
            ]
            parts.append(getattr(value, "suffix", ""))
            name = " ".join(_text(p) for p in parts if _text(p))
            if name:
                break
    return " ".join(name.split())


def card_to_person(
    card: Any, *, now: datetime, tiers: Mapping[str, str]
) -> tuple[Person, list[str]]:
    """The person a parsed vCard describes, and warnings about fields left out.

    Raises ``InputError`` when the card has nothing to call the person by.
    """
    from relate_tui.domain.rhythm import normalise_rhythm

    warnings: list[str] = []
    groups = _group_labels(card)
    org = _first_text(card, "org")
    name = _name(card) or org
    if not name:
        raise InputError("the card has no name (FN, N or ORG)")
    nickname = _first_text(card, "nickname")
    tags = [
        _text(tag)
        for item in _items(card, "categories")
        for tag in (item.value if isinstance(item.value, list) else [item.value])
    ]
    tags = [t for t in tags if t.casefold() not in _GOOGLE_SYSTEM_TAGS]
    about = "\n".join(
        _text(item.value).replace("\r\n", "\n").strip() for item in _items(card, "note")
    ).strip()
    rhythm = _first_text(card, RELATE_RHYTHM) or None
    if rhythm:
        try:
            rhythm = normalise_rhythm(rhythm, tiers)
        except InputError as exc:
            warnings.append(f"left out the rhythm: {exc}")
            rhythm = None
    met_on = None
    met_on_text = _first_text(card, RELATE_MET_ON)
    if met_on_text:
        try:
            met_on = date.fromisoformat(met_on_text)
        except ValueError:
            warnings.append(f'left out the date you met, "{met_on_text}": not YYYY-MM-DD')
    person = Person(
        id=new_id(),
        name=name,
        created=now,
        updated=now,
        nickname=nickname,
        org=org,
        role=_first_text(card, "title") or _first_text(card, "role"),
        met=_first_text(card, RELATE_MET),
        met_on=met_on,
        tags=clean_tags(tags),
        channels=tuple(_channels(card, groups)),
        dates=tuple(_dates(card, groups, warnings)),
        about=about,
        rhythm=rhythm,
        vcard_uid=_first_text(card, "uid"),
    )
    return person, warnings
