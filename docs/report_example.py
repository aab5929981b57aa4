"""Make ``docs/report-example.html`` and ``docs/report-example.png``: the HTML report of the
README's quick-start query, and a screenshot of it in headless Chromium.

Run from the repository root after installing xpid: ``python docs/report_example.py``.
Needs Chromium (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
QUERY = ["HP:0002028", "HP:0000964", "HP:0100651"]


def main() -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("no Chromium installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    page = DOCS / "report-example.html"
    subprocess.run(
        ["xpid", "rank", *QUERY, "--explain", "3", "--report", str(page)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--window-size=1000,2600",
                f"--screenshot={DOCS / 'report-example.png'}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {page} and {DOCS / 'report-example.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
