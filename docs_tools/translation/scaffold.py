"""Add a language in one step: its entry in mkdocs.yml, its docs folder, and its reader-facing texts.

The new entry copies what the other translations configure (site description, colour toggle names, navigation
labels) with the English values, so the site builds at once and shows the translator what is left to translate.
mkdocs.yml is edited as text, inserting the entry after the last language, so its comments and layout stay.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel
import material
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs_static_i18n.config import RE_LOCALE

from docs_tools.figures.texts import TEXTS_NAME
from docs_tools.project import CONFIG_NAME, Project, ProjectError, load, nav_labels
from docs_tools.yaml_data import yaml_error

KEEP_FILE = ".gitkeep"


class ScaffoldError(ValueError):
    """The language cannot be added; the message names the value and what is wrong with it."""


@dataclass(frozen=True)
class Scaffolded:
    code: str
    name: str
    config_line: int
    folder: Path
    messages: Path
    figures: Path | None
    """The figures' words file, when the project has one and it was given the new language's block."""


def known_codes() -> list[str]:
    """The language codes Material has interface translations for: the ones a language of this site can use."""
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return sorted(path.stem for path in folder.glob("*.html") if path.stem != "custom")


def check_code(code: str) -> None:
    known = known_codes()
    if code in known:
        return
    close = difflib.get_close_matches(code, known, n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    form = "" if RE_LOCALE.match(code) else " (a code looks like 'de', 'pt-BR' or 'zh-Hant')"
    raise ScaffoldError(f"unknown language code {code!r}{form}: the Material theme has no translation for it."
                        f"{hint} Known codes: {', '.join(known)}.")


def native_name(code: str) -> str:
    """The language's name in itself, as the language selector shows it, e.g. 'Deutsch'."""
    try:
        locale = babel.Locale.parse(code, sep="-")
        name = locale.get_display_name(locale)
    except (ValueError, babel.UnknownLocaleError):
        raise ScaffoldError(f"no known name for {code!r}; pass one with --name") from None
    return name[:1].upper() + name[1:]


class _IndentedDumper(yaml.SafeDumper):
    """Indents lists under their key, as mkdocs.yml does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def language_entry(config: MkDocsConfig, code: str, name: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"locale": code, "name": name, "build": True}
    if config.site_name:
        entry["site_name"] = config.site_name
    if config.site_description:
        entry["site_description"] = config.site_description
    palette = config.theme.get("palette")
    if palette:
        entry["theme"] = {"palette": palette}
    labels = list(dict.fromkeys(nav_labels(config.nav)))
    if labels:
        entry["nav_translations"] = {label: label for label in labels}
    return entry


def _insert_language(text: str, entry: dict[str, Any]) -> tuple[str, int]:
    """mkdocs.yml with `entry` appended to the i18n plugin's `languages:` list; and the line where it starts."""
    lines = text.split("\n")
    plugin = next((i for i, line in enumerate(lines) if re.match(r"^\s*-\s+i18n\s*:\s*$", line)), None)
    if plugin is None:
        raise ScaffoldError(f"{CONFIG_NAME}: no '- i18n:' line under 'plugins:'")
    key = next((i for i in range(plugin + 1, len(lines)) if re.match(r"^\s*languages\s*:\s*$", lines[i])), None)
    if key is None:
        raise ScaffoldError(f"{CONFIG_NAME}: the i18n plugin has no 'languages:' list")
    key_indent = len(lines[key]) - len(lines[key].lstrip())
    item = next((i for i in range(key + 1, len(lines)) if lines[i].strip()), None)
    if item is None or not lines[item].lstrip().startswith("- "):
        raise ScaffoldError(f"{CONFIG_NAME}:{key + 1}: 'languages:' is not followed by a list")
    item_indent = len(lines[item]) - len(lines[item].lstrip())
    last = item
    for index in range(item + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if len(line) - len(line.lstrip()) <= key_indent:
            break
        last = index
    end = last + 1
    dumped = yaml.dump([entry], Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False, width=1000)
    block = [" " * item_indent + line for line in dumped.rstrip("\n").split("\n")]
    return "\n".join([*lines[:end], *block, *lines[end:]]), end + 1


def _with_copied_block(project: Project, path: Path, code: str) -> str:
    """The text of a per-language YAML file with the default language's block copied under `code` (unchanged if
    `code` has one), for the translator to translate."""
    shown = project.shown(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ScaffoldError(yaml_error(shown, error)) from None
    if not isinstance(data, dict) or project.default_language not in data:
        raise ScaffoldError(f"{shown}: no '{project.default_language}' block to copy")
    if code in data:
        return text
    block = yaml.dump({code: data[project.default_language]}, Dumper=_IndentedDumper, allow_unicode=True,
                      sort_keys=False, width=1000)
    return text.rstrip("\n") + "\n\n" + block


def add_language(project: Project, code: str, name: str | None = None) -> Scaffolded:
    """Add `code` to mkdocs.yml, docs/, the reader messages and the figures' words; nothing is written if any step
    would fail."""
    check_code(code)
    if code in {language.code for language in project.languages}:
        raise ScaffoldError(f"{CONFIG_NAME}: '{code}' is already a language of this site")
    name = name or native_name(code)
    config_path = project.root / CONFIG_NAME
    text = config_path.read_text(encoding="utf-8")
    new_text, line = _insert_language(text, language_entry(project.config, code, name))

    messages_path = project.messages_path
    messages_text = _with_copied_block(project, messages_path, code)
    figures_path = project.root / TEXTS_NAME
    figures_text = _with_copied_block(project, figures_path, code) if figures_path.is_file() else None

    config_path.write_text(new_text, encoding="utf-8")
    try:
        added = load(project.root)
        if code not in {language.code for language in added.languages}:
            raise ProjectError(f"{CONFIG_NAME}: the new entry for '{code}' was not read back")
    except (ProjectError, yaml.YAMLError) as error:
        config_path.write_text(text, encoding="utf-8")
        raise ScaffoldError(f"{CONFIG_NAME}: adding '{code}' would break it ({error}); it was left unchanged") from None
    messages_path.write_text(messages_text, encoding="utf-8")
    if figures_text is not None:
        figures_path.write_text(figures_text, encoding="utf-8")
    folder = project.docs_dir / code
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.iterdir()):
        (folder / KEEP_FILE).write_text("", encoding="utf-8")
    return Scaffolded(code, name, line, folder, messages_path, figures_path if figures_text is not None else None)
