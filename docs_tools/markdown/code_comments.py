"""Code with its comments removed: translators may translate comments, and nothing else in a code block.

Comments are recognised per language, outside string literals; Python goes through its own tokenizer. Blank
lines and trailing spaces are dropped too, so a comment translated into two lines, or one removed, compares equal.
A language this module does not know is compared as written.
"""

from __future__ import annotations

import functools
import io
import re
import tokenize

HASH = frozenset({"bash", "sh", "shell", "zsh", "console", "shell-session", "yaml", "yml", "toml", "ini", "cfg",
                  "dockerfile", "docker", "make", "makefile", "ruby", "rb", "perl", "r", "nginx", "conf", "dotenv",
                  "env"})
PYTHON = frozenset({"python", "py", "python3", "py3", "pycon", "pyi"})
SLASH = frozenset({"js", "javascript", "ts", "typescript", "jsx", "tsx", "json5", "jsonc", "c", "cpp", "c++", "java",
                   "go", "rust", "rs", "kotlin", "swift", "scala", "css", "scss", "less"})
MARKUP = frozenset({"html", "xml", "svg", "markdown", "md", "jinja", "jinja2", "htmldjango", "vue"})
DASH = frozenset({"sql", "psql", "postgresql", "mysql", "sqlite", "lua", "haskell", "hs"})


def _scan(line: str, starts: tuple[str, ...], word_start: bool) -> str:
    """The line up to the first comment marker that is outside quotes."""
    quote = None
    index = 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = None
        elif char in "\"'`":
            quote = char
        else:
            for start in starts:
                if line.startswith(start, index) and (not word_start or index == 0 or line[index - 1].isspace()):
                    return line[:index]
        index += 1
    return line


def _without_python_comments(code: str) -> list[str] | None:
    lines = code.split("\n")
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    for token in reversed(tokens):
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    return lines


def _without_block_comments(code: str, opening: str, closing: str) -> str:
    pattern = re.escape(opening) + r".*?" + re.escape(closing)
    return re.sub(pattern, lambda m: "\n" * m[0].count("\n"), code, flags=re.DOTALL)


@functools.lru_cache(maxsize=4096)
def without_comments(language: str, lines: tuple[str, ...]) -> tuple[str, ...]:
    """The code lines that must be the same in every language: comments, blank lines and trailing spaces removed.
    Cached: the translations of a page mostly repeat its blocks, and tokenizing is the costly part."""
    language = language.lower()
    code = "\n".join(lines)
    if language in PYTHON:
        stripped = _without_python_comments(code)
        result = stripped if stripped is not None else [_scan(line, ("#",), False) for line in lines]
    elif language in HASH:
        result = [_scan(line, ("#",), True) for line in lines]
    elif language in SLASH:
        result = [_scan(line, ("//",), False) for line in _without_block_comments(code, "/*", "*/").split("\n")]
    elif language in MARKUP:
        result = _without_block_comments(code, "<!--", "-->").split("\n")
    elif language in DASH:
        result = [_scan(line, ("--",), False) for line in code.split("\n")]
    else:
        result = list(lines)
    return tuple(line.rstrip() for line in result if line.strip())
