"""The reader-facing texts: each language needs every text, each text exactly one [bracketed] link (the proofs
 list's introduction none)."""

from __future__ import annotations

import pytest

from docs_tools.translation.messages import MESSAGES_NAME, MessagesError, for_language, load, written_in
from tests.mkdocs_site import ROOT

GOOD = """\
en:
  not_translated: {title: Not translated, text: "Read the [guide]."}
  outdated: {title: Outdated, text: "See the [English page] first.", changed_sections: "Changed:",
             new_sections: "New:", removed_sections: "Removed:", page_start: Start}
  section_changed: {title: Changed, text: "[Read it in English]."}
  section_removed: {title: Removed, text: "See the [English page]."}
  not_found: {title: Not found, text: "[Home]"}
  page_chrome: {text: "Made with [the theme]", permalink: Link here}
  proofs: {title: Proofs, text: "Each number links to a test.", reference: "Proof {number}", back: Back}
"""


def test_a_message_renders_its_link_as_markdown_or_html(tmp_path):
    path = tmp_path / "messages.yml"
    path.write_text(GOOD, encoding="utf-8")
    messages = load(path)
    assert for_language(messages, "en", "not_translated").markdown("../guide.md") == "Read the [guide](../guide.md)."
    outdated = for_language(messages, "en", "outdated")
    assert outdated.html("../../a/", "en") == 'See the <a href="../../a/" hreflang="en">English page</a> first.'


def test_the_proofs_text_has_no_link_and_keeps_its_labels(tmp_path):
    path = tmp_path / "messages.yml"
    path.write_text(GOOD, encoding="utf-8")
    proofs = for_language(load(path), "en", "proofs")
    assert (proofs.title, proofs.before, proofs.words) == ("Proofs", "Each number links to a test.", "")
    assert proofs.labels == {"reference": "Proof {number}", "back": "Back"}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (GOOD.replace('"Read the [guide]."', '"Read the guide."'),
         "messages.yml: en.not_translated: the text needs exactly one [bracketed] link, found 0: 'Read the guide.'"),
        (GOOD.replace('"[Home]"', '"[Home] or [search]"'),
         "messages.yml: en.not_found: the text needs exactly one [bracketed] link, found 2: '[Home] or [search]'"),
        (GOOD.replace("  section_changed: {title: Changed, text: \"[Read it in English].\"}\n", ""),
         "messages.yml: en.section_changed: needs a 'title' and a 'text'"),
        (GOOD.replace(' new_sections: "New:",', ""), "messages.yml: en.outdated: needs a 'new_sections' text"),
        (GOOD.replace(' page_start: Start', ' page_start: " "'), "messages.yml: en.outdated: needs a 'page_start' text"),
        ("en: hello\n", "messages.yml: en: needs the keys not_translated, outdated, section_changed, "
                         "section_removed, not_found, page_chrome, proofs"),
        (GOOD.replace('text: "Made with [the theme]", ', ""), "messages.yml: en.page_chrome: needs a 'text'"),
        (GOOD.replace(", permalink: Link here", ""), "messages.yml: en.page_chrome: needs a 'permalink' text"),
        ("- en\n", "messages.yml: must map language codes to messages"),
        (GOOD.replace('"Each number links to a test."', '"Each number links to a [test]."'),
         "messages.yml: en.proofs: the text must have no [bracketed] link: 'Each number links to a [test].'"),
        (GOOD.replace('"Proof {number}"', '"Proof"'),
         "messages.yml: en.proofs: 'reference' must hold {number}, where a mark's number goes: 'Proof'"),
        (GOOD.replace(", back: Back", ""), "messages.yml: en.proofs: needs a 'back' text"),
    ],
)
def test_bad_messages_stop_with_language_key_and_value(tmp_path, text, error):
    path = tmp_path / "messages.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MessagesError) as caught:
        load(path)
    assert str(caught.value) == error


def test_a_language_without_messages_is_named(tmp_path):
    path = tmp_path / "messages.yml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(MessagesError) as caught:
        for_language(load(path), "de", "outdated")
    assert str(caught.value) == (
        "translation_messages.yml: no messages for 'de'; copy the 'en' block, rename it 'de' and translate it"
    )


def test_a_message_still_a_copy_of_the_default_languages_is_written_in_it():
    messages = load(ROOT / MESSAGES_NAME)
    copied = {**messages, "de": messages["en"]}
    assert written_in(copied, "de", "outdated", "en") == "en"
    assert written_in(copied, "pt", "outdated", "en") == "pt"
    assert written_in(copied, "en", "outdated", "en") == "en"
