"""The suite's own Redis server answers on 127.0.0.1, keeps what it acknowledged through a SIGKILL, and is gone when
its block ends."""

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


def test_a_write_it_acknowledged_survives_a_kill(tmp_path):
    folder = tmp_path / "redis"
    with redis_server(folder) as server:
        client = redis.Redis.from_url(server.url, socket_timeout=5)
        client.set("upload:1", "stored")
        client.close()
        server.kill()
    with redis_server(folder) as restarted:
        client = redis.Redis.from_url(restarted.url, socket_timeout=5)
        assert client.get("upload:1") == b"stored"
        client.close()
