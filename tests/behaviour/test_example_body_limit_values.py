"""The sizes the background-tasks page gives for its examples' body limits. What each endpoint does at its limit is
proven with the limit's name in tests/docs_src/background_tasks/ (test_json_body.py, test_upload.py, test_blocking.py)
and tests/docs_src/job_queue/test_limits.py."""

from docs_src.background_tasks import blocking, json_body, upload

KIB = 1024
MIB = 1024 * KIB


def test_json_bodies_stop_at_64_kib_uploads_at_10_mib_and_the_blocking_examples_files_at_1_mib():
    assert json_body.MAX_JSON_BYTES == 64 * KIB
    assert upload.MAX_UPLOAD_BYTES == 10 * MIB
    assert blocking.MAX_FILE_BYTES == 1 * MIB
