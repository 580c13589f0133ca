"""The fast loader reads the project's YAML files as PyYAML's SafeLoader does, and says where a broken one breaks."""

from __future__ import annotations

import pytest
import yaml

from docs_tools import yaml_data
from tests.mkdocs_site import ROOT


@pytest.mark.parametrize("name", ["translation_messages.yml", "figure_texts.yml", "translation_glossary.yml"])
def test_the_projects_data_files_read_as_the_safe_loader_reads_them(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert yaml_data.load(text) == yaml.safe_load(text)


def test_libyaml_is_what_reads_them():
    assert yaml_data.LOADER is yaml.CSafeLoader


def test_a_broken_document_names_its_line():
    with pytest.raises(yaml.YAMLError) as raised:
        yaml_data.load("en:\n  title: fine\n  text: [never closed\n")
    assert raised.value.problem_mark.line + 1 == 4


def test_tags_that_run_code_are_refused():
    with pytest.raises(yaml.YAMLError):
        yaml_data.load("!!python/object/apply:os.system ['true']")
