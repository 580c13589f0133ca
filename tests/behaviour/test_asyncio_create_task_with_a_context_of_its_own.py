"""What `asyncio.create_task(..., context=...)` does (Python 3.11+): the task runs in the context it is given, itself,
not in a copy of the context it was created in. The performance page's recipe passes no context."""

from __future__ import annotations

import asyncio
import contextvars
import inspect

from docs_src.performance import held_tasks

request_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_var", default="unset")


def test_a_task_given_a_context_runs_in_that_context_itself_not_in_a_copy_of_the_one_it_was_created_in():
    async def scenario() -> tuple[list[str], str, str]:
        seen: list[str] = []

        async def reads_and_sets() -> None:
            seen.append(request_var.get())
            request_var.set("set by the task")

        given = contextvars.Context()
        request_var.set("at creation")
        await asyncio.get_running_loop().create_task(reads_and_sets(), context=given)
        return seen, given.run(request_var.get), request_var.get()

    seen, in_given, in_creator = asyncio.run(scenario())
    assert seen == ["unset"]  # not what the creating context held
    assert in_given == "set by the task"  # the task's change is in the given context: no copy was made
    assert in_creator == "at creation"


def test_the_recipe_gives_its_task_no_context_of_its_own():
    source = inspect.getsource(held_tasks)
    assert "create_task(" in source and "context=" not in source
