"""Handler-level tasks, as Lilya's routes take no `background=`."""

import functools
from collections.abc import Awaitable, Callable

from lilya.background import Task, Tasks
from lilya.responses import Response

Handler = Callable[..., Awaitable[Response]]


def with_background(*tasks: Task) -> Callable[[Handler], Handler]:
    """Run `tasks` after the response and after the tasks it already carries."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def run_handler(*args, **kwargs) -> Response:
            response = await handler(*args, **kwargs)
            own = [] if response.background is None else [response.background]
            response.background = Tasks(tasks=[*own, *tasks])
            return response

        return run_handler

    return decorate
