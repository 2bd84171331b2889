"""Bit sets of index positions, each held in one Python ``int`` (bit ``n`` set: position ``n`` is in the set), and
the few numpy steps between them and arrays of positions. ``index`` builds and keeps them; these functions know
nothing of case studies."""

from collections.abc import Iterable, Sequence

import numpy as np


def bits_from_positions(positions: Iterable[int] | np.ndarray, size: int) -> int:
    flags = np.zeros(size, dtype=bool)
    flags[np.asarray(positions, dtype=np.int64)] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def flags_of(mask: int, size: int) -> np.ndarray:
    """The bit set as one boolean per position."""
    data = np.frombuffer(mask.to_bytes((size + 7) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(data, bitorder="little")[:size].astype(bool)


def ascending(mask: int, size: int, start: int, stop: int) -> list[int]:
    """Positions of the set bits ranked ``start`` to ``stop - 1`` (0 is the lowest), in ascending order."""
    if stop <= start or mask == 0:
        return []
    return np.flatnonzero(flags_of(mask, size))[start:stop].tolist()


def in_order(mask: int, size: int, order: Sequence[int] | np.ndarray, start: int, stop: int) -> list[int]:
    """The positions of ``order`` whose bit is set in ``mask``, from the ``start``-th to the ``stop - 1``-th."""
    order = np.asarray(order, dtype=np.int64)
    if stop <= start or mask == 0 or not len(order):
        return []
    return order[flags_of(mask, size)[order]][start:stop].tolist()


def at_least(masks: list[int], wanted: int) -> int:
    """The positions set in at least ``wanted`` of ``masks`` (a bitwise counter)."""
    # reached[k] holds the positions seen in at least k + 1 of the masks so far.
    reached = [0] * wanted
    for mask in masks:
        for k in range(wanted - 1, 0, -1):
            reached[k] |= reached[k - 1] & mask
        reached[0] |= mask
    return reached[wanted - 1] if wanted else 0
