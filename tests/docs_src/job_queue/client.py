"""What a client of the job-queue example's web app does: post an upload, then ask about it at its Location."""

import httpx2

from tests.proof import TIMEOUT

CONTENT = b"name,size\nreport.pdf,1024\n"


def post_upload(base_url: str) -> str:
    """The id of a new upload of CONTENT, checked to be accepted with its Location."""
    response = httpx2.post(base_url + "/uploads", content=CONTENT, timeout=TIMEOUT)
    assert response.status_code == 202, response.text
    upload_id = response.json()["id"]
    assert response.headers["location"] == f"/uploads/{upload_id}"
    return upload_id


def status_of(base_url: str, upload_id: str) -> httpx2.Response:
    return httpx2.get(f"{base_url}/uploads/{upload_id}", timeout=TIMEOUT)
