"""`tracker report html` and `tracker report team` on SQLite and PostgreSQL.

The page's figures are read back from its data- attributes and compared with
`report imbalance --json` for the same data; the team rows with the per-session LSIs of the
same report.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markupsafe import escape

from tests.helpers.cli import Tracker

SLP = "single leg press"
ROW = "one arm dumbbell row"


class PageFigures(HTMLParser):
    """Collects, per exercise section, the data-field values, the charts and the text; and per
    lifter, the data-field values of each overview row."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, dict[str, Any]] = {}
        self.overview: dict[str, dict[str, Any]] = {}  # "lifter/exercise": its row's fields
        self.lifter: str | None = None
        self.current: dict[str, Any] | None = None
        self.side: str | None = None
        self.session: dict[str, Any] | None = None
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        found = dict(attrs)
        if tag == "section" and "data-exercise" in found:
            key = f"{found['data-lifter']}/{found['data-exercise']}"
            self.current = {"fields": {}, "sides": {}, "sessions": [], "charts": []}
            self.sections[key] = self.current
        elif tag == "section":  # a lifter's overview: no exercise section is open
            self.current, self.lifter = None, found["data-lifter"]
        if tag == "tr" and "data-overview" in found:
            self.current = {"fields": {}}
            self.overview[f"{self.lifter}/{found['data-overview']}"] = self.current
        if self.current is None:
            return
        if tag == "svg" and "data-chart" in found:
            self.current["charts"].append(found)
        if tag == "tr" and "data-side" in found:
            self.side = found["data-side"]
            self.current["sides"][self.side] = {}
        if tag == "tr" and "data-session" in found:
            self.session = {"date": found["data-session"]}
            self.current["sessions"].append(self.session)
        field, value = found.get("data-field"), found.get("data-value")
        if field is None or value is None:
            return
        number = None if value == "" else float(value)
        if self.session is not None:
            self.session[field] = number
        elif self.side is not None:
            self.current["sides"][self.side][field] = number
        else:
            self.current["fields"][field] = number

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.side, self.session = None, None
        if tag == "tr" and self.current is not None and "sides" not in self.current:
            self.current = None  # the end of an overview row


def read_page(path: Path) -> PageFigures:
    parser = PageFigures()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def log_session(tracker: Tracker, when: str, left: str, right: str, name: str = SLP) -> None:
    tracker.ok("log", name, "-l", left, "-r", right, "--at", when)


def assert_page_equals_report(page: PageFigures, report: dict[str, Any]) -> None:
    lifter = report["lifter"]
    assert set(page.sections) == {f"{lifter}/{ex['exercise']}" for ex in report["exercises"]}
    assert set(page.overview) == set(page.sections)
    for ex in report["exercises"]:
        headline = {key: ex[key] for key in ("recent_left", "recent_right", "lsi", "asymmetry_pct")}
        assert page.overview[f"{lifter}/{ex['exercise']}"]["fields"] == headline
        section = page.sections[f"{lifter}/{ex['exercise']}"]
        # The section adds the noise the headline's difference is judged against.
        assert section["fields"] == {**headline, "noise_pct": ex["noise_pct"]}
        for side in ("left", "right"):
            assert section["sides"][side] == {
                key: ex[side][key] for key in ("sets", "reps", "volume", "best_e1rm")
            }
        assert [
            {key: s[key] for key in ("date", "left", "right", "lsi")} for s in section["sessions"]
        ] == ex["sessions"]
        assert len(section["charts"]) == 3 * 2  # each chart wide and narrow (a phone)
        assert len({chart["data-chart"] for chart in section["charts"]}) == 3


def test_html_report_has_the_figures_of_report_imbalance(tracker: Tracker, tmp_path: Path) -> None:
    log_session(tracker, "9 days ago", "10x60", "8x60")
    log_session(tracker, "6 days ago", "10x135lb", "10x60kg")  # kg and lb mix exactly
    log_session(tracker, "3 days ago", "10x62.5", "10x55")
    log_session(tracker, "3 days ago", "10x30", "10x26", name=ROW)
    out = tmp_path / "report.html"
    result = tracker.ok("report", "html", "-o", str(out))
    assert result.stdout == ""
    assert result.stderr.startswith(f"Wrote {out} (2 exercises, ")
    report = tracker.json("report", "imbalance")
    page = read_page(out)
    assert_page_equals_report(page, report)
    volume = tracker.json("report", "imbalance", "--metric", "volume")
    for ex in volume["exercises"]:
        sessions = page.sections[f"me/{ex['exercise']}"]["sessions"]
        assert [(s["volume_left"], s["volume_right"]) for s in sessions] == [
            (s["left"], s["right"]) for s in ex["sessions"]
        ]
    text = out.read_text(encoding="utf-8")
    # The terminal report's verdict and the suggestion for next time are on the page.
    for ex in report["exercises"]:
        assert str(escape(ex["verdict"])) in text  # escaped as the page escapes it ("<15%")
    suggestion = tracker.json("suggest", SLP)
    assert suggestion["rationale"].split(".")[0] in text


def test_html_overview_shows_the_headline_the_lsi_is_computed_from(
    tracker: Tracker, tmp_path: Path
) -> None:
    # One old record on the left, then three equal sessions: the window's bests are 120 and
    # 80, the headline (mean of the latest three sessions' best e1RMs) 80 and 80, LSI 100.
    log_session(tracker, "10 days ago", "10x90", "10x60")
    for days in (6, 4, 2):
        log_session(tracker, f"{days} days ago", "10x60", "10x60")
    out = tmp_path / "report.html"
    tracker.ok("report", "html", "-o", str(out))
    (ex,) = tracker.json("report", "imbalance")["exercises"]
    assert (ex["recent_left"], ex["recent_right"], ex["lsi"], ex["asymmetry_pct"]) == (
        80.0, 80.0, 100.0, 0.0,
    )
    assert (ex["left"]["best_e1rm"], ex["right"]["best_e1rm"]) == (120.0, 80.0)
    page = read_page(out)
    assert page.overview["me/Single Leg Press"]["fields"] == {
        "recent_left": 80.0, "recent_right": 80.0, "lsi": 100.0, "asymmetry_pct": 0.0,
    }
    text = out.read_text(encoding="utf-8")
    # The rows the terminal shows, and headings that say what the figures are.
    assert (
        '<td class="num" data-label="left, mean e1RM, last 3" data-field="recent_left"'
        ' data-value="80.0">80</td>'
    ) in text
    assert "mean e1RM, last 3" in text
    assert "the mean of each session&#39;s best e1RM over the latest 3 sessions" in text
    table = tracker.ok("report", "imbalance").stdout
    assert "Single Leg Press    80     80  100.0" in table
    # With --metric volume the headline is the total over those sessions.
    tracker.ok("report", "html", "--metric", "volume", "-o", str(out))
    (volume,) = tracker.json("report", "imbalance", "--metric", "volume")["exercises"]
    assert (volume["recent_left"], volume["recent_right"]) == (1800.0, 1800.0)
    assert read_page(out).overview["me/Single Leg Press"]["fields"]["recent_left"] == 1800.0
    assert "total volume, last 3" in out.read_text(encoding="utf-8")
    # With --metric reps it is the mean of each session's best-set reps (aggregate_of), as the
    # JSON's 10 and 10 are: the page said "the total reps" (30 and 30).
    tracker.ok("report", "html", "--metric", "reps", "-o", str(out))
    (reps,) = tracker.json("report", "imbalance", "--metric", "reps")["exercises"]
    assert (reps["recent_left"], reps["aggregate"]) == (10.0, "best_set")
    text = out.read_text(encoding="utf-8")
    assert "the mean of each session&#39;s best-set reps over the latest 3" in text
    assert 'data-label="left, mean best-set reps, last 3"' in text and "total reps" not in text


def test_html_report_loads_nothing_and_every_chart_has_a_text_alternative(
    tracker: Tracker,
) -> None:
    log_session(tracker, "2 days ago", "10x60", "8x60")
    log_session(tracker, "1 day ago", "10x60", "9x60")
    page_text = tracker.ok("report", "html").stdout  # stdout without -o
    page = PageFigures()
    page.feed(page_text)
    assert page_text.startswith("<!DOCTYPE html>")
    assert {"script", "link", "img", "iframe", "object"}.isdisjoint(page.tags)
    urls = [v for name, v in page.attributes if name in ("src", "href") and v]
    assert urls == []
    assert "url(" not in page_text and "@import" not in page_text
    assert "default-src 'none'" in page_text
    (section,) = page.sections.values()
    for chart in section["charts"]:
        assert chart["role"] == "img"
        title, desc = chart["aria-labelledby"].split()
        assert f'id="{title}"' in page_text and f'id="{desc}"' in page_text
    assert "LSI per session against the 85 and 90 lines, 2 sessions with both sides" in page_text
    # Print: A4, and a page break before each exercise.
    assert "size: A4" in page_text and "break-before: page" in page_text


def test_html_report_exercise_filter_and_all_lifters(tracker: Tracker, tmp_path: Path) -> None:
    log_session(tracker, "2 days ago", "10x60", "8x60")
    log_session(tracker, "2 days ago", "10x30", "10x26", name=ROW)
    tracker.ok("lifter", "add", "ana", "--unit", "lb")
    tracker.ok("--lifter", "ana", "log", SLP, "-l", "10x100", "-r", "10x90")
    out = tmp_path / "one.html"
    tracker.ok("report", "html", "--exercise", "slp", "-o", str(out))
    assert set(read_page(out).sections) == {"me/Single Leg Press"}
    tracker.ok("--lifter", "ana", "report", "html", "-o", str(out))
    page = read_page(out)
    assert set(page.sections) == {"ana/Single Leg Press"}
    assert_page_equals_report(page, tracker.json("--lifter", "ana", "report", "imbalance"))
    tracker.ok("report", "html", "--all-lifters", "-o", str(out))
    assert set(read_page(out).sections) == {
        "ana/Single Leg Press", "me/Single Leg Press", "me/One-Arm Dumbbell Row",
    }
    assert tracker.fails("--lifter", "ana", "report", "html", "--all-lifters") == (
        "Error: give --lifter or --all-lifters, not both"
    )
    assert tracker.fails("report", "html", "--exercise", "leg press") == (
        "Error: Leg Press is bilateral: the imbalance report compares the sides of unilateral "
        "exercises"
    )
    missing = tmp_path / "no-such-folder" / "r.html"
    assert tracker.fails("report", "html", "-o", str(missing)).startswith(
        f"Error: can't write {missing}: "
    )
    assert not missing.parent.exists()


def test_html_escapes_names(tracker: Tracker) -> None:
    name = '<script>alert("x")</script> Press'
    tracker.ok("lifter", "add", "<b>al</b>")
    # A custom exercise is its maker's own: al makes it to log it.
    tracker.ok(
        "--lifter", "<b>al</b>", "exercises", "add", name, "--unilateral", "--equipment", "machine"
    )
    tracker.ok("--lifter", "<b>al</b>", "log", name, "-l", "10x50", "-r", "10x45")
    for page in (
        tracker.ok("report", "html", "--all-lifters").stdout,
        tracker.ok("report", "team", "--html").stdout,
    ):
        assert "<script>" not in page and "<b>" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Press" in page
        assert "&lt;b&gt;al&lt;/b&gt;" in page


def test_next_session_of_a_bodyweight_lift_is_body_weight_plus_the_load(tracker: Tracker) -> None:
    tracker.ok("log", "pistol squat", "-l", "8xBW+4", "-r", "6xBW+4")
    page = tracker.ok("report", "html").stdout
    assert "left BW+5 kg for 3 reps; right BW+4 kg for 7 reps." in page
    assert "4 kg per side" not in page


def test_all_lifters_shows_a_lifter_without_unilateral_sets(tracker: Tracker) -> None:
    assert "No lifter to show." in tracker.ok("report", "html", "--all-lifters").stdout
    tracker.ok("lifter", "add", "dee")
    tracker.ok("--lifter", "dee", "log", "leg press", "10x100")  # bilateral only
    page = tracker.ok("report", "html", "--all-lifters").stdout
    assert '<section class="lifter" data-lifter="dee"' in page
    assert "No unilateral sets in this window" in page


def strong_rows(sessions: int) -> list[str]:
    """A year of unilateral training in Strong's CSV format: 3 exercises, 3 sets a side."""
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"
    rows = [header]
    names = ["Single Leg Press", "Bulgarian Split Squat", "Single Arm Dumbbell Row"]
    for day in range(sessions):
        when = f"2025-{1 + day // 14:02d}-{1 + day % 14 * 2:02d} 18:{day % 60:02d}:00"
        for n, name in enumerate(names):
            for side in ("Left", "Right"):
                for order in range(3):
                    load = 40 + n * 10 + day // 10 + (2.5 if side == "Left" else 0)
                    cells = f'"{name} ({side})",{order + 1},{load},{8 + order},0,0,'
                    rows.append(f"{when},W,1h,{cells}")
    return rows


def test_a_year_of_training_stays_under_one_megabyte(
    sqlite_tracker: Tracker, tmp_path: Path
) -> None:
    csv_file = tmp_path / "strong.csv"
    csv_file.write_text("\n".join(strong_rows(150)) + "\n", encoding="utf-8")
    sqlite_tracker.ok("import", str(csv_file), "--unit", "kg")
    out = tmp_path / "year.html"
    sqlite_tracker.ok("report", "html", "-o", str(out))
    page = read_page(out)
    assert len(page.sections) == 3
    assert all(len(s["sessions"]) == 150 for s in page.sections.values())
    assert out.stat().st_size < 1_000_000, out.stat().st_size


# -- report team ---------------------------------------------------------------------------


def lsi_session(tracker: Tracker, when: str, right: int, lifter: str = "me") -> None:
    """Left 10x60 (e1RM 80) against right 10xR: LSI = R x 5/3 (54 -> 90, 57 -> 95, 51 -> 85)."""
    tracker.ok("--lifter", lifter, "log", SLP, "-l", "10x60", "-r", f"10x{right}", "--at", when)


def test_team_trend_status_order_and_the_same_lsi_as_the_report(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.ok("lifter", "add", "bo")
    tracker.ok("lifter", "add", "cy")
    # Headline of the latest 3 against the 3 before: 90 -> 95 and 90 -> 85.
    for day, right in ((7, 54), (6, 54), (5, 54), (4, 57), (3, 57), (2, 57)):
        lsi_session(tracker, f"{day} days ago", right)
    for day, right in ((7, 54), (6, 54), (5, 54), (4, 51), (3, 51), (2, 51)):
        lsi_session(tracker, f"{day} days ago", right, "bo")
    for day, right in ((4, 48), (2, 45)):  # two sessions: no trend (it needs 6)
        lsi_session(tracker, f"{day} days ago", right, "cy")
    data = tracker.json("report", "team")
    keys = ("lifter", "lsi", "status", "trend", "baseline_lsi")
    rows = [tuple(r[key] for key in keys) for r in data["rows"]]
    assert rows == [
        ("cy", 77.5, "imbalanced", None, None),  # right 64 and 60 against 80
        ("bo", 85.0, "watch", "worsening", 90.0),
        ("me", 95.0, "balanced", "improving", 90.0),
    ]
    for row in data["rows"]:
        assert_row_is_the_headline(tracker, row)
    assert data["rows"][0]["weaker_side"] == "right"
    text = tracker.ok("report", "team").stdout.splitlines()
    assert text[1].split() == ["lifter", "exercise", "LSI", "compared", "status", "weaker",
                               "trend", "last", "trained"]  # fmt: skip
    assert text[3].split()[:7] == ["cy", "Single", "Leg", "Press", "77.5", "2", "imbalanced"]
    out = tmp_path / "team.html"
    result = tracker.ok("report", "team", "--html", "-o", str(out))
    assert result.stderr.startswith(f"Wrote {out} (3 rows, ")
    page = out.read_text(encoding="utf-8")
    assert page.index('data-lifter="cy"') < page.index('data-lifter="bo"')
    assert page.count('role="img"') == 3
    assert tracker.fails("report", "team", "--json", "--html") == (
        "Error: give --json or --html, not both"
    )


def assert_row_is_the_headline(tracker: Tracker, row: dict[str, Any], since: str = "12w") -> None:
    """A team row says what `report imbalance --since` says of that lifter and exercise."""
    report = tracker.json("--lifter", row["lifter"], "report", "imbalance", row["exercise"],
                          "--since", since)
    (ex,) = report["exercises"]
    assert row["scope"] == "recent"
    for key in ("lsi", "status", "weaker_side", "involved", "compared_sessions", "recent_from"):
        assert row[key] == ex[key], key
    assert row["last_trained"] == ex["sessions"][-1]["date"]
    compared = [s for s in ex["sessions"] if None not in (s["left"], s["right"], s["lsi"])]
    assert row["sessions"] == compared[len(compared) - len(row["sessions"]) :]


def test_team_trend_boundaries_are_five_points(tracker: Tracker) -> None:
    # Before: right 54, 54, 57 (mean e1RM 73.33 against 80: 91.67); now 57 x 3: 95, +3.33.
    for day, right in ((7, 54), (6, 54), (5, 57), (4, 57), (3, 57), (2, 57)):
        lsi_session(tracker, f"{day} days ago", right)
    (row,) = tracker.json("report", "team")["rows"]
    assert (row["trend"], row["baseline_lsi"], row["lsi"]) == ("stable", 91.67, 95.0)


def test_team_reads_recent_sessions_only(tracker: Tracker) -> None:
    for day, right in ((40, 30), (35, 30), (7, 54), (6, 54), (5, 54), (4, 57), (3, 57),
                       (2, 57)):
        lsi_session(tracker, f"{day} days ago", right)
    tracker.ok("log", ROW, "-l", "10x30", "-r", "10x20", "--at", "40 days ago")
    data = tracker.json("report", "team", "--since", "30d")
    (row,) = data["rows"]  # the row, last trained before the window, is not there
    assert row["exercise"] == "Single Leg Press"
    # The sessions before the window (LSI 50) are in neither headline.
    assert [s["lsi"] for s in row["sessions"]] == [90.0, 90.0, 90.0, 95.0, 95.0, 95.0]
    assert row["trend"] == "improving"
    assert_row_is_the_headline(tracker, row, "30d")
    wider = tracker.json("report", "team", "--since", "60d")["rows"]
    assert {r["exercise"] for r in wider} == {"Single Leg Press", "One-Arm Dumbbell Row"}


def test_team_weaker_side_follows_the_imbalance_rule(tracker: Tracker) -> None:
    """Issue 22 item 2: right weaker once in the last three is no consistent weaker side."""
    for day, right in ((10, "10x50"), (7, "10x60"), (4, "10x60"), (1, "10x50")):
        log_session(tracker, f"{day} days ago", "10x60", right)
    (row,) = tracker.json("report", "team")["rows"]
    assert row["weaker_side"] is None
    assert_row_is_the_headline(tracker, row)


def test_team_is_the_headline_on_the_involved_scale(tracker: Tracker) -> None:
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--exercise", SLP)
    log_session(tracker, "2 days ago", "10x66", "10x60")  # involved 88 / 80: LSI 110
    (row,) = tracker.json("report", "team")["rows"]
    assert (row["lsi"], row["involved"], row["status"]) == (110.0, "left", "balanced")
    assert_row_is_the_headline(tracker, row)


def test_team_names_a_weaker_side_only_when_sessions_agree(tracker: Tracker) -> None:
    for day, (left, right) in enumerate((("10x60", "8x60"), ("8x60", "10x60"), ("10x60", "8x60"),
                                         ("8x60", "10x60"))):
        log_session(tracker, f"{5 - day} days ago", left, right)
    (row,) = tracker.json("report", "team")["rows"]
    assert row["weaker_side"] is None and row["status"] == "balanced"


def test_team_json_to_a_file_and_an_empty_team(tracker: Tracker, tmp_path: Path) -> None:
    assert tracker.ok("report", "team").stdout.startswith("No unilateral exercise trained since ")
    tracker.ok("log", SLP, "-l", "10x60")  # one side only: listed, as report imbalance lists it
    (row,) = tracker.json("report", "team")["rows"]
    assert (row["lsi"], row["status"], row["sessions"]) == (None, "incomplete", [])
    assert_row_is_the_headline(tracker, row)
    lsi_session(tracker, "1 day ago", 54)
    out = tmp_path / "team.json"
    tracker.ok("report", "team", "--json", "-o", str(out))
    (row,) = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert (row["lsi"], row["trend"]) == (90.0, None)


def test_team_lists_what_report_imbalance_lists(tracker: Tracker, tmp_path: Path) -> None:
    """A carry logged for time has both sides but no e1RM: report imbalance lists it as
    incomplete, and so does the team view (text, JSON, HTML), after the compared rows."""
    tracker.ok("log", "suitcase carry", "-l", "60sx24", "-r", "45sx24", "65sx24")
    lsi_session(tracker, "1 day ago", 54)
    data = tracker.json("report", "team")
    assert [(r["exercise"], r["lsi"], r["status"]) for r in data["rows"]] == [
        ("Single Leg Press", 90.0, "balanced"),
        ("Suitcase Carry", None, "incomplete"),
    ]
    for row in data["rows"]:
        assert_row_is_the_headline(tracker, row)
    text = tracker.ok("report", "team").stdout.splitlines()
    assert text[4].split() == ["me", "Suitcase", "Carry", "-", "0", "incomplete", "-", "-",
                               data["rows"][1]["last_trained"]]  # fmt: skip
    out = tmp_path / "team.html"
    tracker.ok("report", "team", "--html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert 'data-exercise="Suitcase Carry"' in page and page.count('role="img"') == 1


def test_team_lists_a_pair_of_unloaded_sets_without_failing(tracker: Tracker) -> None:
    """1 x 0 kg on each side, then 13 reps (past the formulas) on one: compared by volume,
    0 against 0 has no LSI: an incomplete row with that session compared, no crash."""
    tracker.ok("log", SLP, "-l", "1x0", "-r", "1x0", "--at", "2 days ago")
    tracker.ok("session", "finish")
    tracker.ok("log", SLP, "-l", "13x20", "--at", "1 day ago")
    (row,) = tracker.json("report", "team")["rows"]
    assert (row["lsi"], row["status"], row["sessions"]) == (None, "incomplete", [])
    assert_row_is_the_headline(tracker, row)


def test_the_html_file_is_private_like_the_database(tracker: Tracker, tmp_path: Path) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x55")
    out = tmp_path / "report.html"
    tracker.ok("report", "html", "-o", str(out))
    assert out.stat().st_mode & 0o777 == 0o600


def test_next_session_keeps_each_side_on_its_own_terms(tracker: Tracker) -> None:
    """One side a plain load, the other BW+10: the page's next session says each as suggest."""
    tracker.ok("log", "single-arm cable row", "-l", "8x80", "-r", "8xBW+10", "--yes")
    page = tracker.ok("report", "html").stdout
    assert "left 80 kg per side for 10 reps; right BW+10 kg for 10 reps." in page
    assert "BW+80" not in page


def test_the_page_says_what_a_load_is_per(tracker: Tracker, tmp_path: Path) -> None:
    """A dumbbell lift's figures are per dumbbell, as the text and JSON say (the page said
    "best e1RM (kg)" alone: half the load a reader would take it for)."""
    tracker.ok("log", "bulgarian split squat", "-l", "8x20", "-r", "8x24")
    assert tracker.json("report", "imbalance")["exercises"][0]["per"] == "dumbbell"
    out = tmp_path / "report.html"
    tracker.ok("report", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert page.count('<span class="note" data-field="per">(per dumbbell)</span>') == 2
