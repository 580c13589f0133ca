import os
import subprocess
import sys

from dramatiq import get_broker
from dramatiq.brokers.redis import MAINTENANCE_SCALE

from docs_src.job_queue import storage
from tests.mkdocs_site import ROOT

PRINT_REDIS = (
    "import asyncio\n"
    "from docs_src.job_queue import storage, web\n"
    "from docs_src.job_queue.worker import store\n"
    "async def web_client():\n"
    "    async with web.lifespan(web.app):\n"
    "        return web.app.state.redis\n"
    "for client in (storage.broker.client, store, asyncio.run(web_client())):\n"
    "    kwargs = client.connection_pool.connection_kwargs\n"
    "    names = ('host', 'port', 'db', 'socket_connect_timeout', 'socket_timeout')\n"
    "    print(*(kwargs[name] for name in names))\n"
)


def redis_servers_read_with(redis_url: dict[str, str]) -> list[str]:
    """Where dramatiq's broker, the jobs' client and the web app's client connect, and how long they wait, given
    REDIS_URL, read in a new process (the modules read it once, on import)."""
    environment = {name: value for name, value in os.environ.items() if name != "REDIS_URL"} | redis_url
    shown = subprocess.run([sys.executable, "-c", PRINT_REDIS], cwd=ROOT, env=environment,
                           capture_output=True, text=True, check=True)
    return shown.stdout.splitlines()


def test_redis_url_names_the_server():
    assert redis_servers_read_with({"REDIS_URL": "redis://10.1.2.3:6380/2"}) == ["10.1.2.3 6380 2 5.0 5.0"] * 3


def test_without_redis_url_a_local_server_on_the_default_port():
    assert redis_servers_read_with({}) == ["127.0.0.1 6379 0 5.0 5.0"] * 3


def test_the_example_broker_is_dramatiqs_and_looks_for_dead_workers_on_every_call_after_15_s_of_silence():
    assert get_broker() is storage.broker
    assert storage.broker.heartbeat_timeout == 15_000
    assert storage.broker.maintenance_chance == MAINTENANCE_SCALE  # a million in a million


def test_each_upload_has_keys_of_its_own():
    keys = {key(upload_id) for upload_id in "ab"
            for key in (storage.upload_key, storage.state_key, storage.tries_key, storage.outcome_key)}
    assert len(keys) == 8 and storage.NOTIFICATIONS not in keys
