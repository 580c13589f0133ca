"""The timeline: events carry the time they happened and what they belong to, and the recorder can be installed
outside pytest and undone."""

from __future__ import annotations

from lilya.background import Task, Tasks

from docs_tools.timelines.asgi_timeline import Event, TaskRecorder, Timeline
from tests.proof import call_asgi


async def audit() -> None:
    """A task to observe."""


def test_events_are_stamped_in_the_order_they_arrive_and_compare_without_their_stamp():
    timeline = Timeline()
    timeline.add(Event("send", "http.response.start"))
    timeline.add(Event("send", "http.response.body"))
    first, second = timeline.events
    assert 0 < first.at <= second.at
    assert first == Event("send", "http.response.start", source="elsewhere", at=123.0)


def test_two_tasks_of_one_function_get_sources_of_their_own():
    recorder = TaskRecorder()
    one, two = Task(audit), Task(audit)
    assert [recorder.source(one), recorder.source(two), recorder.source(one)] == ["audit#1", "audit#2", "audit#1"]


def test_patched_observes_tasks_for_the_block_only():
    recorder = TaskRecorder()
    original = Task.__call__

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        await Tasks([Task(audit), Task(audit)])()

    with recorder.patched():
        call_asgi(app, recorder.timeline)
    assert Task.__call__ is original
    assert [(e.kind, e.source) for e in recorder.timeline.events if e.kind.startswith("task-")] == [
        ("task-start", "audit#1"), ("task-end", "audit#1"), ("task-start", "audit#2"), ("task-end", "audit#2")]
