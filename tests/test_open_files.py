"""The open-file probe the file-response proofs rely on sees a file while it is open and not after it is closed."""

from tests.open_files import is_open


def test_a_file_is_seen_open_only_while_it_is_open(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"x")
    assert not is_open(path)
    with path.open("rb"):
        assert is_open(path)
    assert not is_open(path)
