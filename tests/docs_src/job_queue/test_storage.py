import os
import subprocess
import sys

from docs_src.job_queue import storage
from tests.mkdocs_site import ROOT

PRINT_REDIS = "from docs_src.job_queue.storage import REDIS; print(REDIS.host, REDIS.port, REDIS.database)"


def redis_settings_read_with(redis_url: dict[str, str]) -> str:
    """What the module makes of REDIS_URL, read in a new process (the module reads it once, on import)."""
    environment = {name: value for name, value in os.environ.items() if name != "REDIS_URL"} | redis_url
    shown = subprocess.run([sys.executable, "-c", PRINT_REDIS], cwd=ROOT, env=environment,
                           capture_output=True, text=True, check=True)
    return shown.stdout.strip()


def test_redis_url_names_the_server():
    assert redis_settings_read_with({"REDIS_URL": "redis://10.1.2.3:6380/2"}) == "10.1.2.3 6380 2"


def test_without_redis_url_a_local_server_on_the_default_port():
    assert redis_settings_read_with({}) == "127.0.0.1 6379 0"


def test_each_upload_has_keys_of_its_own():
    keys = {storage.upload_key("a"), storage.outcome_key("a"), storage.upload_key("b"), storage.outcome_key("b")}
    assert len(keys) == 4 and storage.NOTIFICATIONS not in keys
