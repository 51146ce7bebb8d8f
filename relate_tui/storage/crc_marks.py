"""A journal's CRC-32 kept at marks along its bytes, so a splice checksums only what it wrote.

The seal's checksum (``storage.sealed``) covers every byte after the meta record: 57 MB at
J100k, ~20 ms of ``zlib.crc32`` on every save. But a CRC is linear: the CRC of ``A + B`` is
the CRC of ``A`` carried over ``len(B)`` bytes, XOR the CRC of ``B`` (zlib's
``crc32_combine``, which Python's ``zlib`` does not offer, so it is written out here).
``CrcMarks`` holds the running CRC at offsets about every ``STEP`` bytes. After a splice,
whose new bytes are slices of the old ones and a few new records, the CRC of each slice
comes from the marks around its ends (at most ``STEP`` bytes hashed at each end) and the
marks inside it are carried over, so the new file's checksum and marks cost a few
milliseconds whatever its size. The checksum is the very one ``zlib.crc32`` gives over
the whole: the seal's format does not change (a Hypothesis test compares the two).
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections.abc import Mapping, Sequence

STEP = 1 << 18
"""Bytes between marks (256 KiB): what a slice's end may need hashed afresh."""
_POLY = 0xEDB88320  # CRC-32's polynomial, bit-reversed as zlib uses it
_ONE = 1 << 31  # the polynomial 1, in that order


def _multiply(a: int, b: int) -> int:
    """``a × b`` modulo CRC-32's polynomial (zlib's ``multmodp``)."""
    m = _ONE
    product = 0
    while True:
        if a & m:
            product ^= b
            if (a & (m - 1)) == 0:
                return product
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def _powers() -> list[int]:
    """``x^(2^k)`` modulo the polynomial, for k in 0..31 (zlib's ``x2n_table``)."""
    table = [1 << 30]  # x^1
    for _ in range(31):
        table.append(_multiply(table[-1], table[-1]))
    return table


_X2N = _powers()
_shift_cache: dict[int, int] = {}


def _x_to_8n(n: int) -> int:
    """``x^(8n)`` modulo the polynomial: what carries a CRC over ``n`` bytes."""
    power = _shift_cache.get(n)
    if power is None:
        power, k, m = _ONE, 3, n
        while m:
            if m & 1:
                power = _multiply(_X2N[k & 31], power)
            m >>= 1
            k += 1
        if len(_shift_cache) > 4096:
            _shift_cache.clear()
        _shift_cache[n] = power
    return power


def carried(crc: int, length: int) -> int:
    """``crc`` carried over ``length`` bytes: ``crc32(A + B) == carried(crc32(A), len(B))
    ^ crc32(B)`` for any ``A`` and ``B``."""
    return _multiply(_x_to_8n(length), crc) if length else crc


def combined(crc_a: int, crc_b: int, length_b: int) -> int:
    """The CRC-32 of ``A + B`` from the CRC-32s of ``A`` and ``B`` (zlib's ``crc32_combine``)."""
    return carried(crc_a, length_b) ^ crc_b


class CrcMarks:
    """The running CRC-32 of one buffer at ascending offsets, from 0 (CRC 0) to its length
    (its whole CRC)."""

    __slots__ = ("crcs", "offsets")

    def __init__(self, offsets: list[int], crcs: list[int]) -> None:
        self.offsets = offsets
        self.crcs = crcs

    @classmethod
    def of(cls, data: bytes | memoryview) -> CrcMarks:
        """The marks of ``data``, one every ``STEP`` bytes: one pass of ``zlib.crc32``."""
        view = memoryview(data)
        offsets, crcs, crc = [0], [0], 0
        for start in range(0, len(view), STEP):
            chunk = view[start : start + STEP]
            crc = zlib.crc32(chunk, crc)
            offsets.append(start + len(chunk))
            crcs.append(crc)
        return cls(offsets, crcs)

    @property
    def crc(self) -> int:
        """The CRC-32 of the whole buffer."""
        return self.crcs[-1]

    @property
    def length(self) -> int:
        """The buffer's length."""
        return self.offsets[-1]

    def prefix(self, data: bytes | memoryview, at: int) -> int:
        """The CRC-32 of ``data[:at]`` (``data`` being the buffer these marks are of)."""
        index = bisect_right(self.offsets, at) - 1
        mark = self.offsets[index]
        crc = self.crcs[index]
        return zlib.crc32(memoryview(data)[mark:at], crc) if at > mark else crc

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, CrcMarks)
            and self.offsets == other.offsets
            and self.crcs == other.crcs
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CrcMarks({len(self.offsets)} marks, {self.length} bytes, crc {self.crc:08x})"


def spliced_marks(
    old: CrcMarks,
    old_data: bytes | memoryview,
    pieces: Sequence[bytes | memoryview],
    origins: Mapping[int, int],
) -> CrcMarks:
    """The marks of ``b"".join(pieces)``, where a piece whose ``id()`` is in ``origins``
    is ``old_data[origins[id(piece)]:][:len(piece)]`` and any other is new bytes.

    New bytes and short slices are hashed; a long slice's CRC comes from ``old``'s marks
    around its ends, and the marks inside it are carried over to their new offsets (with
    a mark at each piece's end). Marks closer than half a ``STEP`` are thinned out, so
    their number stays about ``2 × length / STEP`` however many splices came before.
    """
    offsets, crcs = [0], [0]
    crc = position = 0
    for piece in pieces:
        length = len(piece)
        if not length:
            continue
        start = origins.get(id(piece))
        if start is None or length < STEP:
            crc = zlib.crc32(piece, crc)
        else:
            end = start + length
            # What was ``old_data[:x]`` is now the new bytes so far and ``old_data[start:x]``:
            # its CRC is the old one at ``x`` XOR ``delta`` carried over ``x - start`` bytes.
            delta = crc ^ old.prefix(old_data, start)
            index = bisect_right(old.offsets, start)
            last = start
            while index < len(old.offsets) and old.offsets[index] < end:
                at = old.offsets[index]
                delta = carried(delta, at - last)
                last = at
                offsets.append(position + at - start)
                crcs.append(old.crcs[index] ^ delta)
                index += 1
            crc = old.prefix(old_data, end) ^ carried(delta, end - last)
        position += length
        offsets.append(position)
        crcs.append(crc)
    return _thinned(offsets, crcs)


def _thinned(offsets: list[int], crcs: list[int]) -> CrcMarks:
    """The marks less those closer than half a ``STEP`` to the one kept before them (the
    first and the last always stay)."""
    kept_offsets, kept_crcs = [offsets[0]], [crcs[0]]
    last = len(offsets) - 1
    for index in range(1, last + 1):
        if index == last or offsets[index] - kept_offsets[-1] >= STEP // 2:
            if offsets[index] == kept_offsets[-1]:
                continue
            kept_offsets.append(offsets[index])
            kept_crcs.append(crcs[index])
    return CrcMarks(kept_offsets, kept_crcs)
