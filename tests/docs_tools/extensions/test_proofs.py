"""Proof marks drawn as numbered links and the page's list of proofs; string in, HTML out."""

from __future__ import annotations

import markdown
import pytest

from docs_tools.extensions.page import ExtensionErrors

TESTS = '''\
def test_runs_after():
    """Checked by ASGI event order.

    Not by time."""


def test_in_order():
    pass
'''
AFTER = "[[proof: tests/test_tasks.py::test_runs_after]]"
ORDER = "[[proof: tests/test_tasks.py::test_in_order]]"


@pytest.fixture
def root(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_tasks.py").write_text(TESTS, encoding="utf-8")
    return tmp_path


def render(text: str, root, **settings) -> str:
    return markdown.markdown(text, extensions=["toc", "docs_tools.extensions.proofs"], extension_configs={
        "docs_tools.extensions.proofs": {"root": str(root), "page": "docs/en/tasks.md", **settings}})


def test_each_mark_is_a_numbered_link_to_its_proof_and_each_proof_links_back_to_every_claim(root):
    html = render(f"# Tasks\n\nAfter. {AFTER}\n\nIn order, after. {ORDER}{AFTER}\n", root)
    assert html == (
        '<h1 id="tasks">Tasks</h1>\n'
        '<p>After. <sup class="proof-ref"><a aria-label="Proof 1" href="#proof-1" id="proof-1-1" '
        'title="Runs after.">1</a></sup></p>\n'
        '<p>In order, after. <sup class="proof-ref"><a aria-label="Proof 2" href="#proof-2" id="proof-2-1" '
        'title="In order.">2</a></sup><sup class="proof-ref proof-ref-next"><a aria-label="Proof 1" href="#proof-1" '
        'id="proof-1-2" '
        'title="Runs after.">1</a></sup></p>\n'
        '<section aria-labelledby="proofs" class="proofs">\n'
        '<h2 id="proofs">Proofs</h2>\n'
        "<p>Each number beside a claim on this page links to the test of this project's suite that proves it.</p>\n"
        "<ol>\n"
        '<li id="proof-1"><span class="proof-claim" lang="en">Runs after.</span><code class="proof-node">'
        'tests/test_tasks.py::test_runs_after</code><span class="proof-docstring" lang="en">Checked by ASGI event '
        'order.</span> <a aria-label="Back to the claim 1" class="proof-back" href="#proof-1-1">↩</a> '
        '<a aria-label="Back to the claim 2" class="proof-back" href="#proof-1-2">↩</a></li>\n'
        '<li id="proof-2"><span class="proof-claim" lang="en">In order.</span><code class="proof-node">'
        'tests/test_tasks.py::test_in_order</code> <a aria-label="Back to the claim" class="proof-back" '
        'href="#proof-2-1">↩</a></li>\n'
        "</ol>\n"
        "</section>"
    )


def test_only_a_mark_right_after_another_is_drawn_as_a_second_proof_of_the_same_claim(root):
    html = render(f"One. {AFTER} Two. {ORDER}{AFTER} {ORDER}\n", root)
    assert [chunk.split('"')[0] for chunk in html.split('<sup class="')[1:]] == [
        "proof-ref", "proof-ref", "proof-ref proof-ref-next", "proof-ref proof-ref-next"]
    assert render(f"One. {AFTER} Two. {ORDER}\n", root).count("proof-ref-next") == 0


def test_the_labels_are_the_pages_language_and_the_tests_words_stay_marked_english(root):
    labels = {"title": "Provas", "text": "Cada número leva à prova.", "reference": "Prova {number}",
              "back": "Voltar à afirmação"}
    html = render(f"# Tarefas\n\nDepois. {AFTER}\n", root, labels=labels)
    assert 'aria-label="Prova 1"' in html and '<h2 id="proofs">Provas</h2>' in html
    assert "<p>Cada número leva à prova.</p>" in html and 'aria-label="Voltar à afirmação"' in html
    assert '<span class="proof-claim" lang="en">Runs after.</span>' in html


def test_the_table_of_contents_lists_the_proofs(root):
    md = markdown.Markdown(extensions=["toc", "docs_tools.extensions.proofs"], extension_configs={
        "docs_tools.extensions.proofs": {"root": str(root), "page": "docs/en/tasks.md"}})
    md.convert(f"# Tasks\n\n## Usage\n\nAfter. {AFTER}\n")
    assert [entry["id"] for entry in md.toc_tokens[0]["children"]] == ["usage", "proofs"]


def test_a_page_without_marks_is_left_as_it_is(root):
    assert render("# Tasks\n\nText `[[proof: tests/test_tasks.py::test_in_order]]`.\n", root) == (
        '<h1 id="tasks">Tasks</h1>\n<p>Text <code>[[proof: tests/test_tasks.py::test_in_order]]</code>.</p>')


def test_every_mark_that_names_no_test_is_reported_together_with_its_line_in_the_file(root):
    text = "Intro.\n\n```md\n[[proof: in/code.py::x]]\n```\n\nA. [[proof: tests/test_tasks.py::test_gone]]\n\nB. [[proof: x]]\n"
    with pytest.raises(ExtensionErrors) as caught:
        render(text, root, first_line=5)
    assert caught.value.messages == [
        "docs/en/tasks.md:11: 'tests/test_tasks.py::test_gone': the file has no function test_gone",
        "docs/en/tasks.md:13: 'x' is not a pytest node id; write tests/…/test_x.py::test_name",
    ]


def test_a_mark_that_names_no_test_is_drawn_as_nothing_when_errors_are_collected(root):
    found = []
    html = render(f"A. [[proof: tests/test_tasks.py::test_gone]]\n\nB. {ORDER}\n", root, errors=found.append)
    assert len(found) == 1
    assert "test_gone" not in html and 'href="#proof-1"' in html


def test_a_heading_named_like_the_list_gets_another_id_from_the_table_of_contents(root):
    assert '<h2 id="proofs_1">Proofs</h2>' in render(f"## Proofs\n\nA. {ORDER}\n", root)


def test_an_id_the_list_needs_given_on_the_page_is_reported(root):
    with pytest.raises(ExtensionErrors) as caught:
        markdown.markdown(f"## Evidence {{ #proofs }}\n\nA. {ORDER}\n", extensions=[
            "toc", "attr_list", "docs_tools.extensions.proofs"], extension_configs={
            "docs_tools.extensions.proofs": {"root": str(root), "page": "docs/en/tasks.md"}})
    assert caught.value.messages == ["docs/en/tasks.md: an element already has the id 'proofs', which the list "
                                     "of proofs needs; choose another id"]
