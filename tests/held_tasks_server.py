"""`python -m tests.held_tasks_server MODULE:APP FD`: uvicorn on an inherited socket, tasks never finish.

Each background task prints `task-start NAME` and then waits forever, so a test can kill the server
while a task is known to be running.
"""

import sys

import anyio
import uvicorn
from lilya.background import Task

from tests.proof import task_name


async def held(task: Task) -> None:
    print(f"task-start {task_name(task)}", flush=True)
    await anyio.sleep_forever()


if __name__ == "__main__":
    Task.__call__ = held
    app, fd = sys.argv[1], int(sys.argv[2])
    uvicorn.run(app, fd=fd, lifespan="off", log_level="warning")
