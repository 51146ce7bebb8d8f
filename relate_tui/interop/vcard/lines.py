"""vCard files as cards of content lines: our own reader, from bytes, one card at a time.

What it takes care of, so that a card arrives whole:

- **Line ends.** Lines end at CR LF, CR or LF only, never at U+2028, U+0085 or a form feed
  inside a value (``domain.file_lines``).
- **Encodings, per line.** Each value is decoded on its own: UTF-8 first, then the
  ``CHARSET`` a vCard 2.1 line declares, then Windows-1252 (said in a note), so one stray
  byte does not turn every other name in the file into mojibake. Whole-file UTF-16 (with a
  byte-order mark) is decoded first; a UTF-8 byte-order mark is dropped.
- **Folding.** 3.0 and 4.0 unfold by removing the line end and the one space or tab after
  it; 2.1 folds the RFC 822 way, where the fold *is* the space, so it is kept
  ("Lisbon⏎ meetup" is "Lisbon meetup"). Quoted-printable soft line breaks (a line ending
  in ``=``) are joined.
- **Lines that are not properties** (no colon, a name no grammar allows) are left out with
  a note; the rest of the card is read. Android's ``X-MESSAGING/XMPP-ALL`` names are allowed.
- **Blobs.** Photos, logos, sounds and keys are dropped unread, including 2.1 base64 data
  that runs on over unindented lines up to an empty line.

Values keep their backslash escapes: how to unescape depends on the property
(``vcard.values``).
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from relate_tui.domain.file_lines import split_byte_lines
from relate_tui.interop.vcard.properties import RELATE_PRODID

_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_/-]+)")
_BLOB = re.compile(rb"^\s*(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_PROPERTY_START = re.compile(rb"^(?:[\w-]+\.)?[\w/-]+[;:]")
_STRUCTURE = {"BEGIN", "END", "VERSION"}
_SNIPPET = 40


@dataclass(frozen=True)
class Property:
    """One content line: ``item1.EMAIL;TYPE=work:ana@example.org``."""

    name: str
    """Upper case: "EMAIL", "X-ABLABEL"."""
    value: str
    """Decoded (quoted-printable, base64, charset), line breaks as "\\n", escapes kept."""
    group: str = ""
    """Lower case: "item1", or ""."""
    params: dict[str, list[str]] = field(default_factory=dict)
    """Named parameters, names in upper case: {"TYPE": ["work", "pref"]}."""
    singletons: tuple[str, ...] = ()
    """vCard 2.1's bare parameters, as written: ``TEL;CELL;PREF`` → ("CELL", "PREF")."""
    line: int = 0


@dataclass
class Card:
    """The properties of one card, in file order, and notes about lines left out."""

    line: int
    """The line of its BEGIN:VCARD."""
    version: str = ""
    properties: list[Property] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def from_relate(self) -> bool:
        """True for a card relate exported: it is read back exactly as it was written,
        without the clean-ups meant for other exporters (Google's tags on every card)."""
        return any(p.value == RELATE_PRODID for p in self.get("PRODID"))

    def get(self, name: str) -> list[Property]:
        """Every property called ``name`` (any case), in file order."""
        wanted = name.upper()
        return [p for p in self.properties if p.name == wanted]


@dataclass(frozen=True)
class RawCard:
    """A card cut from a file: its first line number, a problem or None, and its lines."""

    line: int
    problem: str | None
    lines: list[bytes]


def file_bytes(data: str | bytes) -> bytes:
    """A vCard file as UTF-8-compatible bytes: UTF-16 decoded, byte-order marks dropped."""
    if isinstance(data, str):
        return data.lstrip("\ufeff").encode("utf-8", "surrogatepass")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _utf16(data[2:], codec)
    if data[:2] in (b"B\x00", b"b\x00"):
        return _utf16(data, "utf-16-le")
    if data[:2] in (b"\x00B", b"\x00b"):
        return _utf16(data, "utf-16-be")
    return data.removeprefix(b"\xef\xbb\xbf")


def _utf16(data: bytes, codec: str) -> bytes:
    return data.decode(codec, "replace").encode("utf-8", "surrogatepass")


def split_cards(data: str | bytes) -> Iterator[RawCard]:
    """Each card of a file, with the line number of its BEGIN:VCARD.

    A card with no ``END:VCARD`` is yielded with a problem rather than swallowing the
    cards after it. Text between cards is ignored. (vCard 2.1 could nest a card in
    ``AGENT``; no exporter in use does.)
    """
    lines = split_byte_lines(file_bytes(data))
    start: int | None = None
    for number, line in enumerate(lines, 1):
        # Leading space would make it a folded continuation of a value, not a card edge.
        word = line.rstrip(b" \t").upper()
        if word == b"BEGIN:VCARD":
            if start is not None:
                partial = lines[start - 1 : number - 1]
                yield RawCard(start, "the card has no END:VCARD before the next card", partial)
            start = number
        elif word == b"END:VCARD" and start is not None:
            yield RawCard(start, None, lines[start - 1 : number])
            start = None
    if start is not None:
        yield RawCard(start, "the file ends before this card's END:VCARD", lines[start - 1 :])


def read_card(raw: RawCard) -> Card:
    """The content lines of a card, unfolded and decoded; never raises."""
    card = Card(raw.line, version=_version(raw.lines))
    fallbacks: set[str] = set()
    for number, logical in _logical_lines(raw, card.version == "2.1"):
        prop = _property(logical, number, card.notes, fallbacks)
        if prop is not None and prop.name not in _STRUCTURE:
            card.properties.append(prop)
    for codec in sorted(fallbacks):
        card.notes.append(f"some of it is not UTF-8: read as {codec}, check its accented letters")
    return card


def _version(lines: list[bytes]) -> str:
    for line in lines:
        if line[:8].upper() == b"VERSION:":
            return line[8:].strip().decode("ascii", "replace")
    return ""


def _is_qp(header: bytes) -> bool:
    return b"QUOTED-PRINTABLE" in header.upper()


def _logical_lines(raw: RawCard, rfc822_folding: bool) -> Iterator[tuple[int, bytes]]:
    """(line number, unfolded line) for each content line of the card, blobs left out."""
    current: bytes | None = None
    start = raw.line
    in_blob = False
    for number, line in enumerate(raw.lines, raw.line):
        if in_blob:
            # A blob's data: indented (3.0), or 2.1 base64 running on to an empty line.
            if not line.strip():
                in_blob = False
                continue
            if line[:1] in (b" ", b"\t") or not _PROPERTY_START.match(line):
                continue
            in_blob = False
        if not line:
            if current is not None:
                yield start, current
            current = None
            continue
        if (
            current is not None
            and current.endswith(b"=")
            and _is_qp(current.split(b":", 1)[0])
            and line.rstrip().upper() != b"END:VCARD"
        ):
            current = current[:-1] + line  # a quoted-printable soft line break
            continue
        if current is not None and line[:1] in (b" ", b"\t"):
            # A continuation, even one of spaces only: a folded value may be all spaces.
            current += line if rfc822_folding else line[1:]
            continue
        if not line.strip():
            continue  # spaces between properties
        if current is not None:
            yield start, current
        current, start = line, number
        if _BLOB.match(line):
            current, in_blob = None, True
    if current is not None:
        yield start, current


def _split_header(line: bytes) -> tuple[bytes, bytes] | None:
    """(name and parameters, value) at the first colon outside double quotes."""
    colon = line.find(b":")
    if colon >= 0 and b'"' not in line[:colon]:
        return line[:colon], line[colon + 1 :]
    quoted = False
    for index, byte in enumerate(line):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # :
            return line[:index], line[index + 1 :]
    return None


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    parts, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _property(line: bytes, number: int, notes: list[str], fallbacks: set[str]) -> Property | None:
    split = _split_header(line)
    head_text = decode(line.split(b":", 1)[0] if split is None else split[0], None)[0]
    pieces = _split_outside_quotes(head_text, ";")
    match = _NAME.fullmatch(pieces[0].strip())
    if split is None or match is None:
        snippet = decode(line, None)[0].strip()
        if len(snippet) > _SNIPPET:
            snippet = snippet[: _SNIPPET - 1] + "…"
        notes.append(f'left out line {number} ("{snippet}"): it is not a vCard property')
        return None
    group, name = (match.group(1) or "").lower(), match.group(2).upper()
    params: dict[str, list[str]] = {}
    singletons: list[str] = []
    for piece in pieces[1:]:
        if not piece.strip():
            continue
        key, equals, values = piece.partition("=")
        if not equals:
            singletons.append(key.strip())
            continue
        found = [v.strip().strip('"') for v in _split_outside_quotes(values, ",")]
        params.setdefault(key.strip().upper(), []).extend(found)
    encodings = {e.upper() for e in params.get("ENCODING", []) + singletons}
    charset = (params.get("CHARSET") or [None])[0]
    raw = split[1]
    if "QUOTED-PRINTABLE" in encodings:
        raw = quopri.decodestring(raw)
    elif encodings & {"B", "BASE64"}:
        try:
            raw = base64.b64decode(b"".join(raw.split()))
        except (binascii.Error, ValueError):
            notes.append(f"left out line {number} ({name}): its base64 value is damaged")
            return None
    value, fallback = decode(raw, charset)
    if fallback:
        fallbacks.add(fallback)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return Property(name, value, group, params, tuple(singletons), number)


def decode(raw: bytes, charset: str | None) -> tuple[str, str | None]:
    """``raw`` as text, and the fallback used to read it (None when it is UTF-8, or the
    ``charset`` the line declares)."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            return raw.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"
