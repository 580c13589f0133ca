"""The theme's templates compiled once per process, not once per build.

A build compiles the theme's templates into Python code, and mkdocs-static-i18n runs one build per language: the
same templates were compiled four times per site build (about 0.5 s of it), and again on every `mkdocs serve`
rebuild. Jinja's bytecode cache hands a template's code to an environment when the template's source is unchanged
(its checksum); this one keeps the code in memory, and also keys it on the environment's settings that change the
code Jinja writes, so that no environment gets code compiled for other settings.
"""

from __future__ import annotations

from collections.abc import Hashable
from types import CodeType

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

_SYNTAX = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline",
)
_CODE = ("optimized", "is_async", "autoescape", "finalize", "newstyle_gettext")


def settings(environment: Environment) -> Hashable:
    """What of an environment the compiled code depends on: its syntax, its code generation options, its extensions,
    and the filters and tests the optimiser may call while it compiles."""
    return (
        type(environment),
        tuple(getattr(environment, name) for name in _SYNTAX),
        tuple(getattr(environment, name, None) for name in _CODE),
        tuple(sorted(environment.extensions)),
        tuple(sorted(environment.filters.items(), key=lambda item: item[0])),
        tuple(sorted(environment.tests.items(), key=lambda item: item[0])),
    )


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, by template, source checksum and environment settings."""

    def __init__(self) -> None:
        self._code: dict[Hashable, CodeType] = {}

    @staticmethod
    def _key(bucket: Bucket) -> Hashable:
        return bucket.key, bucket.checksum, settings(bucket.environment)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(self._key(bucket))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[self._key(bucket)] = bucket.code


TEMPLATES = CompiledTemplates()
"""The process's one cache, which every build's environment is given."""


def cached(environment: Environment) -> Environment:
    """The environment, reading and keeping its compiled templates in the process's cache."""
    environment.bytecode_cache = TEMPLATES
    return environment
