"""Make docs/report.png and docs/report-phone.png: a demo lifter's `tracker report html`, as
headless Chromium shows it on a desktop and on a 390 px wide phone.

    python docs/screenshot.py        # needs Debian's chromium and the test extra (Playwright)

The data is synthetic (a left knee coming back after an injury, three sessions a week for
twelve weeks), imported from a generated Strong CSV into a throw-away database.
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


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TRACKER_DB": f"{tmp}/demo.db", "TRACKER_LIFTER": "sam", "TZ": "UTC"}
        subprocess.run([TRACKER, "lifter", "add", "sam"], env=env, check=True)
        demo_csv(Path(tmp) / "demo.csv")
        subprocess.run([TRACKER, "import", f"{tmp}/demo.csv"], env=env, check=True)
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
            page = browser.new_page(viewport={"width": 900, "height": 1200})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(HERE / "report.png"), full_page=True)
            # A phone: the page down to the LSI chart (the whole of it is over 150 KB).
            page.set_viewport_size({"width": 390, "height": 844})
            lsi = page.locator("svg.chart.narrow[data-chart$=-lsi]").first.bounding_box()
            assert lsi is not None, "the narrow LSI chart is not drawn at 390 px"
            page.screenshot(
                path=str(HERE / "report-phone.png"),
                full_page=True,
                clip={"x": 0, "y": 0, "width": 390, "height": lsi["y"] + lsi["height"] + 12},
            )
            browser.close()


if __name__ == "__main__":
    main()
