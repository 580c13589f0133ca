"""The suite's own Redis server answers on 127.0.0.1, keeps what it acknowledged through a SIGKILL when it writes an
append-only file (and loses it when it does not), and is gone when its block ends."""

import pytest
import redis

from tests.redis_server import redis_server


def test_a_server_answers_on_127_0_0_1_and_is_gone_after_its_block(tmp_path):
    with redis_server(tmp_path / "redis") as server:
        client = redis.Redis.from_url(server.url, socket_timeout=5)
        assert client.ping() is True
        client.close()
    assert server.running.process.returncode is not None
    stopped = redis.Redis.from_url(server.url, socket_connect_timeout=1)
    with pytest.raises(redis.ConnectionError):
        stopped.ping()
    stopped.close()


@pytest.mark.parametrize("appendfsync", ["always", "everysec"])
def test_with_an_append_only_file_a_write_it_acknowledged_survives_a_kill(tmp_path, appendfsync):
    assert written_then_killed(tmp_path / "redis", appendfsync) == b"stored"


def test_with_the_default_persistence_a_kill_loses_a_write_it_acknowledged(tmp_path):
    """What the job queue page warns of: Redis's default keeps no append-only file, and its snapshots come minutes
    apart."""
    assert written_then_killed(tmp_path / "redis", None) is None


def written_then_killed(folder, appendfsync):
    """The value of a key written, acknowledged, then read by a server started again on the folder after a SIGKILL."""
    with redis_server(folder, appendfsync) as server:
        with redis.Redis.from_url(server.url, socket_timeout=5) as client:
            client.set("upload:1", "stored")
        server.kill()
    with redis_server(folder, appendfsync) as restarted:
        with redis.Redis.from_url(restarted.url, socket_timeout=5) as client:
            return client.get("upload:1")
