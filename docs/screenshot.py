"""Make docs/report.png and docs/report-phone.png: a demo lifter's `tracker report html`, as
headless Chromium shows it on a desktop and on a 390 px wide phone.

    python docs/screenshot.py        # needs Debian's chromium and the test extra (Playwright)

The data is synthetic (a left knee coming back after an injury, three sessions a week for
twelve weeks), imported from a generated Strong CSV into a throw-away database, with the
return-to-sport battery logged before the injury and since (the phone shows that section).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACKER = Path(sys.executable).with_name("tracker")


def demo_csv(path: Path) -> None:
    start = datetime(2026, 9, 7, 18, 0)
    lines = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"]
    for session in range(36):
        when = (start + timedelta(days=session // 3 * 7 + session % 3 * 2)).strftime(
            "%Y-%m-%d %H:%M:%S"
        )
        right = 60 + session // 3 * 2.5
        left = min(right, 40 + session * 1.25)  # the injured side catches up
        wobble = (session * 7) % 3 - 1
        for name, l_load, r_load in (
            ("Single Leg Press", left, right),
            ("Bulgarian Split Squat", left / 3 + wobble, right / 3),
        ):
            for order, reps in enumerate((10, 9, 8)):
                for side, load in (("Left", l_load), ("Right", r_load)):
                    lines.append(
                        f'{when},Rehab,1h,"{name} ({side})",{order + 1},{load:.1f},{reps},0,0,'
                    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


INJURY = "2026-08-17"
# (day, leg extension left and right, hop for distance left and right, 6 m timed hop left and
# right): before the injury both legs near each other, since then the left coming back.
BATTERY = [
    ("2026-07-27", "10x50", "10x52.5", "1.62m", "1.66m", "1.98s", "1.95s"),
    ("2026-08-03", "10x50", "10x52.5", "1.64m", "1.68m", "1.97s", "1.93s"),
    ("2026-08-10", "10x52.5", "10x52.5", "1.65m", "1.67m", "1.95s", "1.94s"),
    ("2026-10-19", "10x35", "10x45", "1.21m", "1.52m", "2.45s", "2.05s"),
    ("2026-11-02", "10x40", "10x47.5", "1.34m", "1.55m", "2.31s", "2.04s"),
    ("2026-11-16", "10x42.5", "10x47.5", "1.42m", "1.56m", "2.22s", "2.02s"),
    ("2026-11-23", "10x45", "10x47.5", "1.45m", "1.57m", "2.18s", "2.03s"),
]


def log_battery(env: dict[str, str]) -> None:
    for day, ext_l, ext_r, hop_l, hop_r, time_l, time_r in BATTERY:
        for name, left, right in (
            ("single-leg leg extension", ext_l, ext_r),
            ("single-leg hop for distance", hop_l, hop_r),
            ("6 m timed hop", time_l, time_r),
        ):
            subprocess.run(
                [TRACKER, "log", name, "-l", left, "-r", right, "--at", f"{day} 18:00"],
                env=env, check=True, stdout=subprocess.DEVNULL,
            )
    subprocess.run(
        [TRACKER, "lifter", "edit", "sam", "--involved", "left", "--injury-date", INJURY],
        env=env, check=True,
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TRACKER_DB": f"{tmp}/demo.db", "TRACKER_LIFTER": "sam", "TZ": "UTC"}
        subprocess.run([TRACKER, "lifter", "add", "sam"], env=env, check=True)
        demo_csv(Path(tmp) / "demo.csv")
        subprocess.run([TRACKER, "import", f"{tmp}/demo.csv"], env=env, check=True)
        log_battery(env)
        page_file = Path(tmp) / "report.html"
        subprocess.run(
            [TRACKER, "report", "html", "--exercise", "single leg press", "-o", str(page_file)],
            env=env,
            check=True,
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1000, "height": 1200})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(HERE / "report.png"), full_page=True)
            # A phone: the return-to-sport section down to its first chart (the whole page is
            # over 150 KB as a PNG).
            page.set_viewport_size({"width": 390, "height": 844})
            section = page.locator("section.readiness").bounding_box()
            chart = page.locator("section.readiness svg.chart.narrow").first.bounding_box()
            assert section is not None and chart is not None, "no readiness section at 390 px"
            top = section["y"] - 8
            page.screenshot(
                path=str(HERE / "report-phone.png"),
                full_page=True,
                clip={"x": 0, "y": top, "width": 390,
                      "height": chart["y"] + chart["height"] + 12 - top},
            )
            browser.close()


if __name__ == "__main__":
    main()
