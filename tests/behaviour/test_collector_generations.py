"""What the Performance page says of CPython's cyclic garbage collector (the generational one of CPython 3.11, which
the page's figures were measured on): it sorts the objects it tracks into generations by age, collects the young
ones often and walks every object only in a full collection; `gc.freeze()`, `gc.set_threshold()` and `gc.disable()`
change that as the page says; and a collection holds the interpreter lock, so that no event loop runs meanwhile.

Each test counts collections through `gc.callbacks`, and what a collection walks as the objects of the generations it
collects, listed by `gc.get_objects(generation)` as it starts: counts, not timings, except for the interpreter lock,
where an event loop's progress during a collection is compared with its progress during a wait as long."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from tests.proof import TIMEOUT

DEFAULT_THRESHOLDS = (700, 10, 10)
HIGHER_THRESHOLDS = (700, 100, 100)
"""The benchmark's `thresholds` variant (benchmarks/collector_pauses.py): the older generations ten times rarer."""


class Cycle:
    """An object in a reference cycle with itself: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """The collector as CPython starts it (enabled, nothing frozen, default thresholds), put back afterwards."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    gc.set_threshold(*DEFAULT_THRESHOLDS)
    gc.collect()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    (gc.enable if enabled else gc.disable)()
    gc.collect()


@dataclass
class Collection:
    generation: int
    walked: int
    """The objects of the generations it collects (this one and the younger ones), as it starts."""


@dataclass
class Collections:
    """Every collection made while `watching()`, with what it walks."""

    made: list[Collection] = field(default_factory=list)

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            generation = info["generation"]
            walked = sum(len(gc.get_objects(generation=younger)) for younger in range(generation + 1))
            self.made.append(Collection(generation, walked))

    def of(self, generation: int) -> list[Collection]:
        return [made for made in self.made if made.generation == generation]


@contextmanager
def watching() -> Iterator[Collections]:
    collections = Collections()
    gc.callbacks.append(collections)
    try:
        yield collections
    finally:
        gc.callbacks.remove(collections)


def objects_kept(count: int) -> list[list]:
    """`count` tracked objects that stay alive, as the objects of pending tasks do."""
    return [[] for _ in range(count)]


def in_generation(generation: int, found: object) -> bool:
    return any(listed is found for listed in gc.get_objects(generation=generation))


def enough_to_collect_them_all() -> int:
    """More new objects than a quarter of the old ones: CPython 3.11 postpones a full collection until then."""
    return len(gc.get_objects()) + 300_000


def test_young_collections_come_often_and_a_full_one_rarely_as_objects_accumulate():
    count = enough_to_collect_them_all()
    with watching() as collections:
        kept = objects_kept(count)
    young, middle, full = (len(collections.of(generation)) for generation in (0, 1, 2))
    assert young > 5 * middle and middle > full >= 1, (young, middle, full)
    assert len(kept) == count


def test_an_object_that_outlived_the_young_collections_is_freed_only_by_a_full_collection():
    old = Cycle()
    gc.collect(0)
    gc.collect(1)  # it survived both younger generations' collections: it is now in the oldest
    assert in_generation(2, old) and not in_generation(0, old) and not in_generation(1, old)
    freed = weakref.ref(old)
    del old  # garbage now, but only the collector can tell: it is in a cycle
    gc.collect(0)
    gc.collect(1)
    assert freed() is not None, "a collection of the younger generations walked the oldest one"
    gc.collect(2)
    assert freed() is None


def test_freeze_moves_every_tracked_object_where_no_collection_walks_and_later_objects_are_still_walked():
    gc.disable()  # no collection between the garbage made here and the freeze
    before = Cycle()
    frozen_garbage = weakref.ref(before)
    del before
    tracked = len(gc.get_objects())
    gc.freeze()
    gc.enable()
    assert gc.get_freeze_count() >= tracked - 100 and len(gc.get_objects()) < tracked / 10
    with watching() as collections:
        gc.collect()
    [full] = collections.of(2)
    assert full.walked < tracked / 10
    assert frozen_garbage() is not None, "a full collection walked a frozen object"
    after = Cycle()
    later_garbage = weakref.ref(after)
    del after
    gc.collect()
    assert later_garbage() is None, "an object made after the freeze was not walked"
    gc.unfreeze()
    gc.collect()
    assert frozen_garbage() is None


def collections_while_keeping(thresholds: tuple[int, int, int], count: int) -> tuple[Collections, list]:
    gc.set_threshold(*thresholds)
    gc.collect()
    with watching() as collections:
        kept = objects_kept(count)
    return collections, kept


def test_higher_thresholds_make_the_older_collections_rarer_and_give_each_more_to_walk():
    count = enough_to_collect_them_all()
    default, kept = collections_while_keeping(DEFAULT_THRESHOLDS, count)
    del kept
    higher, _kept = collections_while_keeping(HIGHER_THRESHOLDS, count)
    assert len(higher.of(1)) * 5 < len(default.of(1)), (len(higher.of(1)), len(default.of(1)))
    assert len(higher.of(2)) < len(default.of(2)), (len(higher.of(2)), len(default.of(2)))
    most = {name: max(made.walked for made in found.of(1))
            for name, found in (("default", default), ("higher", higher))}
    assert most["higher"] > 5 * most["default"], most


def test_with_higher_thresholds_the_full_collection_is_postponed_not_avoided_and_walks_every_object_kept():
    """Objects are kept, as pending tasks keep theirs, while garbage cycles are made and freed, as requests make
    them: the full collection comes once a hundred collections of the middle generation have run."""
    gc.set_threshold(*HIGHER_THRESHOLDS)
    with watching() as collections:
        kept = objects_kept(len(gc.get_objects()) // 3 + 1000)  # enough new old objects for CPython to walk them all
        for _ in range(20_000_000):
            garbage = []
            garbage.append(garbage)
            if collections.made and collections.made[-1].generation == 2:
                break
        del garbage
    [full] = collections.of(2)
    assert len(collections.of(1)) > 10 * DEFAULT_THRESHOLDS[2], len(collections.of(1))  # ten times the default's
    assert full.walked > len(kept)
    assert all(in_generation(2, kept_one) for kept_one in kept[:: len(kept) // 10])


def test_with_the_collector_disabled_nothing_is_collected_and_objects_in_cycles_pile_up_unfreed():
    gc.disable()
    tracked = len(gc.get_objects())
    with watching() as collections:
        first = Cycle()
        freed = weakref.ref(first)
        del first
        for _ in range(100_000):
            Cycle()
    assert collections.made == []
    assert freed() is not None
    assert len(gc.get_objects()) >= tracked + 100_000


def garbage_cycles(count: int) -> None:
    """`count` objects in cycles, left for the collector (disabled meanwhile, so that it finds them all at once)."""
    enabled = gc.isenabled()
    gc.disable()
    for _ in range(count):
        Cycle()
    if enabled:
        gc.enable()


def event_loop_in_a_thread(stop: threading.Event) -> tuple[list[int], threading.Thread]:
    """An asyncio event loop in a thread of its own, counting its turns until `stop` is set; returned once it turns."""
    turns, turning = [0], threading.Event()

    async def spin() -> None:
        while not stop.is_set():
            turns[0] += 1
            turning.set()
            await asyncio.sleep(0)

    thread = threading.Thread(target=asyncio.run, args=(spin(),), daemon=True)
    thread.start()
    assert turning.wait(TIMEOUT)
    return turns, thread


def turns_during(turns: list[int], action: Callable[[], object]) -> tuple[int, float]:
    began, started = turns[0], time.perf_counter()
    action()
    return turns[0] - began, time.perf_counter() - started


def test_a_full_collection_holds_the_interpreter_lock_so_an_event_loop_in_another_thread_makes_no_turn_meanwhile():
    """The loop is compared with itself during a wait as long as the collection. A switch of the lock may let it run
    for a switch interval (5 ms) as the collection is called and as it returns: a few per cent of the collection."""
    stop = threading.Event()
    turns, thread = event_loop_in_a_thread(stop)
    generations: list[int] = []

    def started(phase: str, info: dict) -> None:
        if phase == "start":
            generations.append(info["generation"])

    try:
        garbage_cycles(1_000_000)
        gc.callbacks.append(started)
        try:
            during, lasted = turns_during(turns, gc.collect)
        finally:
            gc.callbacks.remove(started)
        free, _ = turns_during(turns, lambda: stop.wait(lasted))
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert generations == [2]
    assert lasted > 0.05, lasted
    assert free > 1000 and during < free / 4, (during, free, lasted)
