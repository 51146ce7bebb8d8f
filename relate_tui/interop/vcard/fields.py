"""What a card's properties mean to relate: channels with their labels, and yearly dates.

Labels come from ``TYPE`` (3.0 ``TYPE=a,b`` and repeated TYPEs, 4.0 ``TYPE="a,b"``, 2.1
bare ``TEL;CELL;PREF``) or from Apple's ``itemN.X-ABLabel`` beside a grouped property.
Dates accept every form exporters write, including the no-year marker years.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Channel, ImportantDate, parse_yearly_date
from relate_tui.interop.vcard.lines import Card, Property
from relate_tui.interop.vcard.values import unescape

SKIPPED_TYPES = {"internet", "pref", "voice", "x400", "text", "msg", "uri", "x-internet"}
"""TYPE values that say nothing a person would call a label."""
TYPE_TO_LABEL = {"cell": "mobile"}

_CHANNEL_NAMES = {"EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "IMPP"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_MESSAGING = re.compile(r"^X-MESSAGING/([A-Z0-9]+?)(?:-[A-Z]+)?$")
"""Android's ``X-MESSAGING/XMPP-ALL``: an instant-messaging handle, service "xmpp"."""
NO_YEAR_MARKERS = ("0000", "1604")
"""Years that mean "no year": iOS writes 1604 (a leap year) when it drops
``X-APPLE-OMIT-YEAR``; others write 0000."""


def text(prop: Property) -> str:
    """A single text value, unescaped and stripped; commas are part of it."""
    return unescape(prop.value).strip()


def first_text(card: Card, name: str) -> str:
    """The first non-empty value of ``name`` on the card, or ""."""
    for prop in card.get(name):
        value = text(prop)
        if value:
            return value
    return ""


def group_labels(card: Card) -> dict[str, str]:
    """Apple's ``item1.X-ABLabel`` labels by group name."""
    return {p.group: clean_label(text(p)) for p in card.get("X-ABLABEL") if p.group}


def clean_label(label: str) -> str:
    """``_$!<Mobile>!$_`` (Apple's built-in labels) as "mobile"; custom labels as typed."""
    match = _APPLE_LABEL.match(label.strip())
    return match.group(1).lower() if match else label.strip()


def types(prop: Property) -> list[str]:
    """TYPE values of a property, lower-cased, in the order written, each once."""
    raw = list(prop.params.get("TYPE", [])) + list(prop.singletons)
    out: list[str] = []
    for value in raw:
        for part in value.replace('"', "").split(","):
            part = part.strip().lower()
            if part and part not in out:
                out.append(part)
    return out


def _is_pref(prop: Property) -> bool:
    return "pref" in types(prop) or bool(prop.params.get("PREF"))


def _label(prop: Property, groups: dict[str, str]) -> str:
    if prop.group and prop.group in groups:
        return groups[prop.group]
    kept = [TYPE_TO_LABEL.get(t, t) for t in types(prop) if t not in SKIPPED_TYPES]
    return " ".join(kept)


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme) :].strip() if value.lower().startswith(scheme) else value


def channels(card: Card, groups: dict[str, str]) -> list[Channel]:
    """Email, phone, URL and handle channels in file order, preferred ones first, each
    once (same email ignoring case, same phone digits, same URL)."""
    found: list[tuple[bool, Channel]] = []
    uri_card = card.version.startswith("4")
    for prop in card.properties:
        if prop.name not in _CHANNEL_NAMES and not prop.name.startswith("X-MESSAGING/"):
            continue
        value, kind, label = text(prop), "", None
        is_uri = uri_card or [v.lower() for v in prop.params.get("VALUE", [])] == ["uri"]
        if prop.name == "EMAIL":
            kind, value = "email", _strip_scheme(value, "mailto:") if is_uri else value
        elif prop.name == "TEL":
            kind, value = "phone", _strip_scheme(value, "tel:") if is_uri else value
        elif prop.name == "URL":
            kind = "url"
        elif prop.name == "X-SOCIALPROFILE":
            kind = "handle"
            value = value if card.from_relate else _strip_scheme(value, "x-apple:")
        elif prop.name == "IMPP":
            kind, (value, label) = "handle", _impp(prop, value, groups)
        elif messaging := _MESSAGING.match(prop.name):
            kind, label = "handle", messaging.group(1).lower()
        if kind and value:
            chosen = _label(prop, groups) if label is None else label
            found.append((_is_pref(prop), Channel(kind, value, chosen)))
    ordered = [c for pref, c in found if pref] + [c for pref, c in found if not pref]
    unique: dict[tuple[str, str], Channel] = {}
    for channel in ordered:
        unique.setdefault((channel.kind, channel_key(channel)), channel)
    return list(unique.values())


def _impp(prop: Property, value: str, groups: dict[str, str]) -> tuple[str, str]:
    """``IMPP;X-SERVICE-TYPE=Skype:skype:ana`` → ("ana", "skype")."""
    service = unescape((prop.params.get("X-SERVICE-TYPE") or [""])[0]).strip().lower()
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme and not value.lower().startswith(("http:", "https:")):
        value = value.split(":", 1)[1]
    return value.lstrip("/"), service or scheme or _label(prop, groups)


def channel_key(channel: Channel) -> str:
    """What makes two channels the same: case-free emails and URLs, digits of phones."""
    value = channel.value.strip()
    if channel.kind == "phone":
        digits = re.sub(r"[^\d+]", "", value)
        return digits or value
    if channel.kind == "url":
        value = re.sub(r"^https?://(www\.)?", "", value.casefold()).rstrip("/")
    return value.casefold()


def vcard_date(
    value: str, params: Mapping[str, list[str]], label: str
) -> tuple[ImportantDate, str | None]:
    """A BDAY/ANNIVERSARY/X-ABDATE value as a yearly date, and a note when its year was
    left out; ``InputError`` saying why it cannot be kept at all.

    Accepts 1990-04-15, 19900415, --04-15, --0415 and the same with a time after 'T'
    (which is dropped). A year Apple marks with ``X-APPLE-OMIT-YEAR``, or a marker year
    (0000, 1604), means no year; another year relate cannot believe (1066) is left out
    with a note, and the month and day are kept.
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
    year = "" if day.startswith("--") else day[:4]
    note = None
    omit = [str(v).strip() for v in params.get("X-APPLE-OMIT-YEAR", [])]
    if year and (year in NO_YEAR_MARKERS or year in omit):
        day = "-" + day[4:]
    elif year and not 1800 <= int(year) <= 2200:
        day = "-" + day[4:]
        note = f'kept {label} "{raw}" without its year: {int(year)} looks wrong'
    try:
        return parse_yearly_date(day, label), note
    except InputError as exc:
        why = str(exc).split(": ", 1)[1] if ": " in str(exc) else ""
        reason = f": {why}" if why else ""
        raise InputError(f'{label} "{raw}" is not a real date{reason}') from None


def dates(card: Card, groups: dict[str, str], notes: list[str]) -> list[ImportantDate]:
    """Birthday, anniversaries and Apple's labelled dates, one per label; a date that
    cannot be kept adds a note instead."""
    sources: list[tuple[Property, str]] = []
    for prop in card.properties:
        if prop.name == "BDAY":
            sources.append((prop, "birthday"))
        elif prop.name in ("ANNIVERSARY", "X-ANNIVERSARY"):
            sources.append((prop, "anniversary"))
        elif prop.name == "X-ABDATE":
            sources.append((prop, groups.get(prop.group, "") or "date"))
    out: list[ImportantDate] = []
    for prop, label in sources:
        value = text(prop)
        if not value:
            continue
        try:
            found, note = vcard_date(value, prop.params, label)
        except InputError as exc:
            notes.append(f"left out {exc}")
            continue
        if note:
            notes.append(note)
        if not any(d.label.casefold() == found.label.casefold() for d in out):
            out.append(found)
    return out
