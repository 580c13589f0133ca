"""Code compared without comments: translated comments pass, any other change does not."""

from __future__ import annotations

import pytest

from docs_tools.markdown.code_comments import without_comments


def lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n"))


def test_python_comments_go_and_hashes_in_strings_stay():
    code = lines('# set up\ncolour = "#fff"  # white\nurl = "http://x/#top"\n\n# done')
    assert without_comments("python", code) == ('colour = "#fff"', 'url = "http://x/#top"')


def test_a_python_comment_translated_into_two_lines_compares_equal():
    english = lines("# Send the e-mail after the response\nsend()")
    russian = lines("# Письмо отправляется\n# после ответа\nsend()")
    assert without_comments("python", english) == without_comments("python", russian)


def test_python_docstrings_are_code():
    assert without_comments("python", lines('"""Say hello."""')) != without_comments("python", lines('"""Olá."""'))


def test_incomplete_python_snippets_still_lose_their_comments():
    assert without_comments("py", lines("call(a,  # first\n")) == ("call(a,",)


def test_shell_comments_start_a_word_and_quotes_protect_hashes():
    code = lines("# start it\ncurl http://h/#anchor -d '# not a comment'  # fetch\necho a#b")
    assert without_comments("bash", code) == ("curl http://h/#anchor -d '# not a comment'", "echo a#b")


def test_slash_and_markup_comments():
    assert without_comments("js", lines('/* setup */\nfetch("http://x") // go')) == ('fetch("http://x")',)
    assert without_comments("html", lines("<!-- note -->\n<p>x</p>")) == ("<p>x</p>",)


@pytest.mark.parametrize("language", ["text", "json", "", "console-output"])
def test_unknown_languages_compare_as_written(language):
    assert without_comments(language, lines("# kept\nvalue  ")) == ("# kept", "value")
