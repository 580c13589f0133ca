"""Handler-level background tasks for Lilya, whose routes take no `background=`."""

import functools
from collections.abc import Awaitable, Callable

from lilya.background import Task, Tasks
from lilya.responses import Response

Handler = Callable[..., Awaitable[Response]]


def with_background(*tasks: Task) -> Callable[[Handler], Handler]:
    """Run `tasks` after the response, after any tasks the response already carries."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def run_handler(*args, **kwargs) -> Response:
            response = await handler(*args, **kwargs)
            own = [response.background] if response.background is not None else []
            response.background = Tasks(tasks=[*own, *tasks])
            return response

        return run_handler

    return decorate
