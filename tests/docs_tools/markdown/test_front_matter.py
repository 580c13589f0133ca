"""Reading front matter with clear errors, and writing the stamp without touching anything else."""

from __future__ import annotations

import pytest

from docs_tools.markdown.front_matter import PageError, read, stamp_of, with_stamp

STAMP = "sha256:0123456789abcdef"
PATH = "docs/pt/page.md"


def error_of(text: str) -> str:
    with pytest.raises(PageError) as caught:
        stamp_of(read(text, PATH), PATH)
    return str(caught.value)


def test_a_page_without_front_matter_gets_one():
    assert with_stamp("# Título\n\nTexto.\n", STAMP, PATH) == f"---\ntranslation_of: {STAMP}\n---\n\n# Título\n\nTexto.\n"


def test_the_stamp_joins_existing_front_matter_before_its_closing_line():
    text = "---\ntitle: Tarefas\nhide:\n  - toc\n---\n\n# Tarefas\n"
    assert with_stamp(text, STAMP, PATH) == f"---\ntitle: Tarefas\nhide:\n  - toc\ntranslation_of: {STAMP}\n---\n\n# Tarefas\n"


def test_an_old_stamp_is_replaced_in_place():
    text = "---\ntranslation_of: sha256:ffffffffffffffff\ntitle: T\n---\n# T\n"
    assert with_stamp(text, STAMP, PATH) == f"---\ntranslation_of: {STAMP}\ntitle: T\n---\n# T\n"


def test_crlf_pages_stay_crlf():
    assert with_stamp("# T\r\n", STAMP, PATH) == f"---\r\ntranslation_of: {STAMP}\r\n---\r\n\r\n# T\r\n"


@pytest.mark.parametrize(
    ("text", "stamped"),
    [
        ("---\rtitle: T\r---\r# T\r", f"---\rtitle: T\rtranslation_of: {STAMP}\r---\r# T\r"),
        ("---\r\ntitle: T\n---\n# T\r\n", f"---\r\ntitle: T\ntranslation_of: {STAMP}\r\n---\n# T\r\n"),
        ("\ufeff# T\n", f"\ufeff---\ntranslation_of: {STAMP}\n---\n\n# T\n"),
    ],
    ids=["cr", "mixed", "bom"],
)
def test_other_line_endings_and_a_byte_order_mark_stay_as_they_are(text, stamped):
    assert with_stamp(text, STAMP, PATH) == stamped


def test_the_written_stamp_reads_back():
    text = with_stamp("---\ntitle: T\n---\n# T\n", STAMP, PATH)
    assert stamp_of(read(text, PATH), PATH) == STAMP
    assert read(text, PATH).body_line == 5


def test_a_page_never_stamped_has_no_stamp():
    assert stamp_of(read("# T\n", PATH), PATH) is None


def test_malformed_yaml_names_file_line_and_value():
    message = error_of("---\ntitle: T\nhide: [toc\n---\n# T\n")
    assert message.startswith(f"{PATH}:3: front matter is not valid YAML (")
    assert message.endswith("): 'hide: [toc'")
    assert error_of("---\ntitle: a: b\n---\n").startswith(f"{PATH}:2: front matter is not valid YAML (")


def test_front_matter_that_is_not_a_mapping_is_refused():
    assert error_of("---\n- a\n- b\n---\n# T\n") == f"{PATH}:2: front matter must be 'key: value' lines, found '- a\\n- b'"


def test_an_unclosed_block_is_refused():
    assert error_of("---\ntitle: T\n# T\n") == (
        f"{PATH}:1: front matter opened with '---' is never closed; add a '---' line after it"
    )


def test_a_stamp_that_is_not_a_fingerprint_names_its_line_and_value():
    assert error_of("---\ntitle: T\ntranslation_of: 12345\n---\n") == (
        f"{PATH}:3: translation_of 12345 is not a fingerprint like 'sha256:0123456789abcdef'; run "
        f"'.venv/bin/translations stamp {PATH}' to write it"
    )
