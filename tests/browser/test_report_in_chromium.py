"""The HTML pages opened in a real headless Chromium (Debian's, driven by Playwright).

Every request other than the page's own file is blocked and recorded: a self-contained page
makes none. Every chart must render with a size, the console must stay free of errors, and
the figures read from the rendered page must equal `report imbalance --json`. From a 320 px
phone to a desktop, nothing scrolls sideways and no text is drawn under 9 px high.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import Tracker

CHROMIUM = os.environ.get("TRACKER_TEST_CHROMIUM", "/usr/bin/chromium")

# Reads the figures of every exercise section as the browser rendered them.
READ_FIGURES = """() => [...document.querySelectorAll("section.exercise")].map(section => {
  const number = cell => cell.dataset.value === "" ? null : Number(cell.dataset.value);
  const fields = {};
  section.querySelectorAll(":scope > p [data-field][data-value]").forEach(
    cell => { fields[cell.dataset.field] = number(cell); });
  const sides = {};
  section.querySelectorAll("tr[data-side]").forEach(row => {
    sides[row.dataset.side] = {};
    row.querySelectorAll("[data-field]").forEach(
      cell => { sides[row.dataset.side][cell.dataset.field] = number(cell); });
  });
  const sessions = [...section.querySelectorAll("tr[data-session]")].map(row => {
    const s = {date: row.dataset.session};
    row.querySelectorAll("[data-field]").forEach(cell => { s[cell.dataset.field] = number(cell); });
    return s;
  });
  return {
    exercise: section.dataset.exercise,
    status: section.querySelector("[data-field=status]").textContent,
    verdict: section.querySelector("[data-field=verdict]").textContent,
    weaker: section.querySelector("[data-field=weaker_side]").textContent,
    fields, sides, sessions,
  };
})"""

# Reads each overview row: the figures a coach sees first, as the browser rendered them.
READ_OVERVIEW = """() => [...document.querySelectorAll("tr[data-overview]")].map(row => {
  const fields = {exercise: row.dataset.overview};
  row.querySelectorAll("[data-field]").forEach(cell => {
    fields[cell.dataset.field] = Number(cell.dataset.value);
    fields[cell.dataset.field + "_text"] = cell.textContent;
  });
  return fields;
})"""


# Widths from a small phone to a desktop, either side of the page's two breakpoints (tables
# become cards under 901 px, charts show their narrow drawing under 681 px).
WIDTHS = (320, 390, 600, 680, 681, 900, 901, 1000)
SMALLEST_TEXT_PX = 9

# Opens every <details>, then measures what a reader sees: the page's width against the
# window's, every drawn text's size (an SVG text's font size times its scale on screen), SVG
# text outside its chart, the charts drawn and the table cells without a column label.
MEASURE = """() => {
  document.querySelectorAll("details").forEach(details => { details.open = true; });
  const drawn = element => element.getClientRects().length > 0;
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || element.closest("title, desc") || !drawn(element)) continue;
    let px = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement) {
      const m = element.getScreenCTM();
      px *= Math.hypot(m.a, m.b);
    }
    texts.push({text: node.textContent.trim(), px, svg: element instanceof SVGElement});
  }
  const outside = [...document.querySelectorAll("svg.chart text")].filter(drawn).filter(text => {
    const box = text.getBoundingClientRect();
    const chart = text.closest("svg").getBoundingClientRect();
    return box.left < chart.left - 1 || box.right > chart.right + 1
      || box.top < chart.top - 1 || box.bottom > chart.bottom + 1;
  }).map(text => text.textContent);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    texts,
    outside,
    charts: [...document.querySelectorAll("svg.chart")].filter(drawn).map(c => c.dataset.chart),
    unlabelled: document.querySelectorAll("td:not([data-label])").length,
    exercises: document.querySelectorAll("section.exercise").length,
  };
}"""


def chromium_path() -> str:
    if shutil.which(CHROMIUM) is None:
        message = f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


class OpenedPage:
    """A page loaded offline, with what it asked for and what it logged."""

    def __init__(self, browser: Any, path: Path, width: int = 1000) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": width, "height": 1400}, offline=True, java_script_enabled=True
        )
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        self.url = path.resolve().as_uri()
        self.page.goto(self.url, wait_until="load")

    def chart_sizes(self, selector: str) -> list[tuple[float, float]]:
        sizes = []
        for chart in self.page.locator(selector).all():
            box = chart.bounding_box()
            assert box is not None, "a chart is not rendered"
            sizes.append((box["width"], box["height"]))
        return sizes

    def close(self) -> None:
        self.context.close()


def seed(tracker: Tracker) -> None:
    sessions = [
        ("12 days ago", "10x60", "8x60"),
        ("9 days ago", "10x135lb", "10x60kg"),
        ("6 days ago", "10x62.5", "10x55"),
        ("3 days ago", "12x62.5", "10x57.5"),
    ]
    for when, left, right in sessions:
        tracker.ok("log", "single leg press", "-l", left, "-r", right, "--at", when)
        tracker.ok("log", "one arm dumbbell row", "-l", "10x30", "-r", "9x28", "--at", when)
    tracker.ok("lifter", "add", "bo")
    tracker.ok("--lifter", "bo", "log", "slp", "-l", "10x50", "-r", "10x40", "--at", "2 days ago")


def test_report_renders_offline_with_the_figures_of_report_imbalance(
    tracker: Tracker, browser: Any, tmp_path: Path
) -> None:
    seed(tracker)
    out = tmp_path / "report.html"
    tracker.ok("report", "html", "-o", str(out))
    report = tracker.json("report", "imbalance")
    opened = OpenedPage(browser, out)
    try:
        sizes = opened.chart_sizes("svg.chart >> visible=true")
        assert len(sizes) == 3 * len(report["exercises"]) == 6
        assert all(width > 100 and height > 50 for width, height in sizes), sizes
        rendered = opened.page.evaluate(READ_FIGURES)
        overview = opened.page.evaluate(READ_OVERVIEW)
        pdf = opened.page.pdf(format="A4")
        assert opened.requests == [opened.url]  # the page itself, nothing else
        assert opened.errors == []
    finally:
        opened.close()
    # Printed on A4: the overview, then each exercise on a page of its own.
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1 + len(report["exercises"])
    assert [r["exercise"] for r in rendered] == [ex["exercise"] for ex in report["exercises"]]
    headline_keys = ("recent_left", "recent_right", "lsi", "asymmetry_pct")
    for row, ex in zip(overview, report["exercises"], strict=True):
        # The overview shows the headline, the figures the LSI is computed from.
        assert row["exercise"] == ex["exercise"]
        assert {key: row[key] for key in headline_keys} == {key: ex[key] for key in headline_keys}
        assert all(float(row[key + "_text"]) == round(ex[key], 2) for key in headline_keys)
    for shown, ex in zip(rendered, report["exercises"], strict=True):
        assert shown["status"] == ex["status"] and shown["verdict"] == ex["verdict"]
        assert shown["weaker"] == (ex["weaker_side"] or "none named")
        assert shown["fields"] == {key: ex[key] for key in (*headline_keys, "noise_pct")}
        for side in ("left", "right"):
            assert shown["sides"][side] == {
                key: ex[side][key] for key in ("sets", "reps", "volume", "best_e1rm")
            }
        assert [
            {key: s[key] for key in ("date", "left", "right", "lsi")} for s in shown["sessions"]
        ] == ex["sessions"]


def test_team_page_renders_offline(tracker: Tracker, browser: Any, tmp_path: Path) -> None:
    seed(tracker)
    tracker.ok("lifter", "edit", "bo", "--involved", "left")  # 50 against 40: LSI 125
    out = tmp_path / "team.html"
    tracker.ok("report", "team", "--html", "-o", str(out))
    rows = tracker.json("report", "team")["rows"]
    opened = OpenedPage(browser, out)
    try:
        sizes = opened.chart_sizes("svg.team-bar")
        shown = opened.page.evaluate(
            """() => [...document.querySelectorAll("tr[data-lifter]")].map(row => {
                const field = name => row.querySelector(`[data-field=${name}]`);
                const involved = field("involved");
                return [row.dataset.lifter, row.dataset.exercise, field("lsi").textContent,
                        Number(field("compared_sessions").dataset.value),
                        involved && involved.textContent];
            })"""
        )
        # Where the involved 125 is drawn: its bar's right end against its 100 and 115 lines.
        drawn = opened.page.evaluate(
            """() => {
                const svg = document.querySelector("tr[data-lifter=bo] svg.team-bar");
                const lines = [...svg.querySelectorAll("line")].map(
                    line => line.getBoundingClientRect().x);
                return {bar: svg.querySelector("rect.imbalanced").getBoundingClientRect().right,
                        axis: svg.querySelector("line.axis").getBoundingClientRect().x,
                        last: Math.max(...lines)};
            }"""
        )
        assert opened.requests == [opened.url]
        assert opened.errors == []
    finally:
        opened.close()
    assert len(sizes) == len(rows) == 3
    assert all(width > 0 and height > 0 for width, height in sizes)
    assert [(lifter, exercise) for lifter, exercise, *_ in shown] == [
        (r["lifter"], r["exercise"]) for r in rows
    ]
    assert [float(lsi) for _, _, lsi, *_ in shown] == [r["lsi"] for r in rows]
    assert [count for *_, count, _ in shown] == [r["compared_sessions"] for r in rows]
    assert [involved for *_, involved in shown] == [
        r["involved"] and f"involved {r['involved']}" for r in rows
    ]
    assert drawn["bar"] > drawn["last"] > drawn["axis"]  # past 100, and past 115


def test_pages_fit_a_phone_and_a_desktop(
    sqlite_tracker: Tracker, browser: Any, tmp_path: Path
) -> None:
    """At every width: no sideways scrolling (tables reflow into labelled cards), every text
    at least 9 px high as drawn (a chart's narrow drawing on a phone), each chart drawn once.

    SQLite only: a layout check of the pages' bytes, which are the same on either engine when
    the figures are; that the figures are (and render) alike on both engines is the other
    tests' business here and in test_report_oracle.py. Each page is loaded once and measured
    at every width by resizing its window: the pages run no script (checked below), so what a
    width shows is their CSS's alone, as on a page loaded at that width."""
    tracker = sqlite_tracker
    seed(tracker)
    # Names with no place to break: they break anywhere rather than widen the page.
    lifter, exercise = "Maximiliane-Konstantinopoulou", "Supercalifragilistic-Unilateral-Deadlift"
    tracker.ok("lifter", "add", lifter)
    tracker.ok("--lifter", lifter, "exercises", "add", exercise, "--unilateral")
    for when in ("5 days ago", "3 days ago", "1 day ago"):
        tracker.ok("--lifter", lifter, "log", exercise, "-l", "10x20", "-r", "10x22", "--at", when)
    injured(tracker, lifter)  # the return-to-sport section, its table and its chart, too
    report, team = tmp_path / "report.html", tmp_path / "team.html"
    tracker.ok("report", "html", "--all-lifters", "-o", str(report))
    tracker.ok("report", "team", "--html", "-o", str(team))
    for page in (report, team):
        opened = OpenedPage(browser, page, WIDTHS[0])
        try:
            scripts = opened.page.evaluate("() => document.querySelectorAll('script').length")
            assert scripts == 0, f"{page.name} runs a script: load it at each width instead"
            seen_at = {}
            for width in WIDTHS:
                opened.page.set_viewport_size({"width": width, "height": 1400})
                seen_at[width] = opened.page.evaluate(MEASURE)
            assert opened.errors == []
        finally:
            opened.close()
        for width, seen in seen_at.items():
            where = f"{page.name} at {width} px"
            assert seen["scrollWidth"] <= seen["innerWidth"] == width, where
            small = [t for t in seen["texts"] if t["px"] < SMALLEST_TEXT_PX]
            assert small == [], where
            assert seen["outside"] == [], where
            assert seen["unlabelled"] == 0, where  # a card names every figure
            if page == report:
                assert seen["exercises"] == 5, where
                assert len(seen["charts"]) == len(set(seen["charts"])) == 3 * 5 + 1, where
                assert sum(t["svg"] for t in seen["texts"]) > 20 * 5, where


def injured(tracker: Tracker, lifter: str = "me") -> None:
    """Single-leg leg extension before and after an injury of the left leg 20 days ago: the
    worked example of domain-science 1.4b (LSI 92.0, EPIC 76.67)."""
    for when in ("40 days ago", "35 days ago", "30 days ago"):
        tracker.ok("--lifter", lifter, "log", "single-leg leg extension", "-l", "1x110",
                   "-r", "1x120", "--at", when)
    for when in ("5 days ago", "3 days ago", "1 day ago"):
        tracker.ok("--lifter", lifter, "log", "single-leg leg extension", "-l", "1x92",
                   "-r", "1x100", "--at", when)
    day = (date.today() - timedelta(days=20)).isoformat()
    tracker.ok("lifter", "edit", lifter, "--involved", "left", "--injury-date", day)


READ_READINESS = """() => [...document.querySelectorAll("section.readiness tr[data-test]")].map(
    row => {
        const value = name => {
            const cell = row.querySelector(`[data-field=${name}]`);
            return cell.dataset.value === "" ? null : Number(cell.dataset.value);
        };
        return {exercise: row.dataset.test, lsi: value("lsi"), epic: value("epic"),
                recovery: value("recovery"),
                passed: row.querySelector("[data-field=passed]").dataset.value === "true",
                text: row.querySelector("[data-field=passed]").textContent};
    })"""


def test_the_readiness_section_shows_report_readiness(
    tracker: Tracker, browser: Any, tmp_path: Path
) -> None:
    injured(tracker)
    out = tmp_path / "report.html"
    tracker.ok("report", "html", "-o", str(out))
    expected = tracker.json("report", "readiness")
    opened = OpenedPage(browser, out, 390)
    try:
        rows = opened.page.evaluate(READ_READINESS)
        charts = opened.page.evaluate(
            """() => [...document.querySelectorAll("section.readiness svg.chart")]
                .filter(svg => svg.getBoundingClientRect().width > 0)
                .map(svg => svg.querySelectorAll("path.line.epic").length)"""
        )
        heading = opened.page.evaluate(
            "() => document.querySelector('section.readiness .verdict').textContent"
        )
    finally:
        opened.close()
    assert [r["exercise"] for r in rows] == [t["exercise"] for t in expected["tests"]]
    for row, test in zip(rows, expected["tests"], strict=True):
        figures = {key: test[key] for key in ("lsi", "epic", "recovery", "passed")}
        assert {key: row[key] for key in figures} == figures
        assert (test["reason"] or "") in row["text"]
    extension = rows[0]
    assert (extension["lsi"], extension["epic"]) == (92.0, 76.67)  # LSI passes, EPIC fails
    assert charts == [1]  # the one test done: its LSI and EPIC over time
    assert heading.startswith("not passed 2 weeks since the injury")
