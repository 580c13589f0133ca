"""A recording drawn: one row per client, server and task; the events in order in words, in the page's language."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from docs_tools.figures.texts import Texts, for_language, load
from docs_tools.timelines.figure import render, task_labels
from docs_tools.timelines.recording import load as load_recording
from docs_tools.timelines.recording import parse
from tests.docs_tools.timelines.test_recording import EVENTS, text
from tests.mkdocs_site import ROOT

ENGLISH = for_language(load(ROOT), "en")


def items(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", html)]


def test_the_text_alternative_lists_every_event_in_order():
    html = render(parse(text(), "c.json"), ENGLISH)
    assert items(html) == [
        "0.00 ms: The client sends GET /.",
        "0.50 ms: The app receives GET /.",
        "0.70 ms: The app sends http.response.start.",
        "0.90 ms: The app sends http.response.body, the last one of the response.",
        "1.00 ms: Task audit starts.",
        "1.10 ms: The client holds the complete response to GET /.",
        "2.00 ms: Task audit ends.",
        "2.10 ms: The app's call for GET / returns.",
    ]


def test_the_figure_is_one_line_of_well_formed_html_with_its_svg_labelled_and_described():
    html = render(parse(text(), "c.json"), ENGLISH)
    assert "\n" not in html
    figure = ElementTree.fromstring(html)
    svg = figure.find("div/svg")
    assert svg.get("role") == "img"
    assert figure.find(f".//*[@id='{svg.get('aria-labelledby')}']").tag == "figcaption"
    assert figure.find(f".//*[@id='{svg.get('aria-describedby')}']").tag == "ol"


def test_the_figure_has_a_row_per_client_server_and_task():
    html = render(parse(text(), "c.json"), ENGLISH)
    labels = re.findall(r'text-anchor="end">([^<]*)<', html)
    assert labels == ["Client: GET /", "Server: GET /", "Task audit"]
    assert html.count('class="tl-task"') == 2  # the task's bar and its key in the legend


def test_a_failed_and_a_cancelled_task_are_drawn_apart_from_one_that_ended():
    events = [dict(e) for e in EVENTS]
    events[6] = {**events[6], "kind": "task-error"}
    html = render(parse(text(events), "c.json"), ENGLISH)
    assert html.count('class="tl-task tl-failed"') == 2  # the bar and the legend's key
    assert items(html)[6] == "2.00 ms: Task audit fails."


def test_a_function_that_ran_twice_gets_numbered_rows():
    recording = load_recording(ROOT, "as_group")
    assert sorted(task_labels(recording).values()) == ["notify (1)", "notify (2)", "notify (3)"]
    assert task_labels(parse(text(), "c.json")) == {"audit#1": "audit"}


def test_the_words_and_numbers_are_those_of_the_page_language():
    russian = for_language(load(ROOT), "ru")
    html = render(parse(text(), "c.json"), russian)
    assert items(html)[0].startswith("0,00 мс")
    assert "Client" not in html and "The app" not in html


def test_numbers_are_written_with_the_language_decimal_mark():
    texts = Texts("xx", {"decimal_mark": ",", "milliseconds": "{value} ms"})
    assert texts.milliseconds(1234.5) == "1 234,50 ms"
